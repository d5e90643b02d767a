// Shared lightweight-charts options: dark theme, UTC time axis, sizes that follow the container.
import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions, type UTCTimestamp } from "lightweight-charts";

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

export function chartOptions(): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: "#0d1117" }, textColor: colors.text, attributionLogo: false },
    grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    crosshair: { mode: CrosshairMode.Normal },
    timeScale: { timeVisible: true, secondsVisible: true, borderColor: colors.grid },
    rightPriceScale: { borderColor: colors.grid },
  };
}

/** The chart's time for a Unix ms time (lightweight-charts counts seconds, UTC). */
export function chartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}
