import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProcess } from "../definition/index.js";
import type { FlowCallback, FlowCallbacks } from "./index.js";
import { addUtterance, CTX_COMPLETED, FlowEngine, FlowEngineError } from "./index.js";

const fixtures = path.resolve(process.cwd(), "../shared/fixtures/mcc");
const paths = JSON.parse(readFileSync(path.join(fixtures, "engine-paths.json"), "utf8"));

// engine-paths.json "callback_rule": complete, choice = data.choice if present else "".
const echoChoice: FlowCallback = (data, kb, ctx) => ({
  kb,
  ctx,
  complete: true,
  choice: "choice" in data ? (data.choice as string | null) : "",
});

function callbacksFor(proc: ReturnType<typeof parseProcess>, cb: FlowCallback): FlowCallbacks {
  return Object.fromEntries([...proc.activities.keys()].map((id) => [id, cb]));
}

describe("engine reproduces engine-paths.json", () => {
  for (const t of paths.traversal_tests) {
    it(t.name, async () => {
      const proc = parseProcess(t.process);
      let calls = 0;
      const engine = new FlowEngine(
        proc,
        callbacksFor(proc, (d, kb, ctx) => {
          calls++;
          return echoChoice(d, kb, ctx);
        }),
      );
      let state = engine.initialState(t.initial_kb, t.initial_context);
      for (const s of t.steps) {
        expect(state.current, `step ${s.step} before`).toBe(s.activity_before);
        const before = calls;
        const result = await engine.step(state, s.input_data);
        state = result.state;
        expect(state.current, `step ${s.step}`).toBe(s.expected_current_activity);
        expect(state.ctx[CTX_COMPLETED], `step ${s.step} completed`).toEqual(s.expected_completed_gateways);
        expect(result.reply).toEqual(s.expected_output);
        expect(calls - before, `step ${s.step} callback calls`).toBe(s.callback_returns === null ? 0 : 1);
      }
      expect(state.ctx.ctx_key).toBe("ctx value");
    });
  }

  for (const c of paths.add_utterance_cases) {
    it(`add_utterance ${JSON.stringify(c.key)} → ${JSON.stringify(c.expected)}`, () => {
      expect(addUtterance(c.initial_utterance, c.kb, c.key, c.fallback)).toBe(c.expected);
    });
  }
});

const nested = parseProcess({
  first_activity_id: "start",
  activities: [
    { my_id: "start", next_id: "pick", my_type: "START" },
    { my_id: "pick", next_id: "end", my_type: "XOR", choices: ["a", "b"] },
    { my_id: "a", next_id: null, my_type: "TASK" },
    { my_id: "b", next_id: null, my_type: "TASK" },
    { my_id: "end", next_id: null, my_type: "END" },
  ],
});

describe("engine errors leave the state unchanged", () => {
  it("XOR completing without a choice is a clear error", async () => {
    const engine = new FlowEngine(
      nested,
      callbacksFor(nested, () => ({ complete: true })),
    );
    const s0 = (await engine.step(engine.initialState({}), {})).state;
    expect(s0.current).toBe("pick");
    const snapshot = structuredClone(s0);
    await expect(engine.step(s0, {})).rejects.toMatchObject({ code: "xor_without_choice", activity: "pick" });
    expect(s0).toEqual(snapshot);
  });

  it("a choice that is not one of the gateway's choices is rejected", async () => {
    const engine = new FlowEngine(
      nested,
      callbacksFor(nested, () => ({ complete: true, choice: "end" })),
    );
    const s0 = (await engine.step(engine.initialState({}), {})).state;
    await expect(engine.step(s0, {})).rejects.toMatchObject({ code: "invalid_choice" });
  });

  it("a null next_id with an empty stack is an error, not a crash", async () => {
    const proc = parseProcess({
      first_activity_id: "one",
      activities: [{ my_id: "one", next_id: null, my_type: "task" }],
    });
    const engine = new FlowEngine(proc, { one: () => ({ complete: true }) });
    const s0 = engine.initialState({ x: 1 });
    const err = await engine.step(s0, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowEngineError);
    expect((err as FlowEngineError).code).toBe("empty_stack");
    expect((err as Error).message).toContain('"one"');
    expect(s0.current).toBe("one");
  });

  it("a callback that throws or mutates then throws does not touch the state", async () => {
    const engine = new FlowEngine(nested, {
      ...callbacksFor(nested, () => ({ complete: true })),
      start: (_d, kb, ctx) => {
        kb.dirty = true;
        ctx.dirty = true;
        throw new Error("boom");
      },
    });
    const s0 = engine.initialState({ k: "v" });
    await expect(engine.step(s0, {})).rejects.toMatchObject({ code: "callback_failed" });
    expect(s0).toEqual({ current: "start", stack: [], done: {}, ctx: { _done_: [] }, kb: { k: "v" } });
  });

  it("rejects a malformed callback result", async () => {
    const engine = new FlowEngine(nested, { start: () => ({ done: true }) as never });
    await expect(engine.step(engine.initialState({}), {})).rejects.toMatchObject({ code: "bad_callback_result" });
  });

  it("supports async callbacks, kb prompts and hands the kb to the save hook at END", async () => {
    const engine = new FlowEngine(nested, {
      start: async (_d, kb, ctx) => Promise.resolve({ kb, ctx, complete: true, utterance: "Hi" }),
      pick: (d) => ({ complete: true, choice: d.which as string }),
      a: (_d, kb) => {
        kb.saved = "yes";
        return { complete: true, payload: { ok: 1 } };
      },
      b: () => ({ complete: false }),
    });
    const kb = { pick: "a or b?", a: "Doing a", end: "Bye" };
    let r = await engine.step(engine.initialState(kb), {});
    expect(r.reply).toEqual({ utterance: "Hi\na or b?", payload: {} });
    r = await engine.step(r.state, { which: "a" });
    expect(r.reply.utterance).toBe("Doing a");
    expect(r.state.stack).toEqual(["end"]);
    r = await engine.step(r.state, {});
    expect(r.reply).toEqual({ utterance: "Bye", payload: { ok: 1 } });
    expect(r.savedKb).toEqual({ ...kb, saved: "yes" });
    const again = await engine.step(r.state, {});
    expect(again.reply).toEqual({ utterance: "Bye", payload: {} });
    expect(again.savedKb).toBeUndefined();
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
  });
});
