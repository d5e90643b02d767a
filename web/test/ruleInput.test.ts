// Alert rule form -> contract JSON, and every way the form's text can be wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRuleInput, passedLevelNote, type RuleInput } from "../src/forms/ruleInput";
import type { AlertRule } from "../src/types";

const good: RuleInput = {
  name: "BTC above 62k", type: "price_above", symbol: "BTCUSDT", a: "BTCUSDT", b: "ETHUSDT", interval: "1m",
  threshold: "62000", threshold2: "", priority: "high", cooldown: "60", hysteresis: "0.5", enabled: true, window: "20", shortWindow: "5",
};
const id = () => "rule-1";
const parse = (change: Partial<RuleInput>, editing: AlertRule | null = null) => parseRuleInput({ ...good, ...change }, editing, id);

test("parseRuleInput_PriceRule_GivesTheContractShape", () => {
  assert.deepEqual(parse({}), {
    id: "rule-1", name: "BTC above 62k", type: "price_above", symbol: "BTCUSDT", pair: null, interval: "1m", threshold: 62000,
    threshold2: null, priority: "high", cooldown_s: 60, hysteresis: 0.5, enabled: true, window: null, short_window: null,
  });
});

test("parseRuleInput_PairRule_HasPairAndNoSymbol", () => {
  const rule = parse({ type: "zscore_cross", threshold: "2", threshold2: "3.5" }) as AlertRule;
  assert.deepEqual(rule.pair, { a: "BTCUSDT", b: "ETHUSDT" });
  assert.equal(rule.symbol, null);
  assert.equal(rule.threshold2, 3.5);
});

test("parseRuleInput_VolatilityRule_KeepsBothWindows", () => {
  const rule = parse({ type: "volatility_change", threshold: "1.5", window: "50", shortWindow: "10" }) as AlertRule;
  assert.equal(rule.window, 50);
  assert.equal(rule.short_window, 10);
});

test("parseRuleInput_Editing_KeepsIdAndCreationTime", () => {
  const editing = { ...(parse({}) as AlertRule), id: "abc", created_ms: 1723161255342 };
  const rule = parse({ name: "renamed" }, editing) as AlertRule;
  assert.equal(rule.id, "abc");
  assert.equal(rule.created_ms, 1723161255342);
  assert.equal(rule.name, "renamed");
});

test("parseRuleInput_BadInput_SaysWhichField", () => {
  const cases: [Partial<RuleInput>, RegExp][] = [
    [{ name: "" }, /name is required/],
    [{ name: "   " }, /name is required/],
    [{ name: "x".repeat(101) }, /longer than 100/],
    [{ type: "price_sideways" }, /unknown rule type/],
    [{ type: "" }, /unknown rule type/],
    [{ priority: "urgent" }, /unknown priority/],
    [{ threshold: "" }, /threshold must be a number/],
    [{ threshold: "abc" }, /threshold must be a number/],
    [{ threshold: "1,5" }, /threshold must be a number/],
    [{ threshold: "0x10" }, /threshold must be a number/],
    [{ threshold: "Infinity" }, /threshold must be a number/],
    [{ threshold: "1e999" }, /threshold must be a number/],
    [{ threshold: "9".repeat(100_000) }, /threshold must be a number/],
    [{ threshold2: "two" }, /threshold 2 must be a number/],
    [{ cooldown: "-1" }, /cooldown/],
    [{ cooldown: "1.5" }, /cooldown/],
    [{ cooldown: "" }, /cooldown/],
    [{ hysteresis: "-0.1" }, /hysteresis/],
    [{ interval: "" }, /interval/],
    [{ symbol: "" }, /choose a symbol/],
    [{ type: "correlation_below", a: "ETHUSDT", b: "ETHUSDT" }, /two different symbols/],
    [{ type: "zscore_above", b: "" }, /both symbols/],
    [{ type: "volume_spike", window: "1" }, /window must be/],
    [{ type: "volume_spike", window: "2.5" }, /window must be/],
    [{ type: "volatility_change", window: "20", shortWindow: "20" }, /short window/],
    [{ type: "volatility_change", shortWindow: "x" }, /short window/],
  ];
  for (const [change, message] of cases) {
    const result = parse(change);
    assert.equal(typeof result, "string", `${JSON.stringify(change).slice(0, 80)} should be refused`);
    assert.match(result as string, message);
  }
});

test("parseRuleInput_NumbersWithSpacesAndExponents_AreRead", () => {
  const rule = parse({ threshold: " 6.2e4 ", hysteresis: ".5", cooldown: "0" }) as AlertRule;
  assert.equal(rule.threshold, 62000);
  assert.equal(rule.hysteresis, 0.5);
  assert.equal(rule.cooldown_s, 0);
});

test("passedLevelNote_PriceAlreadyBeyondTheLevel_SaysWhenTheRuleWillFire", () => {
  assert.equal(passedLevelNote("price_above", "BTCUSDT", 61800, 61854.01),
    "BTCUSDT is at 61854.01, already at or above 61800: the rule fires when the price falls back below 61800 and rises to it again");
  assert.equal(passedLevelNote("price_below", "BTCUSDT", 61900, 61900),
    "BTCUSDT is at 61900, already at or below 61900: the rule fires when the price rises back above 61900 and falls to it again");
});

test("passedLevelNote_PriceOnTheNearSideOrUnknown_SaysNothing", () => {
  assert.equal(passedLevelNote("price_above", "BTCUSDT", 62000, 61854.01), null);
  assert.equal(passedLevelNote("price_below", "BTCUSDT", 61000, 61854.01), null);
  assert.equal(passedLevelNote("price_above", "BTCUSDT", 61000, null), null);
  assert.equal(passedLevelNote("price_above", "BTCUSDT", 61000, Number.NaN), null);
  assert.equal(passedLevelNote("zscore_above", "BTCUSDT", 2, 61854.01), null);
});
