// The order form's values -> the body of POST /api/orders, or the first problem to show.

export interface OrderInput {
  symbol: string;
  side: string;
  type: string;
  quantity: string;
  price: string;
  broker: string;
}

export interface OrderRequest {
  symbol: string;
  side: "buy" | "sell";
  type: "market" | "limit";
  quantity: number;
  price?: number;
  broker: "paper" | "testnet";
}

function positive(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Returns the order to send, or a message naming the first field that is wrong. */
export function parseOrderInput(input: OrderInput): OrderRequest | string {
  if (!input.symbol) return "choose a symbol";
  if (input.side !== "buy" && input.side !== "sell") return `unknown side '${input.side}'`;
  if (input.type !== "market" && input.type !== "limit") return `unknown order type '${input.type}'`;
  if (input.broker !== "paper" && input.broker !== "testnet") return `unknown broker '${input.broker}'`;
  const quantity = positive(input.quantity);
  if (quantity === null) return "the quantity must be a positive number";
  const order: OrderRequest = { symbol: input.symbol, side: input.side, type: input.type, quantity, broker: input.broker };
  if (input.type === "limit") {
    const price = positive(input.price);
    if (price === null) return "a limit order needs a positive price";
    order.price = price;
  }
  return order;
}
