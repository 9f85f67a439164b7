import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteTrackerStore } from "../../stores/tracker/sqlite-tracker-store.js";
import { SqliteRoomsStore } from "./sqlite.js";

const dirs: string[] = [];
const dbFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-store-"));
  dirs.push(dir);
  return path.join(dir, ".confab", "tracker.db");
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const newRoom = () => ({ botType: "Troll", botName: "Bob" });

describe("SqliteRoomsStore", () => {
  it("shares the tracker database file and keeps its data across restarts (migrations run once)", async () => {
    const file = dbFile();
    const trackers = new SqliteTrackerStore(file);
    await trackers.append("room", [{ event: "session_started", timestamp: 1 }]);
    let store = new SqliteRoomsStore(file);
    const user = (await store.login("Ana", "p1"))!;
    const room = await store.seat({ userId: user.id, size: 2, newRoom });
    await store.close();
    store = new SqliteRoomsStore(file);
    expect(await store.login("Ana", "p1")).toEqual(user);
    expect((await store.getRoom(room.link))?.name).toBe(room.name);
    expect(await trackers.retrieve("room")).toHaveLength(1);
    await store.close();
    await trackers.close();
  });

  it("refuses a taken name with another participant id", async () => {
    const store = new SqliteRoomsStore(dbFile());
    await store.login("Ana", "p1");
    expect(await store.login("Ana", "p2")).toBeNull();
    await store.close();
  });

  it("fills rooms seat by seat, keeps a user's seat, and activates only full rooms", async () => {
    const store = new SqliteRoomsStore(dbFile());
    const [a, b, c] = await Promise.all(["A", "B", "C"].map(async (n) => (await store.login(n, n))!));
    const ra = await store.seat({ userId: a!.id, size: 2, newRoom });
    expect(await store.activate(ra.link)).toEqual({ active: false, changed: false });
    expect((await store.seat({ userId: a!.id, size: 2, newRoom })).link).toBe(ra.link);
    const rb = await store.seat({ userId: b!.id, size: 2, newRoom });
    expect(rb.link).toBe(ra.link);
    expect(rb.waiting).toBe(false);
    const rc = await store.seat({ userId: c!.id, size: 2, newRoom });
    expect(rc.link).not.toBe(ra.link);
    expect(await store.seatIn(ra.link, c!.id)).toBe(false);
    expect(await store.activate(ra.link)).toEqual({ active: true, changed: true });
    expect(await store.activate(ra.link)).toEqual({ active: true, changed: false });
    expect(await store.complete(ra.link, a!.id)).toEqual([a!.id]);
    await store.close();
  });

  it("looks artists up case-insensitively", async () => {
    const store = new SqliteRoomsStore(dbFile());
    const record = {
      professionalName: "ABBA",
      firstName: null,
      lastName: null,
      gender: "band",
      genres: ["pop"],
      area: null,
      begin: "1972",
      end: null,
    };
    await store.upsertArtists([record]);
    expect(await store.findArtist("abba")).toEqual(record);
    expect(await store.findArtist("nobody")).toBeNull();
    await store.close();
  });
});
