// What the user has chosen (symbol and interval) and the symbols the server knows; panels listen for changes.
import { INTERVALS, type SymbolInfo } from "./types";

export type Listener = () => void;

export class AppState {
  symbols: SymbolInfo[] = [];
  symbol = "";
  interval = "1m";
  private readonly listeners = new Set<Listener>();

  get symbolNames(): string[] {
    return this.symbols.map((s) => s.symbol);
  }

  /**
   * The Binance intervals (1s to 1d) that some symbol has bars of, shortest first; all of them when the server
   * does not say. The store keeps a fixed set (an interval it lacks would show an empty chart).
   */
  get intervals(): string[] {
    const offered = new Set<string>();
    for (const s of this.symbols) for (const interval of s.intervals ?? []) offered.add(interval);
    const known = INTERVALS.filter((i) => offered.has(i));
    return known.length > 0 ? known : [...INTERVALS];
  }

  /** Changes the selection and tells every panel (once, even when both change). */
  select(symbol: string, interval: string): void {
    if (symbol === this.symbol && interval === this.interval) return;
    this.symbol = symbol;
    this.interval = interval;
    const params = new URLSearchParams(location.search);
    params.set("symbol", symbol);
    params.set("interval", interval);
    history.replaceState(null, "", `${location.pathname}?${params}`);
    for (const listener of this.listeners) listener();
  }

  onChange(listener: Listener): void {
    this.listeners.add(listener);
  }
}
