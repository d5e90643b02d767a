// Alerts: the rule list with a create / edit / delete form (/api/alerts), the live feed of fired alerts
// (/api/alerts/events, then the "alerts" channel) and a toast for each alert as it fires.
import { csvUrl, del, describe, getJson, has, isUnavailable, postJson, putJson } from "../api";
import type { Feed } from "../feed";
import type { AppState } from "../state";
import { INTERVALS, type AlertEvent, type AlertRule, type AlertType } from "../types";
import { PAIR_TYPES, PRIORITIES, RULE_TYPES, WINDOW_TYPES, parseRuleInput, passedLevelNote } from "../forms/ruleInput";
import { fillSelect, h, panel, select, setNote } from "../ui/dom";
import { num, time } from "../ui/format";
import { DataTable } from "../ui/table";
import { describeRuleState } from "../ui/ruleState";
import { toast } from "../ui/toast";

/** How often the rule list is read again: states change as prices move. */
const RULE_REFRESH_MS = 5_000;

export class AlertsPanel {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly fields = {
    name: h("input", { name: "name", required: true, maxlength: 100, placeholder: "BTC above 60k" }),
    type: select("type", RULE_TYPES),
    symbol: select("symbol", []),
    a: select("a", []),
    b: select("b", []),
    interval: select("interval", INTERVALS, "1m"),
    threshold: h("input", { name: "threshold", type: "number", step: "any", required: true }),
    threshold2: h("input", { name: "threshold2", type: "number", step: "any", placeholder: "optional" }),
    priority: select("priority", PRIORITIES, "medium"),
    cooldown: h("input", { name: "cooldown_s", type: "number", min: 0, step: 1, value: 60 }),
    hysteresis: h("input", { name: "hysteresis", type: "number", min: 0, step: "any", value: 0 }),
    enabled: h("input", { name: "enabled", type: "checkbox", checked: true }),
    window: h("input", { name: "window", type: "number", min: 2, step: 1, value: 20 }),
    shortWindow: h("input", { name: "short_window", type: "number", min: 2, step: 1, value: 5 }),
  };
  private readonly submit = h("button", { type: "submit", class: "primary" }, "Create rule");
  private readonly cancel = h("button", { type: "button" }, "Cancel edit");
  private readonly formError = h("p", { class: "form-error", role: "alert" });
  private editing: AlertRule | null = null;
  private rules: AlertRule[] = [];
  /** The rule list as last drawn (JSON), so a refresh that finds nothing new does not redraw. */
  private shownRules = "";
  private readonly ruleTable = new DataTable<AlertRule>("alert-rules", [
    { key: "name", title: "Name", cell: (r) => r.name },
    { key: "type", title: "Type", cell: (r) => r.type },
    { key: "target", title: "Symbol / pair", cell: (r) => (r.pair ? `${r.pair.a}/${r.pair.b}` : r.symbol ?? "") },
    { key: "interval", title: "Int.", cell: (r) => r.interval },
    { key: "threshold", title: "Threshold", cell: (r) => num(r.threshold, 6), numeric: true },
    { key: "priority", title: "Priority", cell: (r) => h("span", { class: `tag ${r.priority}` }, r.priority) },
    { key: "enabled", title: "On", cell: (r) => (r.enabled ? "yes" : "no") },
    { key: "state", title: "State", cell: (r) => this.stateCell(r) },
    { key: "actions", title: "", cell: (r) => this.actions(r) },
  ], "no rules yet");
  private readonly eventTable = new DataTable<AlertEvent>("alert-events", [
    { key: "time", title: "Time", cell: (e) => time(e.time) },
    { key: "rule_name", title: "Rule", cell: (e) => e.rule_name },
    { key: "priority", title: "Priority", cell: (e) => h("span", { class: `tag ${e.priority}` }, e.priority) },
    { key: "value", title: "Value", cell: (e) => num(e.value, 6), numeric: true },
    { key: "message", title: "Message", cell: (e) => e.message },
  ], "no alerts fired");

  constructor(private readonly state: AppState, private readonly feed: Feed) {
    const p = panel("alerts-panel", "Alerts");
    this.root = p.root;
    this.note = p.note;
    const f = this.fields;
    const row = (label: string, input: HTMLElement, cls = "") => h("label", { class: cls }, h("span", {}, label), input);
    this.form = h("form", { id: "alert-form", class: "form-grid", novalidate: true },
      row("Name", f.name, "wide"), row("Type", f.type), row("Symbol", f.symbol, "single"), row("A", f.a, "pair"), row("B", f.b, "pair"),
      row("Interval", f.interval), row("Threshold", f.threshold), row("Threshold 2", f.threshold2), row("Priority", f.priority),
      row("Window (bars)", f.window, "windowed"), row("Short window", f.shortWindow, "volatility"),
      row("Cooldown (s)", f.cooldown), row("Hysteresis", f.hysteresis), row("Enabled", f.enabled),
      h("div", { class: "form-actions wide" }, this.submit, this.cancel), this.formError);
    this.cancel.hidden = true;
    f.type.addEventListener("change", () => this.showTarget());
    // An error speaks about what was submitted: editing the form makes it stale.
    this.form.addEventListener("input", () => (this.formError.textContent = ""));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    this.cancel.addEventListener("click", () => this.edit(null));
    p.tools.append(this.ruleTable.download);
    p.body.append(
      h("div", { class: "split" },
        h("div", {}, h("h3", {}, "Rules"), this.ruleTable.root, this.form),
        h("div", {}, h("h3", {}, "Fired ", this.eventTable.download), this.eventTable.root)));
    this.showTarget();
  }

  async start(): Promise<void> {
    const names = this.state.symbolNames;
    fillSelect(this.fields.symbol, names, this.state.symbol);
    fillSelect(this.fields.interval, this.state.intervals, this.state.interval);
    fillSelect(this.fields.a, names, names[0]);
    fillSelect(this.fields.b, names, names[1] ?? names[0]);
    // Fired alerts arrive on the feed whether or not the rule API exists (the engine may run without it).
    this.feed.subscribe("alerts", (m) => {
      if (m.type === "alert") this.fired(m.data as AlertEvent);
    });
    if (!has("get", "/api/alerts")) {
      setNote(this.note, "rules not available");
      this.form.hidden = true;
      this.ruleTable.setRows([], "not available");
    } else {
      this.ruleTable.setCsv(csvUrl("/api/alerts"));
      await this.loadRules();
      // States change as prices move: look again every few seconds, redrawing only when something changed.
      window.setInterval(() => void this.loadRules(), RULE_REFRESH_MS);
    }
    if (has("get", "/api/alerts/events")) {
      this.eventTable.setCsv(csvUrl("/api/alerts/events", { limit: 1000 }));
      try {
        const events = await getJson<AlertEvent[]>("/api/alerts/events", { limit: 50 });
        // Newest first whatever order the server uses.
        this.eventTable.setRows([...events].sort((x, y) => y.time - x.time));
      } catch (error) {
        this.eventTable.setRows([], describe(error));
      }
    }
  }

  private fired(event: AlertEvent): void {
    this.eventTable.prepend(event);
    toast(`${event.priority.toUpperCase()} · ${event.rule_name}`, event.message, event.priority);
  }

  private async loadRules(): Promise<void> {
    try {
      const rules = await getJson<AlertRule[]>("/api/alerts");
      const text = JSON.stringify(rules);
      if (text === this.shownRules) return;
      this.shownRules = text;
      this.rules = rules;
      this.ruleTable.setRows(this.rules);
      setNote(this.note, `${this.rules.length} rules`);
    } catch (error) {
      setNote(this.note, describe(error), "error");
    }
  }

  private stateCell(rule: AlertRule): HTMLElement {
    const { text, title } = describeRuleState(rule);
    return h("span", { class: `rule-state ${rule.state ?? ""}`, title }, text);
  }

  private actions(rule: AlertRule): HTMLElement {
    const edit = h("button", { type: "button", class: "small", "data-action": "edit" }, "Edit");
    const remove = h("button", { type: "button", class: "small danger", "data-action": "delete" }, "Delete");
    edit.addEventListener("click", () => this.edit(rule));
    remove.addEventListener("click", () => void this.remove(rule));
    edit.disabled = !has("put", "/api/alerts/{id}");
    remove.disabled = !has("delete", "/api/alerts/{id}");
    return h("span", { class: "actions" }, edit, remove);
  }

  private edit(rule: AlertRule | null): void {
    this.editing = rule;
    this.formError.textContent = "";
    this.submit.textContent = rule ? "Save rule" : "Create rule";
    this.cancel.hidden = rule === null;
    const f = this.fields;
    if (!rule) {
      this.form.reset();
      return;
    }
    f.name.value = rule.name;
    f.type.value = rule.type;
    if (rule.symbol) f.symbol.value = rule.symbol;
    if (rule.pair) {
      f.a.value = rule.pair.a;
      f.b.value = rule.pair.b;
    }
    f.interval.value = rule.interval;
    f.threshold.value = String(rule.threshold);
    f.threshold2.value = rule.threshold2 === null || rule.threshold2 === undefined ? "" : String(rule.threshold2);
    f.priority.value = rule.priority;
    f.cooldown.value = String(rule.cooldown_s);
    f.hysteresis.value = String(rule.hysteresis);
    f.enabled.checked = rule.enabled;
    if (rule.window) f.window.value = String(rule.window);
    if (rule.short_window) f.shortWindow.value = String(rule.short_window);
    this.showTarget();
    f.name.focus();
  }

  private showTarget(): void {
    const pair = PAIR_TYPES.has(this.fields.type.value as AlertType);
    for (const label of this.form.querySelectorAll<HTMLElement>("label.pair")) label.hidden = !pair;
    for (const label of this.form.querySelectorAll<HTMLElement>("label.single")) label.hidden = pair;
    const type = this.fields.type.value as AlertType;
    for (const label of this.form.querySelectorAll<HTMLElement>("label.windowed")) label.hidden = !WINDOW_TYPES.has(type);
    for (const label of this.form.querySelectorAll<HTMLElement>("label.volatility")) label.hidden = type !== "volatility_change";
  }

  /** Reads the form into a rule, or returns the first problem to show (the server validates again: 422). */
  private read(): AlertRule | string {
    const f = this.fields;
    return parseRuleInput({
      name: f.name.value, type: f.type.value, symbol: f.symbol.value, a: f.a.value, b: f.b.value, interval: f.interval.value,
      threshold: f.threshold.value, threshold2: f.threshold2.value, priority: f.priority.value, cooldown: f.cooldown.value,
      hysteresis: f.hysteresis.value, enabled: f.enabled.checked, window: f.window.value, shortWindow: f.shortWindow.value,
    }, this.editing, newRuleId);
  }

  private async save(): Promise<void> {
    const rule = this.read();
    if (typeof rule === "string") {
      this.formError.textContent = rule;
      return;
    }
    this.submit.disabled = true;
    try {
      if (this.editing?.id) await putJson("/api/alerts/{id}", `/api/alerts/${encodeURIComponent(this.editing.id)}`, rule);
      else await postJson("/api/alerts", rule);
      toast("Alert rule saved", (await this.passedLevel(rule)) ?? rule.name);
      this.edit(null);
      await this.loadRules();
    } catch (error) {
      this.formError.textContent = isUnavailable(error) ? "saving rules is not available" : describe(error);
    } finally {
      this.submit.disabled = false;
    }
  }

  /** When a saved price rule's level is already passed, what to tell the user (rules fire on crossings); else null. */
  private async passedLevel(rule: AlertRule): Promise<string | null> {
    if ((rule.type !== "price_above" && rule.type !== "price_below") || !rule.symbol || !has("get", "/api/quotes/latest")) return null;
    try {
      const rows = await getJson<{ symbol: string; last_price: number | null }[]>("/api/quotes/latest");
      return passedLevelNote(rule.type, rule.symbol, rule.threshold, rows.find((r) => r.symbol === rule.symbol)?.last_price);
    } catch {
      return null; // a courtesy: the rule is saved either way
    }
  }

  private async remove(rule: AlertRule): Promise<void> {
    if (!rule.id) return;
    try {
      await del("/api/alerts/{id}", `/api/alerts/${encodeURIComponent(rule.id)}`);
      if (this.editing?.id === rule.id) this.edit(null);
      await this.loadRules();
    } catch (error) {
      toast("Delete failed", describe(error), "error");
    }
  }
}

function newRuleId(): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return `rule-${Date.now().toString(36)}-${random}`;
}
