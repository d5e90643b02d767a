// The SMA/EMA period lists typed above the price chart.

/** "5, 20" -> "5,20"; anything that is not a positive integer is dropped before it reaches the server. */
export function periods(text: string): string {
  return text.split(",").map((s) => s.trim()).filter((s) => /^[1-9][0-9]{0,3}$/.test(s)).join(",");
}
