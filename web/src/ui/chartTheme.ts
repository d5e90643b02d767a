// Shared lightweight-charts options: dark theme, UTC time axis, sizes that follow the container.
import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions } from "lightweight-charts";
import { colors } from "./palette";

export { chartTime, colors } from "./palette";


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
