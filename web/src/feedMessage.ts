// Parsing of the live feed's text frames. A frame is one message {"channel","type","data"}, or, when the
// server had several waiting for this client, a JSON array of such messages in order (docs/websocket.md,
// "Batches"). Anything else (a proxy's error page, a truncated frame) is dropped rather than passed to the panels.
import type { FeedMessage } from "./types";

/** Returns the frame's messages in order: one for a message, each valid element of a batch, none for a bad frame. Never throws. */
export function parseFeedFrame(text: string): FeedMessage[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) {
    const message = toMessage(value);
    return message === null ? [] : [message];
  }
  const messages: FeedMessage[] = [];
  for (const element of value) {
    // A bad element is dropped alone: the others of the batch are still good messages.
    const message = toMessage(element);
    if (message !== null) messages.push(message);
  }
  return messages;
}

/** Returns the frame as one message, or null when it is not JSON or lacks a string channel and type (a batch is not one message). Never throws. */
export function parseFeedMessage(text: string): FeedMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return toMessage(value);
}

function toMessage(value: unknown): FeedMessage | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { channel, type, data } = value as Record<string, unknown>;
  if (typeof channel !== "string" || typeof type !== "string") return null;
  return { channel, type, data: data ?? null };
}
