// A rule's evaluation state (GET /api/alerts "state") in words: why a rule has or has not fired yet.
import type { AlertRule } from "../types";

/** The cell text and its tooltip; empty when the server evaluates nothing (a store served alone). */
export function describeRuleState(rule: AlertRule): { text: string; title: string } {
  const last = typeof rule.last_value === "number" && Number.isFinite(rule.last_value) ? ` at ${rule.last_value}` : "";
  switch (rule.state) {
    case "armed":
      return { text: "armed", title: `the next crossing fires (last value${last || " unknown"})` };
    case "passed":
      return { text: "passed", title: `the level was reached${last ? ` (last value${last})` : ""}: the value must come back before the rule can fire again` };
    case "no_value":
      return { text: "no value yet", title: "nothing evaluated since the rule was saved; its first value only tells the side" };
    case "disabled":
      return { text: "off", title: "disabled" };
    default:
      return { text: "", title: "" };
  }
}
