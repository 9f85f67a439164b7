import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDomain } from "./domain-loader.js";
import { domainToJson, domainToYaml } from "./domain-json.js";

const RASA = path.resolve(process.cwd(), "../shared/fixtures/rasa");

describe("domainToJson", () => {
  it("produces Rasa's Domain.as_dict() shapes", () => {
    const { domain } = loadDomain(path.join(RASA, "formbot/domain.yml"));
    const json = domainToJson(domain);
    expect(json.version).toBe("3.1");
    expect(json.config).toEqual({ store_entities_as_slots: true });
    expect(json.session_config).toEqual({ session_expiration_time: 60, carry_over_slots_to_new_session: true });
    expect(json.intents[0]).toEqual({ request_restaurant: { use_entities: [] } });
    expect(json.intents[2]).toEqual({ inform: { use_entities: true } });
    expect(json.entities).toEqual(["cuisine", "number", "feedback", "seating"]);
    expect(json.slots.num_people).toEqual({
      type: "float",
      initial_value: null,
      influence_conversation: false,
      mappings: [{ type: "from_entity", entity: "number", intent: ["inform", "request_restaurant"] }],
      min_value: 0,
      max_value: 1,
    });
    expect(json.slots.requested_slot).toMatchObject({ type: "text", influence_conversation: false, mappings: [] });
    expect(json.forms.restaurant_form).toEqual({
      required_slots: ["cuisine", "num_people", "outdoor_seating", "preferences", "feedback"],
      ignored_intents: ["chitchat"],
    });
    expect(json.actions).toEqual(["validate_restaurant_form"]);
    expect(json.responses.utter_submit).toEqual([{ text: "All done!" }]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("writes categorical values without __other__ and send_domain actions as objects", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "confab-json-"));
    const file = path.join(dir, "domain.yml");
    writeFileSync(
      file,
      "entities:\n  - city: {roles: [from, to]}\nslots:\n  risk: {type: categorical, values: [low, high], mappings: [{type: custom}]}\n" +
        "actions:\n  - action_a\n  - action_b: {send_domain: true}\n",
    );
    const json = domainToJson(loadDomain(file).domain);
    expect(json.slots.risk?.values).toEqual(["low", "high"]);
    expect(json.entities).toEqual([{ city: { roles: ["from", "to"] } }]);
    expect(json.actions).toEqual(["action_a", { action_b: { send_domain: true } }]);
  });
});

describe("domainToYaml", () => {
  it.each(["formbot", "moodbot", "rules"])("round-trips the %s domain", (bot) => {
    const { domain } = loadDomain(path.join(RASA, bot, "domain.yml"));
    const file = path.join(mkdtempSync(path.join(tmpdir(), "confab-yaml-")), "domain.yml");
    writeFileSync(file, domainToYaml(domain));
    const again = loadDomain(file);
    expect(again.warnings).toEqual([]);
    expect(again.domain).toEqual(domain);
  });
});
