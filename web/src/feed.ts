// The live feed: one WebSocket to /ws shared by every panel. Panels subscribe to channels and get the
// frames of those channels; the feed re-subscribes everything after a reconnect.
import { parseFeedFrame } from "./feedMessage";
import type { FeedMessage } from "./types";

export type FeedState = "connecting" | "live" | "reconnecting" | "closed";

type Handler = (message: FeedMessage) => void;

export class Feed {
  private socket: WebSocket | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly stateListeners = new Set<(state: FeedState) => void>();
  private retryMs = 500;
  private stopped = false;
  state: FeedState = "connecting";
  /** Messages received since the page loaded (shown in the header); a batch frame counts each of its messages. */
  received = 0;

  constructor(private readonly address: string) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
    this.setState("closed");
  }

  onState(listener: (state: FeedState) => void): void {
    this.stateListeners.add(listener);
    listener(this.state);
  }

  /** Calls <paramref>handler</paramref> with each frame of <paramref>channel</paramref>; returns the unsubscribe. */
  subscribe(channel: string, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      this.send({ op: "subscribe", channels: [channel] });
    }
    set.add(handler);
    return () => {
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(channel);
        this.send({ op: "unsubscribe", channels: [channel] });
      }
    };
  }

  private open(): void {
    this.setState(this.state === "live" ? "reconnecting" : this.state);
    const socket = new WebSocket(this.address);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
      this.setState("live");
      const channels = [...this.handlers.keys()];
      if (channels.length > 0) this.send({ op: "subscribe", channels });
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== "string") return;
      // One bad frame must not stop the feed: it is dropped. A batch frame carries several messages, in order.
      for (const message of parseFeedFrame(event.data)) {
        this.received++;
        const set = this.handlers.get(message.channel);
        if (set) for (const handler of set) handler(message);
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.setState("reconnecting");
      // Back off up to 10 s so a server restart is picked up without hammering a dead port.
      const wait = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
      window.setTimeout(() => this.open(), wait);
    };
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setState(state: FeedState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** The feed address on the page's own host (ws: or wss: after the page's scheme). */
export function feedAddress(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws`;
}
