// Colours and the time conversion the charts share; no lightweight-charts code at run time, so the pure
// modules (markers, tests) can use them outside a browser.
import type { UTCTimestamp } from "lightweight-charts";

export const colors = {
  up: "#26a69a",
  down: "#ef5350",
  text: "#c9d1d9",
  grid: "#1f2630",
  a: "#4fc3f7",
  b: "#ffb74d",
  spread: "#ba68c8",
  zscore: "#e6e6e6",
  band: "#ef5350",
  exit: "#8b949e",
  correlation: "#81c784",
  overlays: ["#f6c343", "#4fc3f7", "#ba68c8", "#ff8a65", "#81c784", "#90a4ae"],
};

/** The chart's time for a Unix ms time (lightweight-charts counts seconds, UTC). */
export function chartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}
