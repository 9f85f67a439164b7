/**
 * @module rooms/test-support
 * Helpers for the rooms tests: a temporary rooms project using the example bots, logins and
 * Socket.IO clients.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connectSocket } from "socket.io-client";
import type { Socket } from "socket.io-client";
import { silentLogger } from "../ports/index.js";
import { runRoomsProject } from "./server.js";
import type { RunningRooms } from "./server.js";

export const EXAMPLE = path.resolve("examples/rooms");
export const ADMIN_PASSWORD = "correct horse battery staple";

export interface TestRoomsOptions {
  bots?: Record<string, { project?: string; url?: string; token?: string; names?: string[] }>;
  roomSize?: number;
  quietSeconds?: number;
  redirect?: string;
}

export async function startTestRooms(options: TestRoomsOptions = {}): Promise<RunningRooms & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-rooms-"));
  const bots = options.bots ?? { Troll: { project: path.join(EXAMPLE, "bots/troll"), names: ["Bob"] } };
  const yml = {
    room_size: options.roomSize ?? 2,
    redirect_target: options.redirect ?? "/?done=1",
    admin_password: "${ROOMS_TEST_ADMIN}",
    pacing: { ms_per_char: 0, min_delay_ms: 0, max_delay_ms: 0 },
    quiet_seconds: options.quietSeconds ?? 0.3,
    artists: path.join(EXAMPLE, "data/artists.yml"),
    bots,
  };
  fs.writeFileSync(path.join(dir, "rooms.yml"), JSON.stringify(yml, null, 2));
  const running = await runRoomsProject({
    dir,
    port: 0,
    host: "127.0.0.1",
    logger: silentLogger,
    env: { ROOMS_TEST_ADMIN: ADMIN_PASSWORD },
  });
  return {
    ...running,
    dir,
    close: async () => {
      await running.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(
  url: string,
  name: string,
  pid: string,
): Promise<{ id: string; token: string; body: string }> {
  const res = await fetch(`${url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, pid }),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`login ${res.status}: ${body}`);
  const json = JSON.parse(body) as { id: string; token: string };
  return { ...json, body };
}

export async function adminToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: ADMIN_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function activeRoom(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/rooms/activeRoom`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`activeRoom ${res.status}`);
  return res.text();
}

export interface Received {
  event: string;
  payload: unknown;
}

export async function joinRoom(
  url: string,
  token: string,
  roomId: string,
  name: string,
): Promise<{ socket: Socket; received: Received[] }> {
  const socket = connectSocket(url, {
    auth: { token },
    query: { roomId, name },
    transports: ["websocket"],
    forceNew: true,
  });
  const received: Received[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, received };
}

export async function waitFor<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 5000,
  what = "condition",
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
