import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDomain } from "../../config/index.js";
import { createTracker, initialSlotValues } from "../../model/index.js";
import type { Event } from "../../model/index.js";
import { TemplateNlg } from "../template-nlg.js";
import { createActionServer } from "./index.js";
import { recordingLogger, startStub } from "./test-helpers.js";
import type { StubAnswer, StubServer } from "./test-helpers.js";

const yaml = (validate: boolean) => `
version: "3.1"
intents: [greet]
slots:
  city: {type: text, mappings: [{type: custom, action: action_find_city}]}
  zip: {type: text, mappings: [{type: custom, action: action_find_city}]}
  mood: {type: text, mappings: [{type: from_text}]}
actions: [action_find_city${validate ? ", action_validate_slot_mappings" : ""}]
`;

let stub: StubServer | null = null;
afterEach(async () => stub?.close());

async function extract(validate: boolean, answers: Record<string, StubAnswer>) {
  stub = await startStub((req) => answers[(req.body as { next_action: string }).next_action] ?? { status: 404 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-slots-"));
  fs.writeFileSync(path.join(dir, "domain.yml"), yaml(validate));
  const domain = loadDomain(path.join(dir, "domain.yml")).domain;
  const logger = recordingLogger();
  const hook = createActionServer({ url: stub.url }, domain, logger).slotExtraction!;
  const tracker = createTracker("u", { ...initialSlotValues(domain), zip: "1000" }, []);
  const mapped: Event[] = [{ event: "slot", timestamp: 1, name: "mood", value: "fine" }];
  const ctx = { tracker, domain, channel: "rest", nlg: new TemplateNlg(domain), now: () => 5, logger };
  const events = await hook(ctx, mapped);
  return { events, requests: stub.requests, logger };
}

const slots = (events: Event[]) => events.flatMap((e) => (e.event === "slot" ? [[e.name, e.value]] : []));

describe("custom slot mappings and action_validate_slot_mappings", () => {
  it("runs each mapping action once and keeps changed slots and bot messages only", async () => {
    const find = {
      body: {
        events: [
          { event: "slot", name: "city", value: "Paris" },
          { event: "slot", name: "zip", value: "1000" },
          { event: "restart" },
        ],
        responses: [{ text: "found it" }],
      },
    };
    const { events, requests } = await extract(false, { action_find_city: find });
    expect(requests.map((r) => (r.body as { next_action: string }).next_action)).toEqual(["action_find_city"]);
    expect(slots(events)).toEqual([
      ["mood", "fine"],
      ["city", "Paris"],
    ]);
    expect(events.some((e) => e.event === "bot" && e.text === "found it")).toBe(true);
  });

  it("validation sees the candidates; what it returns wins, the rest stands", async () => {
    const { events, requests } = await extract(true, {
      action_find_city: { body: { events: [{ event: "slot", name: "city", value: "Paris" }] } },
      action_validate_slot_mappings: { body: { events: [{ event: "slot", name: "city", value: null }] } },
    });
    const tracker = (requests[1]!.body as { tracker: { slots: Record<string, unknown> } }).tracker;
    expect(tracker.slots).toMatchObject({ city: "Paris", mood: "fine" });
    expect(slots(events)).toEqual([
      ["city", null],
      ["mood", "fine"],
    ]);
  });

  it("a failing mapping or validation action is logged and the domain's slots are kept", async () => {
    const { events, logger } = await extract(true, {
      action_find_city: { status: 500 },
      action_validate_slot_mappings: { status: 400, body: { error: "no" } },
    });
    expect(slots(events)).toEqual([["mood", "fine"]]);
    expect(logger.codes()).toEqual(["CONFAB_ERR_SLOT_MAPPING_ACTION", "CONFAB_ERR_SLOT_MAPPING_ACTION"]);
  });
});
