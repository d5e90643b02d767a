// Header: symbol and interval selectors, live-feed status, feed health and the KPI cards
// (last price and change per symbol, total P&L, open positions).
import { describe, getJson, has } from "../api";
import type { Feed, FeedState } from "../feed";
import type { AppState } from "../state";
import { type BarRow, type HealthReport, type LiveBar, type Position } from "../types";
import { fillSelect, h, select } from "../ui/dom";
import { age, money, num, percent, price } from "../ui/format";

export class Header {
  readonly root: HTMLElement;
  private readonly symbolSelect = select("symbol", []);
  private readonly intervalSelect = select("interval", []);
  private readonly connection = h("span", { class: "badge", id: "connection", "data-state": "connecting" }, "connecting");
  private readonly health = h("div", { class: "health", id: "health" }, "health: …");
  private readonly kpis = h("div", { class: "kpis", id: "kpis" });
  private readonly pnl = h("div", { class: "kpi", "data-kpi": "pnl" }, h("span", { class: "label" }, "Total P&L"), h("span", { class: "value" }, "–"));
  private readonly open = h("div", { class: "kpi", "data-kpi": "positions" }, h("span", { class: "label" }, "Open positions"), h("span", { class: "value" }, "–"));
  private readonly priceCards = new Map<string, HTMLElement>();

  constructor(private readonly state: AppState, private readonly feed: Feed) {
    this.root = h(
      "header",
      { class: "top" },
      h("div", { class: "brand" }, h("span", { class: "logo" }, "◆"), "Tickwise"),
      h("label", {}, "Symbol ", this.symbolSelect),
      h("label", {}, "Interval ", this.intervalSelect),
      this.connection,
      this.health,
      this.kpis,
    );
    const changed = () => state.select(this.symbolSelect.value, this.intervalSelect.value);
    this.symbolSelect.addEventListener("change", changed);
    this.intervalSelect.addEventListener("change", changed);
    feed.onState((s) => this.showConnection(s));
  }

  async start(): Promise<void> {
    fillSelect(this.symbolSelect, this.state.symbolNames, this.state.symbol);
    fillSelect(this.intervalSelect, this.state.intervals, this.state.interval);
    this.kpis.replaceChildren();
    for (const symbol of this.state.symbolNames) this.kpis.append(this.priceCard(symbol));
    this.kpis.append(this.pnl, this.open);

    const loads: Promise<void>[] = [this.loadHealth(), this.loadPositions()];
    for (const symbol of this.state.symbolNames) loads.push(this.loadDay(symbol));
    this.feed.subscribe("health", (m) => {
      if (m.type === "health") this.showHealth(m.data as HealthReport);
    });
    // The daily bar carries both the day's open and the last price, so one channel per symbol feeds its card.
    for (const symbol of this.state.symbolNames) {
      this.feed.subscribe(`bars:${symbol}:1d`, (m) => {
        if (m.type === "bar_update" || m.type === "bar_closed") this.showDay(symbol, m.data as LiveBar);
      });
    }
    this.feed.subscribe("orders", (m) => {
      if (m.type === "order") void this.loadPositions();
    });
    await Promise.all(loads);
  }

  private showConnection(state: FeedState): void {
    this.connection.dataset.state = state;
    this.connection.textContent = state === "live" ? "live" : state;
  }

  private priceCard(symbol: string): HTMLElement {
    const card = h("div", { class: "kpi", "data-kpi": "price", "data-symbol": symbol },
      h("span", { class: "label" }, symbol), h("span", { class: "value" }, "–"), h("span", { class: "change" }, ""));
    card.addEventListener("click", () => this.state.select(symbol, this.state.interval));
    this.priceCards.set(symbol, card);
    return card;
  }

  private async loadDay(symbol: string): Promise<void> {
    try {
      const bars = await getJson<BarRow[]>("/api/bars", { symbol, interval: "1d", limit: 1 });
      if (bars.length > 0) this.showDay(symbol, bars[bars.length - 1]);
    } catch (error) {
      this.priceCards.get(symbol)?.querySelector(".change")?.replaceChildren(describe(error));
    }
  }

  private showDay(symbol: string, bar: BarRow): void {
    const card = this.priceCards.get(symbol);
    if (!card) return;
    const change = bar.open !== 0 ? bar.close / bar.open - 1 : null;
    card.querySelector(".value")!.textContent = price(bar.close);
    const changeElement = card.querySelector(".change")!;
    changeElement.textContent = percent(change);
    changeElement.className = `change ${change !== null && change < 0 ? "down" : "up"}`;
  }

  private async loadHealth(): Promise<void> {
    try {
      this.showHealth(await getJson<HealthReport>("/api/health"));
    } catch (error) {
      this.health.textContent = `health: ${describe(error)}`;
    }
  }

  private showHealth(report: HealthReport): void {
    const items = report.symbols.map((s) => {
      const ok = s.connected && (s.last_message_age_ms === null || s.last_message_age_ms < 10_000);
      const title = `${s.symbol}: ${s.connected ? "connected" : "disconnected"}, last message ${age(s.last_message_age_ms)} ago, ` +
        `${num(s.messages_per_second, 1)} msg/s, ${s.messages} messages, ${s.gaps_repaired} gaps repaired, ` +
        `${s.parse_errors} parse errors, ${s.dropped} dropped, book ${s.book_synchronized === null ? "not kept" : s.book_synchronized ? "synchronized" : "not synchronized"}`;
      return h("span", { class: `dot ${ok ? "ok" : "bad"}`, title, "data-symbol": s.symbol }, s.symbol,
        h("small", {}, ` ${num(s.messages_per_second, 0)}/s`));
    });
    const store = h("span", { class: `dot ${report.store_healthy ? "ok" : "bad"}`, title: report.store }, "store");
    this.health.replaceChildren(h("span", { class: "source" }, report.source), ...items, store);
  }

  private async loadPositions(): Promise<void> {
    if (!has("get", "/api/positions")) {
      this.pnl.querySelector(".value")!.textContent = "n/a";
      this.open.querySelector(".value")!.textContent = "n/a";
      return;
    }
    try {
      const positions = await getJson<Position[]>("/api/positions");
      let total = 0;
      let open = 0;
      for (const p of positions) {
        total += (p.realized_pnl ?? 0) + (p.unrealized_pnl ?? 0);
        if (p.quantity !== 0) open++;
      }
      const value = this.pnl.querySelector(".value")!;
      value.textContent = money(total);
      value.className = `value ${total < 0 ? "down" : "up"}`;
      this.open.querySelector(".value")!.textContent = String(open);
    } catch (error) {
      this.pnl.querySelector(".value")!.textContent = describe(error);
    }
  }
}
