// Strategies: a card per strategy variant (last signal, position, entry price, P&L), the signals table with
// filters (/api/signals), the positions table with a close button (/api/positions), the orders table and
// an order form (POST /api/orders). Live through the "signals" and "orders" channels.
import { csvUrl, del, describe, getJson, has, postJson } from "../api";
import type { Feed } from "../feed";
import type { AppState } from "../state";
import type { Order, Position, Signal } from "../types";
import { fillSelect, h, panel, select, setNote } from "../ui/dom";
import { money, num, price, time } from "../ui/format";
import { DataTable } from "../ui/table";
import { toast } from "../ui/toast";
import { parseOrderInput } from "../forms/orderInput";

const ALL = "all";

export class StrategiesPanel {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly cards = h("div", { class: "cards", id: "strategy-cards" });
  private readonly filterStrategy = select("signal-strategy", [ALL]);
  private readonly filterSymbol = select("signal-symbol", [ALL]);
  private readonly filterSide = select("signal-side", [ALL, "buy", "sell", "exit"]);
  private signals: Signal[] = [];
  private positions: Position[] = [];
  private readonly signalTable = new DataTable<Signal>("signals", [
    { key: "time", title: "Time", cell: (s) => time(s.time) },
    { key: "strategy", title: "Strategy", cell: (s) => `${s.strategy}:${s.variant}` },
    { key: "symbol", title: "Symbol", cell: (s) => s.symbol },
    { key: "side", title: "Side", cell: (s) => h("span", { class: `side ${s.side}` }, s.side) },
    { key: "strength", title: "Strength", cell: (s) => s.strength ?? "" },
    { key: "price", title: "Price", cell: (s) => price(s.price), numeric: true },
    { key: "reason", title: "Reason", cell: (s) => s.reason },
  ], "no signals");
  private readonly positionTable = new DataTable<Position>("positions", [
    { key: "strategy", title: "Strategy", cell: (p) => `${p.strategy}:${p.variant}` },
    { key: "symbol", title: "Symbol", cell: (p) => p.symbol },
    { key: "quantity", title: "Qty", cell: (p) => price(p.quantity), numeric: true },
    { key: "average_price", title: "Entry", cell: (p) => price(p.average_price), numeric: true },
    { key: "last_price", title: "Last", cell: (p) => price(p.last_price), numeric: true },
    { key: "unrealized_pnl", title: "Unreal. P&L", cell: (p) => money(p.unrealized_pnl), numeric: true },
    { key: "realized_pnl", title: "Real. P&L", cell: (p) => money(p.realized_pnl), numeric: true },
    { key: "close", title: "", cell: (p) => this.closeButton(p) },
  ], "no positions");
  private readonly orderTable = new DataTable<Order>("orders", [
    { key: "time", title: "Time", cell: (o) => time(o.time) },
    { key: "symbol", title: "Symbol", cell: (o) => o.symbol },
    { key: "side", title: "Side", cell: (o) => h("span", { class: `side ${o.side}` }, o.side) },
    { key: "type", title: "Type", cell: (o) => o.type },
    { key: "quantity", title: "Qty", cell: (o) => price(o.quantity), numeric: true },
    { key: "price", title: "Price", cell: (o) => price(o.price ?? null), numeric: true },
    { key: "status", title: "Status", cell: (o) => o.status + (o.reject_reason ? ` (${o.reject_reason})` : "") },
    { key: "average_price", title: "Avg fill", cell: (o) => price(o.average_price), numeric: true },
    { key: "broker", title: "Broker", cell: (o) => o.broker },
    { key: "cancel", title: "", cell: (o) => this.cancelButton(o) },
  ], "no orders");
  private readonly order = {
    symbol: select("order-symbol", []),
    side: select("order-side", ["buy", "sell"]),
    type: select("order-type", ["market", "limit"]),
    quantity: h("input", { name: "order-quantity", type: "number", min: 0, step: "any", required: true, placeholder: "0.001" }),
    price: h("input", { name: "order-price", type: "number", min: 0, step: "any", placeholder: "limit price" }),
    broker: select("order-broker", ["paper", "testnet"]),
  };
  private readonly orderError = h("p", { class: "form-error", role: "alert" });
  private readonly orderForm: HTMLFormElement;

  constructor(private readonly state: AppState, private readonly feed: Feed) {
    const p = panel("strategies-panel", "Strategies & orders");
    this.root = p.root;
    this.note = p.note;
    const o = this.order;
    const form = h("form", { id: "order-form", class: "form-grid", novalidate: true },
      h("label", {}, h("span", {}, "Symbol"), o.symbol), h("label", {}, h("span", {}, "Side"), o.side),
      h("label", {}, h("span", {}, "Type"), o.type), h("label", {}, h("span", {}, "Quantity"), o.quantity),
      h("label", { class: "limit" }, h("span", {}, "Price"), o.price), h("label", {}, h("span", {}, "Broker"), o.broker),
      h("div", { class: "form-actions wide" }, h("button", { type: "submit", class: "primary" }, "Place order")), this.orderError);
    this.orderForm = form;
    o.type.addEventListener("change", () => (form.querySelector<HTMLElement>("label.limit")!.hidden = o.type.value !== "limit"));
    form.querySelector<HTMLElement>("label.limit")!.hidden = true;
    form.addEventListener("input", () => (this.orderError.textContent = ""));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.place();
    });
    for (const f of [this.filterStrategy, this.filterSymbol, this.filterSide]) f.addEventListener("change", () => this.showSignals());
    p.body.append(
      this.cards,
      h("div", { class: "split" },
        h("div", {}, h("h3", {}, "Signals ", this.filterStrategy, this.filterSymbol, this.filterSide, this.signalTable.download), this.signalTable.root),
        h("div", {}, h("h3", {}, "Positions ", this.positionTable.download), this.positionTable.root,
          h("h3", {}, "Orders ", this.orderTable.download), this.orderTable.root, form)),
    );
  }

  async start(): Promise<void> {
    fillSelect(this.order.symbol, this.state.symbolNames, this.state.symbol);
    fillSelect(this.filterSymbol, [ALL, ...this.state.symbolNames]);
    this.feed.subscribe("signals", (m) => {
      if (m.type !== "signal") return;
      this.signals.unshift(m.data as Signal);
      this.showSignals();
      this.showCards();
    });
    this.feed.subscribe("orders", (m) => {
      if (m.type !== "order") return;
      const order = m.data as Order;
      if (order.status === "rejected") toast("Order rejected", `${order.side} ${order.quantity} ${order.symbol}: ${order.reject_reason ?? ""}`, "error");
      void this.loadOrders();
      void this.loadPositions();
    });
    this.orderForm.hidden = !has("post", "/api/orders");
    const missing = ["/api/signals", "/api/positions", "/api/orders"].filter((p) => !has("get", p));
    setNote(this.note, missing.length === 3 ? "not available" : missing.length > 0 ? `${missing.join(", ")} not available` : "");
    await Promise.all([this.loadSignals(), this.loadPositions(), this.loadOrders()]);
  }

  private async loadSignals(): Promise<void> {
    if (!has("get", "/api/signals")) return this.signalTable.setRows([], "not available");
    this.signalTable.setCsv(csvUrl("/api/signals", { limit: 10000 }));
    try {
      this.signals = (await getJson<Signal[]>("/api/signals", { limit: 500 })).sort((x, y) => y.time - x.time);
      this.showSignals();
      this.showCards();
    } catch (error) {
      this.signalTable.setRows([], describe(error));
    }
  }

  private showSignals(): void {
    const strategies = [...new Set(this.signals.map((s) => `${s.strategy}:${s.variant}`))].sort();
    fillSelect(this.filterStrategy, [ALL, ...strategies]);
    const strategy = this.filterStrategy.value, symbol = this.filterSymbol.value, side = this.filterSide.value;
    this.signalTable.setRows(this.signals.filter((s) =>
      (strategy === ALL || `${s.strategy}:${s.variant}` === strategy) && (symbol === ALL || s.symbol === symbol) && (side === ALL || s.side === side)));
  }

  private async loadPositions(): Promise<void> {
    if (!has("get", "/api/positions")) return this.positionTable.setRows([], "not available");
    this.positionTable.setCsv(csvUrl("/api/positions"));
    try {
      this.positions = await getJson<Position[]>("/api/positions");
      this.positionTable.setRows(this.positions);
      this.showCards();
    } catch (error) {
      this.positionTable.setRows([], describe(error));
    }
  }

  private async loadOrders(): Promise<void> {
    if (!has("get", "/api/orders")) return this.orderTable.setRows([], "not available");
    this.orderTable.setCsv(csvUrl("/api/orders", { limit: 10000 }));
    try {
      const orders = await getJson<Order[]>("/api/orders", { limit: 200 });
      this.orderTable.setRows([...orders].sort((x, y) => y.time - x.time));
    } catch (error) {
      this.orderTable.setRows([], describe(error));
    }
  }

  /** One card per strategy variant and symbol: its last signal and its position. */
  private showCards(): void {
    const keys = new Map<string, { signal?: Signal; position?: Position }>();
    for (const s of this.signals) {
      const key = `${s.strategy}:${s.variant}:${s.symbol}`;
      const entry = keys.get(key) ?? {};
      if (!entry.signal || entry.signal.time < s.time) entry.signal = s;
      keys.set(key, entry);
    }
    for (const p of this.positions) {
      const key = `${p.strategy}:${p.variant}:${p.symbol}`;
      keys.set(key, { ...(keys.get(key) ?? {}), position: p });
    }
    this.cards.replaceChildren(...[...keys.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([key, { signal, position }]) => {
      const pnl = position ? (position.realized_pnl ?? 0) + (position.unrealized_pnl ?? 0) : null;
      return h("div", { class: "card", "data-strategy": key },
        h("strong", {}, key),
        h("span", {}, "signal ", h("b", { class: `side ${signal?.side ?? ""}` }, signal ? `${signal.side}${signal.strength ? ` ${signal.strength}` : ""}` : "–")),
        h("span", {}, `position ${position ? num(position.quantity, 8) : "0"} @ ${price(position?.average_price ?? null)}`),
        h("span", { class: pnl !== null && pnl < 0 ? "down" : "up" }, `P&L ${money(pnl)}`));
    }));
  }

  private closeButton(position: Position): HTMLElement | string {
    if (position.quantity === 0 || !has("post", "/api/orders")) return "";
    const button = h("button", { type: "button", class: "small danger", "data-action": "close" }, "Close");
    button.addEventListener("click", () => void this.submitOrder({
      symbol: position.symbol, side: position.quantity > 0 ? "sell" : "buy", type: "market",
      quantity: Math.abs(position.quantity), strategy: `${position.strategy}:${position.variant}`,
    }));
    return button;
  }

  private cancelButton(order: Order): HTMLElement | string {
    if ((order.status !== "new" && order.status !== "partially_filled") || !has("delete", "/api/orders/{id}")) return "";
    const button = h("button", { type: "button", class: "small", "data-action": "cancel" }, "Cancel");
    button.addEventListener("click", async () => {
      try {
        await del("/api/orders/{id}", `/api/orders/${encodeURIComponent(order.id)}`);
        await this.loadOrders();
      } catch (error) {
        toast("Cancel failed", describe(error), "error");
      }
    });
    return button;
  }

  private async place(): Promise<void> {
    const o = this.order;
    const order = parseOrderInput({
      symbol: o.symbol.value, side: o.side.value, type: o.type.value, quantity: o.quantity.value, price: o.price.value, broker: o.broker.value,
    });
    if (typeof order === "string") {
      this.orderError.textContent = order;
      return;
    }
    this.orderError.textContent = "";
    await this.submitOrder({ ...order });
  }

  private async submitOrder(body: Record<string, unknown>): Promise<void> {
    if (!has("post", "/api/orders")) {
      this.orderError.textContent = "placing orders is not available";
      return;
    }
    try {
      const order = await postJson<Order | undefined>("/api/orders", body);
      toast("Order placed", order ? `${order.side} ${order.quantity} ${order.symbol}: ${order.status}` : `${body.side} ${body.quantity} ${body.symbol}`);
      await Promise.all([this.loadOrders(), this.loadPositions()]);
    } catch (error) {
      this.orderError.textContent = describe(error);
    }
  }
}
