// Parsing of the live feed's text frames. The server sends {"channel","type","data"}; anything else
// (a proxy's error page, a truncated frame) is dropped rather than passed to the panels.
import type { FeedMessage } from "./types";

/** Returns the frame as a message, or null when it is not JSON or lacks a string channel and type. Never throws. */
export function parseFeedMessage(text: string): FeedMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { channel, type, data } = value as Record<string, unknown>;
  if (typeof channel !== "string" || typeof type !== "string") return null;
  return { channel, type, data: data ?? null };
}
