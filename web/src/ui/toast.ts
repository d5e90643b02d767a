// Toast notifications in the corner: fired alerts and results of actions (order placed, rule saved).
import { h } from "./dom";

let stack: HTMLElement | null = null;

/** Shows a toast for a few seconds (high priority alerts stay longer). */
export function toast(title: string, text: string, kind: "info" | "low" | "medium" | "high" | "error" = "info"): void {
  stack ??= document.getElementById("toasts");
  if (!stack) return;
  const close = h("button", { class: "toast-close", "aria-label": "dismiss" }, "×");
  const item = h("div", { class: `toast ${kind}`, role: "status" }, h("strong", {}, title), h("span", {}, text), close);
  close.addEventListener("click", () => item.remove());
  stack.prepend(item);
  while (stack.childElementCount > 5) stack.lastElementChild?.remove();
  window.setTimeout(() => item.remove(), kind === "high" || kind === "error" ? 12_000 : 6_000);
}
