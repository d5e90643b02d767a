// The alert rule form's values -> an AlertRule of the contract, or the first problem to show. The server
// validates again (422); checking here keeps obvious mistakes from a round trip and gives a plain message.
import type { AlertRule, AlertType, Priority } from "../types";

export const RULE_TYPES: AlertType[] = ["price_above", "price_below", "zscore_above", "zscore_below", "zscore_cross",
  "correlation_below", "volume_spike", "volatility_change", "crossover", "book_pressure"];

/** Types about a pair of symbols; the others watch one symbol. */
export const PAIR_TYPES = new Set<AlertType>(["zscore_above", "zscore_below", "zscore_cross", "correlation_below"]);

/** Types measured over rolling windows of bars. */
export const WINDOW_TYPES = new Set<AlertType>(["volume_spike", "volatility_change"]);

export const PRIORITIES: Priority[] = ["low", "medium", "high"];

/** The form's fields as the browser gives them: text. */
export interface RuleInput {
  name: string;
  type: string;
  symbol: string;
  a: string;
  b: string;
  interval: string;
  threshold: string;
  threshold2: string;
  priority: string;
  cooldown: string;
  hysteresis: string;
  enabled: boolean;
  window: string;
  shortWindow: string;
}

/** Longest rule name accepted (the form's maxlength; the server has its own limit). */
export const MAX_NAME_LENGTH = 100;

/** A decimal number typed by a person: "1.5", "-2", "1e3"; not "", "0x10", "Infinity" or "1,5". */
function number(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * Returns the rule the form describes (keeping the id and creation time of <paramref>editing</paramref>, or a
 * new id from <paramref>newId</paramref>), or a message naming the first field that is wrong.
 */
export function parseRuleInput(input: RuleInput, editing: AlertRule | null, newId: () => string): AlertRule | string {
  const name = input.name.trim();
  if (!name) return "a name is required";
  if (name.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
  if (!(RULE_TYPES as string[]).includes(input.type)) return `unknown rule type '${input.type}'`;
  const type = input.type as AlertType;
  if (!(PRIORITIES as string[]).includes(input.priority)) return `unknown priority '${input.priority}'`;
  const threshold = number(input.threshold);
  if (threshold === null) return "the threshold must be a number";
  const threshold2 = input.threshold2.trim() === "" ? null : number(input.threshold2);
  if (input.threshold2.trim() !== "" && threshold2 === null) return "threshold 2 must be a number";
  const cooldown = number(input.cooldown);
  if (cooldown === null || !Number.isInteger(cooldown) || cooldown < 0) return "the cooldown must be a whole number of seconds ≥ 0";
  const hysteresis = number(input.hysteresis);
  if (hysteresis === null || hysteresis < 0) return "the hysteresis must be a number ≥ 0";
  if (!input.interval) return "choose an interval";
  const pair = PAIR_TYPES.has(type);
  if (pair && (!input.a || !input.b)) return "choose both symbols of the pair";
  if (pair && input.a === input.b) return "a pair needs two different symbols";
  if (!pair && !input.symbol) return "choose a symbol";
  const windowed = WINDOW_TYPES.has(type);
  const window = number(input.window), shortWindow = number(input.shortWindow);
  if (windowed && (window === null || !Number.isInteger(window) || window < 2)) return "the window must be a whole number of bars ≥ 2";
  if (type === "volatility_change" && (shortWindow === null || !Number.isInteger(shortWindow) || shortWindow < 2 || shortWindow >= window!))
    return "the short window must be a whole number ≥ 2 and below the window";
  return {
    // A new rule gets an id here (letters, digits, '-'): the store keys rules by id and the server may keep it.
    id: newId(),
    ...(editing ?? {}),
    name, type,
    symbol: pair ? null : input.symbol,
    pair: pair ? { a: input.a, b: input.b } : null,
    interval: input.interval, threshold, threshold2,
    priority: input.priority as Priority, cooldown_s: cooldown, hysteresis, enabled: input.enabled,
    window: windowed ? window : null,
    short_window: type === "volatility_change" ? shortWindow : null,
  };
}

/**
 * For a price rule whose level the last price has already reached, the sentence that says when it will fire; else null.
 * Rules fire on crossings: the first price the engine sees after a save only tells it which side the price is on.
 */
export function passedLevelNote(type: string, symbol: string, threshold: number, lastPrice: number | null | undefined): string | null {
  if (typeof lastPrice !== "number" || !Number.isFinite(lastPrice)) return null;
  const at = `${symbol} is at ${lastPrice}`;
  if (type === "price_above" && lastPrice >= threshold)
    return `${at}, already at or above ${threshold}: the rule fires when the price falls back below ${threshold} and rises to it again`;
  if (type === "price_below" && lastPrice <= threshold)
    return `${at}, already at or below ${threshold}: the rule fires when the price rises back above ${threshold} and falls to it again`;
  return null;
}
