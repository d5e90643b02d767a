// Tiny DOM helpers: the dashboard has no framework, so elements are built with these.

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (class, data-*, ...) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A select with the given options; <paramref>selected</paramref> is chosen when present. */
export function select(name: string, options: readonly string[], selected?: string, labels?: Record<string, string>): HTMLSelectElement {
  const element = h("select", { name, "aria-label": name });
  fillSelect(element, options, selected, labels);
  return element;
}

/** Replaces a select's options, keeping <paramref>selected</paramref> (or the current value) when still offered. */
export function fillSelect(element: HTMLSelectElement, options: readonly string[], selected?: string, labels?: Record<string, string>): void {
  const keep = selected ?? element.value;
  element.replaceChildren(...options.map((value) => h("option", { value }, labels?.[value] ?? value)));
  if (options.includes(keep)) element.value = keep;
}

/** A panel: a titled section with a toolbar line and a body. */
export function panel(id: string, title: string): { root: HTMLElement; tools: HTMLElement; body: HTMLElement; note: HTMLElement } {
  const tools = h("div", { class: "tools" });
  const note = h("span", { class: "note", "data-role": "note" });
  const body = h("div", { class: "panel-body" });
  const root = h("section", { class: "panel", id }, h("header", {}, h("h2", {}, title), note, tools), body);
  return { root, tools, body, note };
}

/** Shows a short state ("loading", "not available", an error) in a panel's header; empty clears it. */
export function setNote(note: HTMLElement, text: string, kind: "info" | "error" = "info"): void {
  note.textContent = text;
  note.className = `note ${kind}`;
}
