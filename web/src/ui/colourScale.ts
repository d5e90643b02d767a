// The correlation heatmap's colour scale.

/** Diverging scale: -1 blue, 0 grey, +1 red; null (too few bars) is dark. */
export function colour(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "#21262d";
  const t = Math.max(-1, Math.min(1, value));
  const grey = [110, 118, 129];
  const end = t >= 0 ? [239, 83, 80] : [66, 165, 245];
  const k = Math.abs(t);
  const mix = (i: number) => Math.round(grey[i] + (end[i] - grey[i]) * k);
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}
