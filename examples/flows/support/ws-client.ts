/**
 * Test support: a WebSocket client that reads frames in order, like MCC's Python example clients.
 */
import WebSocket from "ws";

export interface FrameClient {
  ws: WebSocket;
  next(timeoutMs?: number): Promise<string>;
  send(value: unknown): void;
  closed: Promise<number>;
  close(): Promise<void>;
}

export function connect(url: string): Promise<FrameClient> {
  const ws = new WebSocket(url);
  const frames: string[] = [];
  const waiters: ((frame: string) => void)[] = [];
  ws.on("message", (data: WebSocket.RawData) => {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString("utf8")
      : Buffer.from(data as ArrayBuffer).toString("utf8");
    const waiter = waiters.shift();
    if (waiter) waiter(text);
    else frames.push(text);
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const client: FrameClient = {
    ws,
    closed,
    next(timeoutMs = 5000) {
      const ready = frames.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no frame received in time")), timeoutMs);
        waiters.push((frame) => {
          clearTimeout(timer);
          resolve(frame);
        });
      });
    },
    send(value) {
      ws.send(typeof value === "string" ? value : JSON.stringify(value));
    },
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(client));
    ws.once("error", reject);
  });
}
