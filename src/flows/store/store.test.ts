import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FlowStateStore, InteractionRecord } from "./index.js";
import { MemoryFlowStateStore, SqliteFlowStateStore } from "./index.js";

const record = (uid: string, interaction: string, current: string): InteractionRecord => ({
  uid,
  interaction,
  state: { current, stack: ["x", null], done: { g: ["a"] }, ctx: { _done_: ["g"], n: 1 }, kb: { k: "v" } },
  lastReply: { utterance: `at ${current}`, payload: { f: 1 } },
  updatedAt: 1,
});

const stores: [string, () => FlowStateStore][] = [
  ["memory", () => new MemoryFlowStateStore()],
  ["sqlite", () => new SqliteFlowStateStore(path.join(mkdtempSync(path.join(tmpdir(), "flow-store-")), "t.db"))],
];

describe.each(stores)("%s flow state store", (_name, make) => {
  it("stores interactions per (uid, interaction) and KBs per uid", async () => {
    const store = make();
    expect(await store.getInteraction("u", "i")).toBeNull();
    await store.commit(record("u", "i", "a"));
    await store.commit(record("v", "i", "b"), { last: "v's" });
    await store.commit(record("u", "i", "c"));
    expect(await store.getInteraction("u", "i")).toEqual(record("u", "i", "c"));
    expect((await store.getInteraction("v", "i"))?.state.current).toBe("b");
    expect(await store.getUserKb("u")).toBeNull();
    expect(await store.getUserKb("v")).toEqual({ last: "v's" });
    await store.close();
  });

  it("returns copies: mutating a result does not change the store", async () => {
    const store = make();
    await store.commit(record("u", "i", "a"), { k: 1 });
    const got = (await store.getInteraction("u", "i"))!;
    got.state.ctx.n = 99;
    const kb = (await store.getUserKb("u"))!;
    kb.k = 2;
    expect((await store.getInteraction("u", "i"))!.state.ctx.n).toBe(1);
    expect(await store.getUserKb("u")).toEqual({ k: 1 });
    await store.close();
  });
});
