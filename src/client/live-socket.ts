/**
 * A WebSocket that comes back. Sockets drop for ordinary reasons (sleeping laptops, mobile networks, deploys, a
 * Durable Object restarting), so every close schedules a reconnect with exponential backoff (1 s doubling to
 * 30 s) and jitter, so that a thousand tabs dropped at once do not all return in the same second. Frames sent
 * while it was away are not replayed: `onOpen` runs after every (re)connect so the page catches up over HTTP.
 */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
// The server answers "ping" with "pong" without waking its Durable Object; idle proxies close silent sockets.
const KEEPALIVE_MS = 25_000;

export interface LiveHandlers {
  onFrame(frame: { type: string } & Record<string, unknown>): void;
  onOpen?(): void;
  onStatus?(online: boolean): void;
}

export class LiveSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private keepalive: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly path: string,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    // Coming back online or to the tab is a good moment to try at once instead of waiting out the backoff.
    window.addEventListener("online", () => this.reconnectNow());
    document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && this.reconnectNow());
    this.connect();
  }

  /** Sends a client frame if connected; typing and read marks are worthless later, so nothing is queued. */
  send(frame: object): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private connect(): void {
    clearTimeout(this.retry);
    const url = new URL(this.path, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.addEventListener("open", () => {
      this.attempt = 0;
      this.keepalive = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("ping"), KEEPALIVE_MS);
      this.handlers.onStatus?.(true);
      this.handlers.onOpen?.();
    });
    ws.addEventListener("message", (event) => {
      if (typeof event.data !== "string" || event.data === "pong") return;
      try {
        this.handlers.onFrame(JSON.parse(event.data));
      } catch (error) {
        console.error("live frame", error);
      }
    });
    // A refused upgrade (expired session, revoked link) also ends here: the browser reports no status code.
    ws.addEventListener("close", () => {
      clearInterval(this.keepalive);
      if (this.ws !== ws) return;
      this.ws = null;
      this.handlers.onStatus?.(false);
      this.retry = setTimeout(() => this.connect(), this.nextDelay());
    });
  }

  private reconnectNow(): void {
    if (this.ws === null) this.connect();
  }

  private nextDelay(): number {
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt++);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
