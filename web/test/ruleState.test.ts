// A rule's evaluation state in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { describeRuleState } from "../src/ui/ruleState";
import type { AlertRule } from "../src/types";

const rule = (state: string | null | undefined, last_value: number | null = null): AlertRule => ({
  name: "r", type: "price_above", symbol: "BTCUSDT", interval: "1s", threshold: 62000, priority: "high",
  cooldown_s: 0, hysteresis: 0, enabled: true, state, last_value,
});

test("describeRuleState_EachState_SaysWhyTheRuleHasOrHasNotFired", () => {
  assert.deepEqual(describeRuleState(rule("armed", 61854.01)), { text: "armed", title: "the next crossing fires (last value at 61854.01)" });
  assert.deepEqual(describeRuleState(rule("passed", 62010)),
    { text: "passed", title: "the level was reached (last value at 62010): the value must come back before the rule can fire again" });
  assert.equal(describeRuleState(rule("no_value")).text, "no value yet");
  assert.equal(describeRuleState(rule("disabled")).text, "off");
});

test("describeRuleState_NoStateFromTheServer_IsEmpty", () => {
  assert.deepEqual(describeRuleState(rule(undefined)), { text: "", title: "" });
  assert.deepEqual(describeRuleState(rule(null)), { text: "", title: "" });
  assert.deepEqual(describeRuleState(rule("moon")), { text: "", title: "" });
  assert.equal(describeRuleState(rule("armed", Number.NaN)).title, "the next crossing fires (last value unknown)");
});
