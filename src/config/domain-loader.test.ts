import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_INTENTS } from "../model/domain.js";
import { loadDomain } from "./domain-loader.js";

const RASA = path.resolve(process.cwd(), "../shared/fixtures/rasa");
const TROLLBOT = path.resolve(process.cwd(), "../shared/fixtures/trollbot/rasa");

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "confab-domain-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("loadDomain on the example bots", () => {
  it("formbot: intents, slots incl. implicit ones, forms and mappings", () => {
    const { domain, warnings } = loadDomain(path.join(RASA, "formbot/domain.yml"));
    expect(warnings).toEqual([]);
    expect(domain.intents.map((i) => i.name)).toEqual([
      "request_restaurant",
      "chitchat",
      "inform",
      "affirm",
      "deny",
      "stop",
      "thankyou",
      "greet",
      "bot_challenge",
      ...DEFAULT_INTENTS,
    ]);
    expect(domain.intents[0]).toEqual({ name: "request_restaurant", use_entities: [], ignore_entities: [] });
    expect(domain.intents[2]).toEqual({ name: "inform", use_entities: true, ignore_entities: [] });
    expect(Object.keys(domain.responses)).toHaveLength(17);
    expect(domain.slots.map((s) => s.name)).toEqual([
      "cuisine",
      "num_people",
      "outdoor_seating",
      "preferences",
      "feedback",
      "requested_slot",
      "session_started_metadata",
    ]);
    expect(domain.slots[1]).toMatchObject({ type: "float", min_value: 0, max_value: 1, influence_conversation: false });
    expect(domain.slots[1]?.mappings[0]).toEqual({
      type: "from_entity",
      entity: "number",
      intent: ["inform", "request_restaurant"],
    });
    expect(domain.slots[3]?.mappings[1]).toEqual({
      type: "from_text",
      not_intent: ["deny"],
      conditions: [{ active_loop: "restaurant_form", requested_slot: "preferences" }],
    });
    expect(domain.slots[5]).toEqual({
      name: "requested_slot",
      type: "text",
      initial_value: null,
      influence_conversation: false,
      mappings: [],
    });
    expect(domain.slots[6]).toMatchObject({ type: "any", influence_conversation: false });
    expect(domain.forms).toEqual({
      restaurant_form: {
        required_slots: ["cuisine", "num_people", "outdoor_seating", "preferences", "feedback"],
        ignored_intents: ["chitchat"],
      },
    });
    expect(domain.actions).toEqual(["validate_restaurant_form"]);
    expect(domain.session_config).toEqual({ session_expiration_time: 60, carry_over_slots_to_new_session: true });
  });

  it.each([
    ["moodbot", 12, 6, 1, 0],
    ["rules", 15, 13, 4, 1],
    ["responseselectorbot", 13, 6, 1, 0],
    ["initial_project", 12, 6, 1, 0],
  ])("%s: %i intents, %i responses, %i slots, %i forms", (bot, intents, responses, slots, forms) => {
    const { domain, warnings } = loadDomain(path.join(RASA, bot, "domain.yml"));
    expect(warnings).toEqual([]);
    expect(domain.intents).toHaveLength(intents);
    expect(Object.keys(domain.responses)).toHaveLength(responses);
    expect(domain.slots).toHaveLength(slots);
    expect(Object.keys(domain.forms)).toHaveLength(forms);
  });

  it("keeps button payloads and images of moodbot responses", () => {
    const { domain } = loadDomain(path.join(RASA, "moodbot/domain.yml"));
    expect(domain.responses.utter_greet?.[0]?.buttons).toEqual([
      { title: "great", payload: "/mood_great" },
      { title: "super sad", payload: "/mood_unhappy" },
    ]);
    expect(domain.responses.utter_cheer_up?.[0]?.image).toBe("https://i.imgur.com/iPa8HCj.jpeg");
  });

  it("loads the Trollbot domain (any slots with initial values, use_entities lists)", () => {
    const { domain, warnings } = loadDomain(path.join(TROLLBOT, "domain.yml"));
    expect(warnings).toEqual([]);
    expect(domain.intents).toHaveLength(24 + DEFAULT_INTENTS.length);
    expect(domain.intents[0]).toMatchObject({ name: "opening", use_entities: ["name"] });
    expect(Object.keys(domain.responses)).toHaveLength(29);
    expect(domain.slots).toHaveLength(14 + 1);
    expect(domain.actions).toHaveLength(19);
    const artists = domain.slots.find((s) => s.name === "artists");
    expect(artists).toMatchObject({ type: "any", initial_value: {}, influence_conversation: false });
  });
});

describe("domain normalisation", () => {
  it("merges a domain/ folder and rejects conflicting definitions", () => {
    const dir = tempDir({
      "domain/a.yml": "intents: [greet]\nresponses:\n  utter_greet:\n  - text: hi\nactions: [action_a]\n",
      "domain/sub/b.yml":
        "intents: [greet, bye]\nentities: [city]\nresponses:\n  utter_greet:\n  - text: hi\n  utter_bye:\n  - text: bye\n",
      "domain/notes.yml": "something: else\n",
    });
    const { domain, files } = loadDomain(path.join(dir, "domain"));
    expect(files.map((f) => path.basename(f))).toEqual(["a.yml", "b.yml"]);
    expect(domain.intents.slice(0, 2).map((i) => i.name)).toEqual(["greet", "bye"]);
    expect(Object.keys(domain.responses)).toEqual(["utter_greet", "utter_bye"]);
    writeFileSync(path.join(dir, "domain/c.yml"), "responses:\n  utter_bye:\n  - text: ciao\n");
    // Files are merged in path order (a.yml, c.yml, sub/b.yml): the later definition is the one reported.
    expect(() => loadDomain(path.join(dir, "domain"))).toThrow(
      /sub\/b\.yml:7:3: response 'utter_bye' is defined differently in another domain file \(first defined at .*c\.yml:3\)/,
    );
  });

  it("applies slot defaults and validates slot types", () => {
    const dir = tempDir({
      "d.yml": [
        "slots:",
        "  risk: {type: categorical, values: [Low, HIGH], mappings: [{type: custom}]}",
        "  temp: {type: float, min_value: -10, max_value: 10, initial_value: 3, mappings: [{type: custom}]}",
        "  tags: {type: list}",
        "  blob: {type: any, mappings: [{type: custom}]}",
        "entities:",
        "  - city: {roles: [from, to]}",
        "  - noise: {influence_conversation: false}",
        "actions:",
        "  - action_plain",
        "  - action_hello: {send_domain: true}",
        "forms:",
        "  old_form:",
        "    required_slots:",
        "      tags: [{type: from_text}]",
        "    ignored_intents: chitchat",
      ].join("\n"),
    });
    const { domain, warnings } = loadDomain(path.join(dir, "d.yml"));
    const slot = (n: string) => domain.slots.find((s) => s.name === n);
    expect(slot("risk")).toMatchObject({ values: ["low", "high", "__other__"], influence_conversation: true });
    expect(slot("temp")).toMatchObject({ min_value: -10, max_value: 10, initial_value: 3 });
    expect(slot("tags")).toMatchObject({ type: "list", mappings: [] });
    expect(slot("blob")?.influence_conversation).toBe(false);
    expect(warnings.some((w) => w.includes("slot 'tags' has no 'mappings'"))).toBe(true);
    expect(warnings.some((w) => w.includes("Rasa 2.x mapping form"))).toBe(true);
    expect(domain.entities).toEqual([
      { name: "city", roles: ["from", "to"], groups: [], influence_conversation: true },
      { name: "noise", roles: [], groups: [], influence_conversation: false },
    ]);
    expect(domain.actions).toEqual(["action_plain", "action_hello"]);
    expect(domain.actions_send_domain).toEqual(["action_hello"]);
    expect(domain.forms.old_form).toEqual({ required_slots: ["tags"], ignored_intents: ["chitchat"] });
    expect(slot("requested_slot")).toBeDefined();

    const bad = tempDir({ "d.yml": "slots:\n  x:\n    type: numbr\n    mappings: []\n" });
    expect(() => loadDomain(path.join(bad, "d.yml"))).toThrow(/d\.yml:3:11: slot 'x' has unknown type 'numbr'/);
    const anyInfluence = tempDir({ "d.yml": "slots:\n  x: {type: any, influence_conversation: true, mappings: []}\n" });
    expect(() => loadDomain(path.join(anyInfluence, "d.yml"))).toThrow(/cannot influence the conversation/);
  });

  it("rejects responses without text or custom and intents with a dangling colon", () => {
    const noText = tempDir({ "d.yml": "responses:\n  utter_x:\n  - image: http://x/y.png\n" });
    expect(() => loadDomain(path.join(noText, "d.yml"))).toThrow(
      /d\.yml:3:5: response 'utter_x' has a variation without 'text' or 'custom'/,
    );
    const colon = tempDir({ "d.yml": "intents:\n  - greet:\n" });
    expect(() => loadDomain(path.join(colon, "d.yml"))).toThrow(/intent 'greet' has a ':' but no options/);
  });
});
