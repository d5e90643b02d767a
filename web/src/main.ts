// Dashboard entry: reads what the server offers (/openapi/v1.json, /api/symbols), builds the panels and
// opens the live feed. Each panel loads its own data and copes alone with a missing endpoint.
import "./style.css";
import { describe, getRequiredJson, loadOperations } from "./api";
import { Feed, feedAddress } from "./feed";
import { AlertsPanel } from "./panels/alerts";
import { CorrelationHeatmap } from "./panels/correlation";
import { Header } from "./panels/header";
import { PairChart } from "./panels/pairChart";
import { PriceChart } from "./panels/priceChart";
import { StatsTable } from "./panels/statsTable";
import { StrategiesPanel } from "./panels/strategies";
import { chooseSelection } from "./selection";
import { AppState } from "./state";
import type { SymbolInfo } from "./types";
import { h } from "./ui/dom";

async function main(): Promise<void> {
  const app = document.getElementById("app")!;
  const started = performance.now();
  const state = new AppState();
  const feed = new Feed(feedAddress());

  const operations = loadOperations();
  try {
    state.symbols = await getRequiredJson<SymbolInfo[]>("/api/symbols");
    await operations;
  } catch (error) {
    app.replaceChildren(h("p", { class: "fatal" }, `Cannot load the symbols: ${describe(error)}`));
    return;
  }
  const names = state.symbolNames;
  const selection = chooseSelection(location.search, names, state.intervals);
  state.symbol = selection.symbol;
  state.interval = selection.interval;

  const header = new Header(state, feed);
  const price = new PriceChart(state, feed);
  const pair = new PairChart(state, feed);
  const correlation = new CorrelationHeatmap();
  const stats = new StatsTable(state);
  const alerts = new AlertsPanel(state, feed);
  const strategies = new StrategiesPanel(state, feed);
  app.replaceChildren(
    header.root,
    h("main", { class: "grid" }, price.root, pair.root, stats.root, correlation.root, alerts.root, strategies.root),
  );
  if (names.length === 0) {
    app.append(h("p", { class: "fatal" }, "The store holds no symbols yet: start a source (run, replay, import) and reload."));
    return;
  }
  feed.start();
  await Promise.all([header.start(), price.start(), pair.start(), correlation.start(state.intervals), stats.start(), alerts.start(), strategies.start()]);
  // Read by the browser tests and shown in the footer: time from script start to every panel loaded.
  const loadMs = performance.now() - started;
  document.body.dataset.loaded = "true";
  document.body.dataset.loadMs = loadMs.toFixed(0);
  document.getElementById("load-time")!.textContent = `loaded in ${loadMs.toFixed(0)} ms`;
}

void main();
