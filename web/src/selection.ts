// The symbol and interval a page opens on: from the address (?symbol=ETHUSDT&interval=5m) when the server
// offers them, else the first symbol and 1m (or the shortest interval offered).

export interface Selection {
  symbol: string;
  interval: string;
}

/** Picks the selection from <paramref>query</paramref>; unknown or malformed values fall back, never throw. */
export function chooseSelection(query: string, symbols: readonly string[], intervals: readonly string[]): Selection {
  const params = new URLSearchParams(query);
  const wanted = (params.get("symbol") ?? "").trim().toUpperCase();
  const interval = (params.get("interval") ?? "").trim();
  return {
    symbol: symbols.includes(wanted) ? wanted : symbols[0] ?? "",
    interval: intervals.includes(interval) ? interval : intervals.includes("1m") ? "1m" : intervals[0] ?? "1m",
  };
}
