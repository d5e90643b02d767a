// A data table with a Download CSV button. Each table knows the endpoint it shows, so the button asks the
// server for the same rows as CSV (format=csv) instead of re-encoding them in the browser.
import { h } from "./dom";

export interface Column<T> {
  key: string;
  title: string;
  cell: (row: T) => string | Node;
  numeric?: boolean;
}

export class DataTable<T> {
  readonly root: HTMLElement;
  readonly download: HTMLAnchorElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly empty: HTMLElement;

  constructor(readonly name: string, private readonly columns: Column<T>[], emptyText = "no rows") {
    this.tbody = h("tbody");
    const head = h("tr", {}, ...columns.map((c) => h("th", { class: c.numeric ? "num" : undefined }, c.title)));
    this.empty = h("p", { class: "empty" }, emptyText);
    this.download = h("a", { class: "button csv", "data-table": name, download: `${name}.csv`, role: "button" }, "Download CSV");
    this.download.hidden = true;
    this.root = h("div", { class: "table-wrap" }, h("div", { class: "scroll" }, h("table", { "data-table": name }, h("thead", {}, head), this.tbody)), this.empty);
  }

  /** Points the Download CSV button at <paramref>href</paramref> (null hides it: the endpoint is missing). */
  setCsv(href: string | null): void {
    this.download.hidden = href === null;
    if (href !== null) this.download.href = href;
  }

  setRows(rows: readonly T[], emptyText?: string): void {
    this.tbody.replaceChildren(...rows.map((row) => this.row(row)));
    this.empty.hidden = rows.length > 0;
    if (emptyText !== undefined) this.empty.textContent = emptyText;
  }

  /** Adds a row at the top (live feeds), keeping at most <paramref>max</paramref>. */
  prepend(row: T, max = 200): void {
    this.tbody.prepend(this.row(row));
    while (this.tbody.childElementCount > max) this.tbody.lastElementChild?.remove();
    this.empty.hidden = true;
  }

  get rowCount(): number {
    return this.tbody.childElementCount;
  }

  private row(row: T): HTMLTableRowElement {
    return h("tr", {}, ...this.columns.map((c) => h("td", { class: c.numeric ? "num" : undefined, "data-col": c.key }, c.cell(row))));
  }
}

/** Builds a CSV download link for rows the browser computed itself (the correlation matrix). */
export function csvDataUrl(header: string[], rows: (string | number | null)[][]): string {
  const line = (cells: (string | number | null)[]) => cells.map((c) => (c === null ? "" : String(c))).join(",");
  const text = [line(header), ...rows.map(line)].join("\n") + "\n";
  return `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
}
