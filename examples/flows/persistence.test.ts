/**
 * State survives a runtime restart (SQLite in the tracker database), and the KB saved at END is
 * per user: one user's new address does not leak to another.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadFlowProject } from "../../src/flows/project.js";
import { serve } from "./support/server.js";
import { connect } from "./support/ws-client.js";
import { EXAMPLES } from "./support/transcripts.js";

const data = (payload: Record<string, unknown>) => ({ type: "data", payload });

describe("persistence across a restart (SQLite)", () => {
  it("resumes an interaction after the runtime is rebuilt from the same database", async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), "flows-db-")), ".confab", "tracker.db");
    const shop = path.join(EXAMPLES, "shop");
    const stub = { kind: "none" as const, parse: () => Promise.resolve({ intent: "" }) };

    let runtime = await loadFlowProject(shop, { store: db, nlu: stub });
    let server = await serve(runtime);
    let c = await connect(`${server.ws}?uid=alice`);
    const interaction = await c.next();
    await c.next();
    c.send(data({ intent: "state_preference", preference: "cap" }));
    c.send(data({ intent: "change_something", change: "size" }));
    await c.next();
    const lastBeforeRestart = await c.next();
    await c.close();
    await server.close();
    await runtime.close();

    runtime = await loadFlowProject(shop, { store: db, nlu: stub });
    server = await serve(runtime);
    c = await connect(`${server.ws}?uid=alice&interaction=${interaction}&snapshot=1`);
    expect(JSON.parse(await c.next())).toEqual({ ...JSON.parse(lastBeforeRestart), snapshot: true });
    const steps = [
      data({ intent: "state_preference", preference: "large" }),
      data({ intent: "change_something", change: "color" }),
      data({ intent: "state_preference", preference: "black" }),
      data({ intent: "change_nothing" }),
      data({ intent: "change_something", change: "address" }),
      data({ intent: "give_address", address: "Rue de Rivoli 1" }),
    ];
    for (const s of steps) {
      c.send(s);
      await c.next();
    }
    c.send(data({ intent: "deny" }));
    const final = JSON.parse(await c.next());
    expect(final.utterance).toBe(
      "You chose: cap, size: L, color: black. \nDeliver to: Rue de Rivoli 1, pay with: 676766767676767667676778\nAll done! Your item is scheduled for shipping.",
    );
    await c.close();

    // Alice's next interaction starts from her saved KB; Bob still gets the project's default.
    const alice = await connect(`${server.ws}?uid=alice`);
    const alice2 = await alice.next();
    await alice.next();
    expect((await runtime.state("alice", alice2)).ctx.address).toBe("Rue de Rivoli 1");
    expect((await runtime.store.getUserKb("alice"))?.last_address).toBe("Rue de Rivoli 1");
    const bob = await connect(`${server.ws}?uid=bob`);
    const bob1 = await bob.next();
    await bob.next();
    expect((await runtime.state("bob", bob1)).ctx.address).toBe("via Ghirardelli 25");
    expect(await runtime.store.getUserKb("bob")).toBeNull();
    expect((await runtime.state("alice", interaction)).current).toBe("end");
    await alice.close();
    await bob.close();
    await server.close();
    await runtime.close();

    const sqlite = new Database(db, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["flow_interactions", "flow_user_kb"]));
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const count = sqlite.prepare("SELECT COUNT(*) AS n FROM flow_interactions WHERE uid = 'alice'").get() as {
      n: number;
    };
    expect(count.n).toBe(2);
    sqlite.close();
  });
});
