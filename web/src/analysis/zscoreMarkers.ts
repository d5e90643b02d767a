// Where the pair panel marks entries and exits on the z-score.
import type { SeriesMarker, Time } from "lightweight-charts";
import type { PairRow } from "../types";
import { chartTime, colors } from "../ui/palette";

/** The z-score entry band (±2); exits are at 0. */
export const ENTRY = 2;

/**
 * Entry and exit markers of the mean-reversion rule the bands show: enter when |z| crosses the entry band
 * (short the spread above +2, long below -2), exit when z crosses 0.
 */
export function zscoreMarkers(rows: readonly PairRow[]): SeriesMarker<Time>[] {
  const markers: SeriesMarker<Time>[] = [];
  let position = 0;
  let previous: number | null = null;
  for (const row of rows) {
    const z = row.zscore;
    if (z === null) continue;
    const time = chartTime(row.open_time);
    if (position === 0 && z > ENTRY && (previous === null || previous <= ENTRY)) {
      position = -1;
      markers.push({ time, position: "aboveBar", shape: "arrowDown", color: colors.band, text: "short" });
    } else if (position === 0 && z < -ENTRY && (previous === null || previous >= -ENTRY)) {
      position = 1;
      markers.push({ time, position: "belowBar", shape: "arrowUp", color: colors.up, text: "long" });
    } else if (position !== 0 && previous !== null && Math.sign(z) !== Math.sign(previous)) {
      position = 0;
      markers.push({ time, position: "inBar", shape: "circle", color: colors.exit, text: "exit" });
    }
    previous = z;
  }
  return markers;
}
