// Correlation heatmap across the stored symbols, drawn on a canvas: red for +1, blue for -1, grey near 0.
import { describe, getJson, has } from "../api";
import { INTERVALS, type CorrelationMatrix } from "../types";
import { fillSelect, h, panel, select, setNote } from "../ui/dom";
import { csvDataUrl } from "../ui/table";
import { colour } from "../ui/colourScale";

const WINDOWS = ["50", "100", "200", "500"];

export class CorrelationHeatmap {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly intervalSelect = select("corr-interval", INTERVALS, "1m");
  private readonly windowSelect = select("corr-window", WINDOWS, "100");
  private readonly canvas = h("canvas", { id: "correlation-canvas", width: 400, height: 320 });
  private readonly csv = h("a", { class: "button csv", "data-table": "correlation", role: "button", download: "correlation.csv" }, "Download CSV");
  private matrix: CorrelationMatrix | null = null;
  private generation = 0;

  constructor() {
    const p = panel("correlation-panel", "Correlation");
    this.root = p.root;
    this.note = p.note;
    p.tools.append(h("label", {}, "interval ", this.intervalSelect), h("label", {}, "window ", this.windowSelect), this.csv);
    p.body.append(h("div", { class: "heatmap" }, this.canvas));
    for (const s of [this.intervalSelect, this.windowSelect]) s.addEventListener("change", () => void this.load());
    new ResizeObserver(() => this.draw()).observe(this.canvas.parentElement!);
  }

  async start(intervals: readonly string[]): Promise<void> {
    fillSelect(this.intervalSelect, intervals, "1m");
    await this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.csv.hidden = true;
    if (!has("get", "/api/correlation")) {
      setNote(this.note, "not available");
      return;
    }
    setNote(this.note, "loading…");
    try {
      const matrix = await getJson<CorrelationMatrix>("/api/correlation", { interval: this.intervalSelect.value, window: this.windowSelect.value });
      if (generation !== this.generation) return;
      this.matrix = matrix;
      setNote(this.note, `${matrix.symbols.length} symbols · n = ${matrix.n}`);
      this.csv.href = csvDataUrl(["symbol", ...matrix.symbols], matrix.symbols.map((s, i) => [s, ...matrix.matrix[i]]));
      this.csv.setAttribute("download", `correlation-${matrix.interval}-${matrix.window}.csv`);
      this.csv.hidden = false;
    } catch (error) {
      if (generation !== this.generation) return;
      this.matrix = null;
      setNote(this.note, describe(error), "error");
    }
    this.draw();
  }

  private draw(): void {
    const canvas = this.canvas;
    const width = canvas.parentElement!.clientWidth || 400;
    const ratio = window.devicePixelRatio || 1;
    const m = this.matrix;
    const count = m?.symbols.length ?? 0;
    const label = 80;
    const cell = count === 0 ? 0 : Math.max(24, Math.min(80, Math.floor((width - label) / count)));
    const height = Math.max(60, label + cell * count + 24);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext("2d");
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = "#0d1117";
    g.fillRect(0, 0, width, height);
    g.font = "12px system-ui, sans-serif";
    if (!m || count === 0) {
      g.fillStyle = "#8b949e";
      g.fillText(m ? "no symbols with bars of this interval" : "no data", 8, 24);
      return;
    }
    g.textBaseline = "middle";
    for (let i = 0; i < count; i++) {
      g.fillStyle = "#c9d1d9";
      g.textAlign = "right";
      g.fillText(m.symbols[i], label - 6, label + i * cell + cell / 2);
      g.save();
      g.translate(label + i * cell + cell / 2, label - 6);
      g.rotate(-Math.PI / 4);
      g.textAlign = "left";
      g.fillText(m.symbols[i], 0, 0);
      g.restore();
      for (let j = 0; j < count; j++) {
        const value = m.matrix[i]?.[j] ?? null;
        g.fillStyle = colour(value);
        g.fillRect(label + j * cell + 1, label + i * cell + 1, cell - 2, cell - 2);
        if (cell >= 36) {
          g.fillStyle = value !== null && Math.abs(value) > 0.6 ? "#0d1117" : "#e6edf3";
          g.textAlign = "center";
          g.fillText(value === null ? "–" : value.toFixed(2), label + j * cell + cell / 2, label + i * cell + cell / 2);
        }
      }
    }
  }
}
