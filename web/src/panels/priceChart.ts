// Candlestick chart with volume, SMA/EMA overlays, support/resistance lines and crossover markers.
// History comes from /api/bars and /api/indicators; the "bars:SYM:INT" channel keeps the last candle live
// (bar_update replaces the forming candle, bar_closed fixes it and the next update opens a new one).
import {
  CandlestickSeries, HistogramSeries, LineSeries, LineStyle, createChart, createSeriesMarkers,
  type IChartApi, type IPriceLine, type ISeriesApi, type ISeriesMarkersPluginApi, type Time,
} from "lightweight-charts";
import { csvUrl, describe, getJson, has } from "../api";
import type { Feed } from "../feed";
import type { AppState } from "../state";
import type { BarRow, Indicators, LiveBar } from "../types";
import { h, panel, setNote } from "../ui/dom";
import { chartOptions, chartTime, colors } from "../ui/chartTheme";
import { periods } from "../forms/periods";

const HISTORY_BARS = 1000;

export class PriceChart {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly container = h("div", { class: "chart tall", id: "price-chart" });
  private readonly smaInput = h("input", { name: "sma", value: "5,20", size: 6, title: "SMA periods, comma separated" });
  private readonly emaInput = h("input", { name: "ema", value: "12", size: 6, title: "EMA periods, comma separated" });
  private readonly csv = h("a", { class: "button csv", "data-table": "bars", role: "button" }, "Download CSV");
  private chart: IChartApi | null = null;
  private candles!: ISeriesApi<"Candlestick">;
  private volume!: ISeriesApi<"Histogram">;
  private markers!: ISeriesMarkersPluginApi<Time>;
  private overlays: ISeriesApi<"Line">[] = [];
  private levels: IPriceLine[] = [];
  private unsubscribe: (() => void) | null = null;
  private generation = 0;
  private bars = 0;
  private indicatorTimer = 0;

  constructor(private readonly state: AppState, private readonly feed: Feed) {
    const p = panel("price-panel", "Price");
    this.root = p.root;
    this.note = p.note;
    p.tools.append(h("label", {}, "SMA ", this.smaInput), h("label", {}, "EMA ", this.emaInput), this.csv);
    p.body.append(this.container);
    for (const input of [this.smaInput, this.emaInput]) input.addEventListener("change", () => void this.loadIndicators(this.generation));
    state.onChange(() => void this.load());
  }

  async start(): Promise<void> {
    const chart = createChart(this.container, chartOptions());
    this.chart = chart;
    this.candles = chart.addSeries(CandlestickSeries, {
      upColor: colors.up, downColor: colors.down, borderVisible: false, wickUpColor: colors.up, wickDownColor: colors.down,
    });
    this.volume = chart.addSeries(HistogramSeries, { priceScaleId: "volume", priceFormat: { type: "volume" }, lastValueVisible: false });
    chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    this.markers = createSeriesMarkers(this.candles, []);
    await this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const { symbol, interval } = this.state;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.container.dataset.bars = "";
    this.container.dataset.symbol = symbol;
    this.container.dataset.interval = interval;
    this.csv.href = csvUrl("/api/bars", { symbol, interval, limit: HISTORY_BARS });
    this.csv.setAttribute("download", `bars-${symbol}-${interval}.csv`);
    setNote(this.note, "loading…");
    try {
      const rows = await getJson<BarRow[]>("/api/bars", { symbol, interval, limit: HISTORY_BARS });
      if (generation !== this.generation) return;
      this.candles.setData(rows.map(candle));
      this.volume.setData(rows.map(volumeBar));
      this.bars = rows.length;
      this.chart?.timeScale().fitContent();
      setNote(this.note, rows.length === 0 ? "no bars yet" : `${symbol} ${interval} · ${rows.length} bars`);
      this.container.dataset.bars = String(rows.length);
      this.container.dataset.loadedAt = String(performance.now());
    } catch (error) {
      if (generation !== this.generation) return;
      this.candles.setData([]);
      this.volume.setData([]);
      setNote(this.note, describe(error), "error");
      this.container.dataset.bars = "0";
      return;
    }
    this.unsubscribe = this.feed.subscribe(`bars:${symbol}:${interval}`, (m) => this.live(m.type, m.data as LiveBar));
    await this.loadIndicators(generation);
  }

  private live(type: string, bar: LiveBar): void {
    if (type !== "bar_update" && type !== "bar_closed") return;
    // update() replaces the candle with the same time and appends a newer one; an older one would throw.
    const last = this.candles.data().at(-1);
    if (last && chartTime(bar.open_time) < (last.time as number)) return;
    if (!last || chartTime(bar.open_time) > (last.time as number)) {
      this.bars++;
      setNote(this.note, `${bar.symbol} ${bar.interval} · ${this.bars} bars · live`);
    }
    this.candles.update(candle(bar));
    this.volume.update(volumeBar(bar));
    this.container.dataset.bars = String(this.bars);
    if (type === "bar_closed") {
      // Indicators and levels change only when a bar closes; batch bursts of closes (1s bars) into one reload.
      window.clearTimeout(this.indicatorTimer);
      this.indicatorTimer = window.setTimeout(() => void this.loadIndicators(this.generation), 2000);
    }
  }

  private async loadIndicators(generation: number): Promise<void> {
    for (const series of this.overlays) this.chart?.removeSeries(series);
    this.overlays = [];
    for (const line of this.levels) this.candles.removePriceLine(line);
    this.levels = [];
    this.markers.setMarkers([]);
    if (!has("get", "/api/indicators")) return;
    const { symbol, interval } = this.state;
    try {
      const result = await getJson<Indicators>("/api/indicators", {
        symbol, interval, sma: periods(this.smaInput.value), ema: periods(this.emaInput.value), limit: HISTORY_BARS,
      });
      if (generation !== this.generation || !this.chart) return;
      let colour = 0;
      const add = (label: string, values: (number | null)[]) => {
        const series = this.chart!.addSeries(LineSeries, {
          color: colors.overlays[colour++ % colors.overlays.length], lineWidth: 1, title: label, priceLineVisible: false, lastValueVisible: false,
        });
        const points = [];
        for (let i = 0; i < values.length && i < result.open_times.length; i++) {
          const value = values[i];
          points.push(value === null ? { time: chartTime(result.open_times[i]) } : { time: chartTime(result.open_times[i]), value });
        }
        series.setData(points);
        this.overlays.push(series);
      };
      for (const [period, values] of Object.entries(result.sma ?? {})) add(`SMA ${period}`, values);
      for (const [period, values] of Object.entries(result.ema ?? {})) add(`EMA ${period}`, values);
      for (const level of result.levels ?? []) {
        this.levels.push(this.candles.createPriceLine({
          price: level.price, color: level.kind === "support" ? colors.up : colors.down, lineStyle: LineStyle.Dashed,
          lineWidth: 1, axisLabelVisible: true, title: `${level.kind === "support" ? "S" : "R"} ×${level.touches}`,
        }));
      }
      this.markers.setMarkers((result.crosses ?? []).map((c) => ({
        time: chartTime(c.time),
        position: c.direction === "up" ? "belowBar" as const : "aboveBar" as const,
        shape: c.direction === "up" ? "arrowUp" as const : "arrowDown" as const,
        color: c.direction === "up" ? colors.up : colors.down,
      })).sort((x, y) => (x.time as number) - (y.time as number)));
    } catch (error) {
      if (generation === this.generation) setNote(this.note, `${this.note.textContent} · indicators ${describe(error)}`);
    }
  }
}

function candle(bar: BarRow) {
  return { time: chartTime(bar.open_time), open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

function volumeBar(bar: BarRow) {
  return { time: chartTime(bar.open_time), value: bar.volume, color: bar.close >= bar.open ? "rgba(38,166,154,0.5)" : "rgba(239,83,80,0.5)" };
}
