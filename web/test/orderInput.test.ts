// Order form -> POST /api/orders body, and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseOrderInput, type OrderInput } from "../src/forms/orderInput";

const good: OrderInput = { symbol: "BTCUSDT", side: "buy", type: "market", quantity: "0.001", price: "", broker: "paper" };

test("parseOrderInput_MarketOrder_HasNoPrice", () => {
  assert.deepEqual(parseOrderInput(good), { symbol: "BTCUSDT", side: "buy", type: "market", quantity: 0.001, broker: "paper" });
});

test("parseOrderInput_LimitOrder_CarriesThePrice", () => {
  assert.deepEqual(parseOrderInput({ ...good, side: "sell", type: "limit", price: "61837.63", broker: "testnet" }),
    { symbol: "BTCUSDT", side: "sell", type: "limit", quantity: 0.001, price: 61837.63, broker: "testnet" });
});

test("parseOrderInput_BadInput_SaysWhichField", () => {
  const cases: [Partial<OrderInput>, RegExp][] = [
    [{ symbol: "" }, /symbol/],
    [{ side: "short" }, /unknown side/],
    [{ type: "stop" }, /unknown order type/],
    [{ broker: "live" }, /unknown broker/],
    [{ quantity: "" }, /quantity/],
    [{ quantity: "0" }, /quantity/],
    [{ quantity: "-1" }, /quantity/],
    [{ quantity: "1e999" }, /quantity/],
    [{ quantity: "abc" }, /quantity/],
    [{ type: "limit", price: "" }, /limit order needs a positive price/],
    [{ type: "limit", price: "-5" }, /limit order needs a positive price/],
    [{ type: "limit", price: "NaN" }, /limit order needs a positive price/],
  ];
  for (const [change, message] of cases) {
    const result = parseOrderInput({ ...good, ...change });
    assert.equal(typeof result, "string", `${JSON.stringify(change)} should be refused`);
    assert.match(result as string, message);
  }
});
