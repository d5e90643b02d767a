// JSON shapes of the Tickwise API (/work/prompts/api-contract.md): snake_case names, Unix ms times,
// statistics that may be null (NaN/Infinity are written as null).

export interface SymbolHealth {
  symbol: string;
  connected: boolean;
  last_message_age_ms: number | null;
  messages_per_second: number;
  messages: number;
  gaps_repaired: number;
  trades_repaired: number;
  parse_errors: number;
  book_synchronized: boolean | null;
  dropped: number;
}

export interface HealthReport {
  source: string;
  started_at_ms: number;
  symbols: SymbolHealth[];
  pipeline: Record<string, number>;
  store: string;
  store_healthy: boolean;
}

export interface SymbolInfo {
  symbol: string;
  intervals: string[];
  first_trade_ms: number | null;
  last_trade_ms: number | null;
  trades: number;
}

export interface BarRow {
  open_time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quote_volume: number;
  taker_buy_volume: number;
  trades: number;
}

/** A bar on the live feed: the /api/bars row plus where it belongs. */
export interface LiveBar extends BarRow {
  symbol: string;
  interval: string;
}

export interface StatsRow {
  interval: string;
  bars: number;
  last: number | null;
  mean: number | null;
  std_dev: number | null;
  min: number | null;
  max: number | null;
  return: number | null;
  volume: number | null;
  trades: number;
}

export interface PairAnalytics {
  a: string;
  b: string;
  interval: string;
  hedge: string;
  n: number;
  hedge_ratio: number | null;
  intercept: number | null;
  r_squared: number | null;
  spread_last: number | null;
  zscore_last: number | null;
  adf_stat: number | null;
  adf_pvalue: number | null;
  adf_lags: number | null;
  adf_crit: Record<string, number | null> | null;
  half_life: number | null;
  correlation: number | null;
}

export interface PairRow {
  open_time: number;
  price_a: number;
  price_b: number;
  hedge_ratio: number | null;
  spread: number | null;
  zscore: number | null;
  correlation: number | null;
}

export interface LivePair extends PairRow {
  a: string;
  b: string;
  interval: string;
  adf_pvalue: number | null;
  half_life: number | null;
}

export interface CorrelationMatrix {
  symbols: string[];
  interval: string;
  window: number;
  n: number;
  matrix: (number | null)[][];
}

export interface Level {
  price: number;
  kind: "support" | "resistance";
  touches: number;
  strength: number;
}

export interface Cross {
  time: number;
  direction: "up" | "down";
  price: number;
}

export interface Indicators {
  open_times: number[];
  sma: Record<string, (number | null)[]>;
  ema: Record<string, (number | null)[]>;
  levels: Level[];
  crosses: Cross[];
}

export type AlertType =
  | "price_above" | "price_below" | "zscore_above" | "zscore_below" | "zscore_cross"
  | "correlation_below" | "volume_spike" | "volatility_change" | "crossover" | "book_pressure";

export type Priority = "low" | "medium" | "high";

export interface AlertRule {
  id?: string;
  name: string;
  type: AlertType;
  symbol?: string | null;
  pair?: { a: string; b: string } | null;
  interval: string;
  threshold: number;
  threshold2?: number | null;
  priority: Priority;
  cooldown_s: number;
  hysteresis: number;
  enabled: boolean;
  created_ms?: number;
  /** volume_spike: bars in the rolling mean volume; volatility_change: bars of the long realized volatility. */
  window?: number | null;
  /** volatility_change: bars of the short realized volatility. */
  short_window?: number | null;
  /** Where a running pipeline's evaluation stands (absent when the server evaluates nothing): no_value, armed, passed, disabled. */
  state?: string | null;
  /** The last value the rule evaluated (price, z-score, ratio). */
  last_value?: number | null;
  /** Data time of the rule's last fire. */
  last_fire_ms?: number | null;
}

export interface AlertEvent {
  id: string;
  rule_id: string;
  rule_name: string;
  type: AlertType;
  symbol?: string | null;
  pair?: { a: string; b: string } | null;
  interval: string;
  priority: Priority;
  time: number;
  value: number | null;
  threshold: number | null;
  message: string;
  values?: Record<string, number | null>;
}

export interface Signal {
  id: string;
  time: number;
  strategy: string;
  variant: string;
  symbol: string;
  side: "buy" | "sell" | "exit";
  strength: "STRONG" | "MODERATE" | null;
  price: number;
  reason: string;
}

export interface Order {
  id: string;
  client_order_id: string;
  time: number;
  symbol: string;
  side: "buy" | "sell";
  type: "market" | "limit";
  quantity: number;
  price?: number | null;
  status: "new" | "partially_filled" | "filled" | "canceled" | "rejected";
  filled_quantity: number;
  average_price: number | null;
  fee: number | null;
  broker: "paper" | "testnet" | "backtest";
  strategy?: string | null;
  reject_reason?: string | null;
}

export interface Position {
  strategy: string;
  variant: string;
  symbol: string;
  quantity: number;
  average_price: number | null;
  realized_pnl: number | null;
  unrealized_pnl: number | null;
  last_price: number | null;
  opened_ms: number | null;
}

/** One server -> client frame on /ws. */
export interface FeedMessage {
  channel: string;
  type: string;
  data: unknown;
}

/** The Binance interval names the dashboard offers, shortest first. */
export const INTERVALS = ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d"] as const;

/** Milliseconds in an interval name ("1s", "5m", "4h", "1d", "1w"), or null for a name that is not one. */
export function intervalMs(name: string): number | null {
  const match = /^([1-9][0-9]*)([smhdw])$/.exec(name);
  if (!match) return null;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as "s" | "m" | "h" | "d" | "w"];
  return Number(match[1]) * unit;
}
