// Pair panel: both prices normalized to 100, the spread with its hedge ratio, the z-score with ±2 entry
// and 0 exit bands and markers, the rolling correlation, and the ADF statistic, p-value and half-life.
import {
  LineSeries, LineStyle, createChart, createSeriesMarkers,
  type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type Time,
} from "lightweight-charts";
import { csvUrl, describe, getJson, has } from "../api";
import type { Feed } from "../feed";
import type { AppState } from "../state";
import { intervalMs, type LivePair, type PairAnalytics, type PairRow } from "../types";
import { fillSelect, h, panel, select, setNote } from "../ui/dom";
import { chartOptions, chartTime, colors } from "../ui/chartTheme";
import { num } from "../ui/format";
import { ENTRY, zscoreMarkers } from "../analysis/zscoreMarkers";

const HEDGES = ["ols", "huber", "theilsen", "kalman"];
const WINDOWS = ["50", "100", "200", "500"];
const HISTORY_ROWS = 1000;
/** Rows shown for sub-minute bars (five minutes of 1s bars): every row costs the server a full refit of the pair's
 * statistics, and this panel is on the first paint, where 1000 rows of 1s bars were the slowest request. */
const SHORT_HISTORY_ROWS = 300;

/** How many rows of history the chart shows for bars of <paramref>step</paramref> milliseconds. */
export function historyRows(step: number | null): number {
  return step !== null && step < 60_000 ? SHORT_HISTORY_ROWS : HISTORY_ROWS;
}

export class PairChart {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly aSelect = select("pair-a", []);
  private readonly bSelect = select("pair-b", []);
  private readonly hedgeSelect = select("hedge", HEDGES, "ols");
  private readonly windowSelect = select("window", WINDOWS, "100");
  private readonly csv = h("a", { class: "button csv", "data-table": "pair", role: "button" }, "Download CSV");
  private readonly container = h("div", { class: "chart tall", id: "pair-chart" });
  private readonly stats = h("dl", { class: "pair-stats", id: "pair-stats" });
  private chart: IChartApi | null = null;
  private series: Record<"a" | "b" | "spread" | "zscore" | "correlation", ISeriesApi<"Line">> | null = null;
  private markers!: ISeriesMarkersPluginApi<Time>;
  private rows: PairRow[] = [];
  private baseA = 0;
  private baseB = 0;
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly state: AppState, private readonly feed: Feed) {
    const p = panel("pair-panel", "Pair");
    this.root = p.root;
    this.note = p.note;
    p.tools.append(this.aSelect, h("span", {}, "/"), this.bSelect, h("label", {}, "hedge ", this.hedgeSelect),
      h("label", {}, "window ", this.windowSelect), this.csv);
    p.body.append(this.container, this.stats);
    for (const s of [this.aSelect, this.bSelect, this.hedgeSelect, this.windowSelect]) s.addEventListener("change", () => void this.load());
    state.onChange(() => void this.load());
  }

  async start(): Promise<void> {
    const names = this.state.symbolNames;
    fillSelect(this.aSelect, names, names[0]);
    fillSelect(this.bSelect, names, names[1] ?? names[0]);
    if (!has("get", "/api/pairs/series") || names.length < 2) {
      setNote(this.note, names.length < 2 ? "needs two symbols" : "not available");
      this.csv.hidden = true;
      return;
    }
    const chart = createChart(this.container, chartOptions());
    this.chart = chart;
    const line = (color: string, title: string, pane: number, style: LineStyle = LineStyle.Solid) =>
      chart.addSeries(LineSeries, { color, title, lineWidth: 1, lineStyle: style, priceLineVisible: false }, pane);
    this.series = {
      a: line(colors.a, "A", 0),
      b: line(colors.b, "B", 0),
      spread: line(colors.spread, "spread", 1),
      zscore: line(colors.zscore, "z", 2),
      correlation: line(colors.correlation, "corr", 3),
    };
    for (const [value, color] of [[ENTRY, colors.band], [-ENTRY, colors.band], [0, colors.exit]] as const) {
      this.series.zscore.createPriceLine({ price: value, color, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: "" });
    }
    this.markers = createSeriesMarkers(this.series.zscore, []);
    const panes = chart.panes();
    [3, 2, 2, 1.2].forEach((factor, i) => panes[i]?.setStretchFactor(factor));
    await this.load();
  }

  private async load(): Promise<void> {
    if (!this.series) return;
    const generation = ++this.generation;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const a = this.aSelect.value, b = this.bSelect.value, interval = this.state.interval;
    const hedge = this.hedgeSelect.value, window = Number(this.windowSelect.value);
    this.container.dataset.rows = "";
    this.container.dataset.interval = interval;
    this.csv.href = csvUrl("/api/pairs/series", { a, b, interval, window, hedge });
    this.csv.setAttribute("download", `pair-${a}-${b}-${interval}.csv`);
    if (a === b) {
      setNote(this.note, "choose two different symbols");
      this.setRows([]);
      return;
    }
    setNote(this.note, "loading…");
    const analytics = this.loadAnalytics(generation, a, b, interval, window, hedge);
    try {
      const rows = await getJson<PairRow[]>("/api/pairs/series", { a, b, interval, window, hedge, from: this.from(a, b, interval) });
      if (generation !== this.generation) return;
      this.setRows(rows.slice(-historyRows(intervalMs(interval))));
      setNote(this.note, `${a} / ${b} ${interval} · ${rows.length} bars`);
    } catch (error) {
      if (generation !== this.generation) return;
      this.setRows([]);
      setNote(this.note, describe(error), "error");
    }
    this.container.dataset.rows = String(this.rows.length);
    this.unsubscribe = this.feed.subscribe(`pair:${a}:${b}:${interval}`, (m) => {
      if (m.type === "pair") this.live(m.data as LivePair);
    });
    await analytics;
  }

  /**
   * Where the series starts: the last historyRows bars before the newest trade of the pair, so that a long-running
   * store does not send days of 1s bars the chart would drop anyway. The server warms the statistics up on the
   * window's bars before this time by itself, so the first row shown is defined.
   */
  private from(a: string, b: string, interval: string): number | undefined {
    const step = intervalMs(interval);
    const last = Math.max(...this.state.symbols.filter((s) => s.symbol === a || s.symbol === b).map((s) => s.last_trade_ms ?? 0));
    if (step === null || !(last > 0)) return undefined;
    return Math.floor(last / step) * step - (historyRows(step) - 1) * step;
  }

  private async loadAnalytics(generation: number, a: string, b: string, interval: string, window: number, hedge: string): Promise<void> {
    if (!has("get", "/api/pairs/analytics")) {
      this.stats.replaceChildren(h("dt", {}, "analytics"), h("dd", {}, "not available"));
      return;
    }
    try {
      // The ADF test wants a longer sample than the rolling window: 500 bars as the contract's default.
      const result = await getJson<PairAnalytics>("/api/pairs/analytics", { a, b, interval, window: Math.max(window, 500), hedge });
      if (generation !== this.generation) return;
      const item = (name: string, value: string, key: string) => [h("dt", {}, name), h("dd", { "data-stat": key }, value)];
      this.stats.replaceChildren(
        ...item("hedge ratio", num(result.hedge_ratio), "hedge_ratio"),
        ...item("R²", num(result.r_squared), "r_squared"),
        ...item("z-score", num(result.zscore_last, 3), "zscore_last"),
        ...item("correlation", num(result.correlation, 3), "correlation"),
        ...item("ADF stat", num(result.adf_stat, 3), "adf_stat"),
        ...item("p-value", num(result.adf_pvalue, 3), "adf_pvalue"),
        ...item("ADF 5%", num(result.adf_crit?.["5%"] ?? null, 3), "adf_crit"),
        ...item("half-life", result.half_life === null ? "–" : `${num(result.half_life, 1)} bars`, "half_life"),
        ...item("n", String(result.n), "n"),
      );
    } catch (error) {
      if (generation === this.generation) this.stats.replaceChildren(h("dt", {}, "analytics"), h("dd", {}, describe(error)));
    }
  }

  private live(row: LivePair): void {
    const last = this.rows.at(-1);
    if (last && row.open_time < last.open_time) return;
    if (last && row.open_time === last.open_time) this.rows[this.rows.length - 1] = row;
    else this.rows.push(row);
    if (this.rows.length === 1) this.setRows(this.rows);
    const s = this.series!;
    const t = chartTime(row.open_time);
    s.a.update({ time: t, value: (row.price_a / this.baseA) * 100 });
    s.b.update({ time: t, value: (row.price_b / this.baseB) * 100 });
    s.spread.update(point(t, row.spread));
    s.zscore.update(point(t, row.zscore));
    s.correlation.update(point(t, row.correlation));
    this.markers.setMarkers(zscoreMarkers(this.rows));
    this.container.dataset.rows = String(this.rows.length);
    if (row.half_life !== undefined) this.stats.querySelector('[data-stat="half_life"]')?.replaceChildren(row.half_life === null ? "–" : `${num(row.half_life, 1)} bars`);
    if (row.adf_pvalue !== undefined) this.stats.querySelector('[data-stat="adf_pvalue"]')?.replaceChildren(num(row.adf_pvalue, 3));
    this.stats.querySelector('[data-stat="zscore_last"]')?.replaceChildren(num(row.zscore, 3));
  }

  private setRows(rows: PairRow[]): void {
    const s = this.series!;
    this.rows = rows;
    this.baseA = rows[0]?.price_a || 1;
    this.baseB = rows[0]?.price_b || 1;
    s.a.setData(rows.map((r) => ({ time: chartTime(r.open_time), value: (r.price_a / this.baseA) * 100 })));
    s.b.setData(rows.map((r) => ({ time: chartTime(r.open_time), value: (r.price_b / this.baseB) * 100 })));
    s.spread.setData(rows.map((r) => point(chartTime(r.open_time), r.spread)));
    s.zscore.setData(rows.map((r) => point(chartTime(r.open_time), r.zscore)));
    s.correlation.setData(rows.map((r) => point(chartTime(r.open_time), r.correlation)));
    s.a.applyOptions({ title: this.aSelect.value });
    s.b.applyOptions({ title: this.bSelect.value });
    this.markers.setMarkers(zscoreMarkers(rows));
    this.chart?.timeScale().fitContent();
  }
}

function point(time: Time, value: number | null) {
  return value === null ? { time } : { time, value };
}
