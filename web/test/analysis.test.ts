// Pure helpers of the charts: z-score markers, interval lengths, colour scale, period lists, first selection.
import { test } from "node:test";
import assert from "node:assert/strict";
import { zscoreMarkers } from "../src/analysis/zscoreMarkers";
import { intervalMs, type PairRow } from "../src/types";
import { colour } from "../src/ui/colourScale";
import { periods } from "../src/forms/periods";
import { chooseSelection } from "../src/selection";

const rows = (zs: (number | null)[]): PairRow[] => zs.map((zscore, i) => ({
  open_time: 1_723_161_240_000 + i * 60_000, price_a: 1, price_b: 1, hedge_ratio: 1, spread: 0, zscore, correlation: 1,
}));

test("zscoreMarkers_CrossAboveTwoThenZero_ShortThenExit", () => {
  const markers = zscoreMarkers(rows([0.5, 1.9, 2.1, 2.5, 1.0, -0.2, -1]));
  assert.deepEqual(markers.map((m) => [m.time, m.text]), [[1_723_161_360, "short"], [1_723_161_540, "exit"]]);
});

test("zscoreMarkers_CrossBelowMinusTwo_LongThenExitOnTheWayUp", () => {
  const markers = zscoreMarkers(rows([-1, -2.5, -1, 0.1]));
  assert.deepEqual(markers.map((m) => m.text), ["long", "exit"]);
});

test("zscoreMarkers_NullsAndNoCrossings_GiveNoMarker", () => {
  assert.deepEqual(zscoreMarkers(rows([null, null, 0.3, -1.5, 1.9, null])), []);
  assert.deepEqual(zscoreMarkers([]), []);
});

test("zscoreMarkers_StaysAboveTheBand_EntersOnce", () => {
  assert.deepEqual(zscoreMarkers(rows([2.5, 3, 2.2, 3.5])).map((m) => m.text), ["short"]);
});

test("intervalMs_BinanceNames_AndBadNames", () => {
  assert.equal(intervalMs("1s"), 1_000);
  assert.equal(intervalMs("15m"), 900_000);
  assert.equal(intervalMs("4h"), 14_400_000);
  assert.equal(intervalMs("1d"), 86_400_000);
  for (const bad of ["", "m", "0m", "1M", "1.5h", "-1m", "1 m", "1mm", "1y"]) assert.equal(intervalMs(bad), null, bad);
});

test("colour_Scale_EndsAndMiddle", () => {
  assert.equal(colour(1), "rgb(239,83,80)");
  assert.equal(colour(-1), "rgb(66,165,245)");
  assert.equal(colour(0), "rgb(110,118,129)");
  assert.equal(colour(5), colour(1));
  assert.equal(colour(null), "#21262d");
  assert.equal(colour(Number.NaN), "#21262d");
});

test("periods_TypedLists_KeepOnlyPositiveIntegers", () => {
  assert.equal(periods("5, 20"), "5,20");
  assert.equal(periods(" 12 "), "12");
  assert.equal(periods("0,-3,abc,2.5,,7,10000,9999"), "7,9999");
  assert.equal(periods(""), "");
});

test("chooseSelection_AddressValues_OfferedOrFallBack", () => {
  const symbols = ["BTCUSDT", "ETHUSDT"], intervals = ["1s", "1m", "5m"];
  assert.deepEqual(chooseSelection("?symbol=ethusdt&interval=5m", symbols, intervals), { symbol: "ETHUSDT", interval: "5m" });
  assert.deepEqual(chooseSelection("?symbol=NOPE&interval=7x", symbols, intervals), { symbol: "BTCUSDT", interval: "1m" });
  assert.deepEqual(chooseSelection("", symbols, ["1s"]), { symbol: "BTCUSDT", interval: "1s" });
  assert.deepEqual(chooseSelection("?symbol=%E0%A4%A&interval", [], []), { symbol: "", interval: "1m" });
});
