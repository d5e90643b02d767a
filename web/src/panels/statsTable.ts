// Multi-interval statistics of the selected symbol (/api/stats): one row per interval.
import { csvUrl, describe, getJson, has } from "../api";
import type { AppState } from "../state";
import type { StatsRow } from "../types";
import { h, panel, select, setNote } from "../ui/dom";
import { num, percent, price } from "../ui/format";
import { DataTable } from "../ui/table";

const INTERVALS = "1s,1m,5m,15m,1h,4h,1d";
const WINDOWS = ["20", "50", "100", "500"];

export class StatsTable {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly windowSelect = select("stats-window", WINDOWS, "100");
  private readonly table = new DataTable<StatsRow>("stats", [
    { key: "interval", title: "Interval", cell: (r) => r.interval },
    { key: "bars", title: "Bars", cell: (r) => String(r.bars), numeric: true },
    { key: "last", title: "Last", cell: (r) => price(r.last), numeric: true },
    { key: "mean", title: "Mean", cell: (r) => num(r.mean, 2), numeric: true },
    { key: "std_dev", title: "Std dev", cell: (r) => num(r.std_dev, 4), numeric: true },
    { key: "min", title: "Min", cell: (r) => price(r.min), numeric: true },
    { key: "max", title: "Max", cell: (r) => price(r.max), numeric: true },
    { key: "return", title: "Return", cell: (r) => percent(r.return, 3), numeric: true },
    { key: "volume", title: "Volume", cell: (r) => num(r.volume, 4), numeric: true },
    { key: "trades", title: "Trades", cell: (r) => String(r.trades), numeric: true },
  ]);
  private generation = 0;
  private timer = 0;

  constructor(private readonly state: AppState) {
    const p = panel("stats-panel", "Statistics");
    this.root = p.root;
    this.note = p.note;
    p.tools.append(h("label", {}, "window ", this.windowSelect), this.table.download);
    p.body.append(this.table.root);
    this.windowSelect.addEventListener("change", () => void this.load());
    state.onChange(() => void this.load());
  }

  async start(): Promise<void> {
    await this.load();
    // Statistics move with every bar; a refresh every 10 s is plenty for a table people read.
    this.timer = window.setInterval(() => void this.load(), 10_000);
  }

  stop(): void {
    window.clearInterval(this.timer);
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const params = { symbol: this.state.symbol, intervals: INTERVALS, window: this.windowSelect.value };
    if (!has("get", "/api/stats")) {
      setNote(this.note, "not available");
      this.table.setCsv(null);
      return;
    }
    try {
      const rows = await getJson<StatsRow[]>("/api/stats", params);
      if (generation !== this.generation) return;
      this.table.setRows(rows);
      this.table.setCsv(csvUrl("/api/stats", params));
      this.table.download.setAttribute("download", `stats-${this.state.symbol}.csv`);
      setNote(this.note, this.state.symbol);
    } catch (error) {
      if (generation === this.generation) setNote(this.note, describe(error), "error");
    }
  }
}
