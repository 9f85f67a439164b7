import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NluModel } from "../../nlu/types.js";
import {
  confabNluAdapter,
  createNluAdapter,
  FlowNluError,
  noNluAdapter,
  parseNluConfig,
  parseToData,
} from "./index.js";

describe("none adapter (MCC NoNluAdapter)", () => {
  it("copies the text into every key", async () => {
    expect(await noNluAdapter(["name", "age"]).parse("Mark")).toEqual({ name: "Mark", age: "Mark" });
    expect(await noNluAdapter([]).parse("anything")).toEqual({});
  });
});

describe("parse result mapping", () => {
  it("maps intent and entities, later entities win, null intent gives empty intent", () => {
    expect(
      parseToData({
        intent: { name: "state_preference" },
        entities: [
          { entity: "preference", value: "cap" },
          { entity: "preference", value: "grey" },
        ],
      }),
    ).toEqual({ intent: "state_preference", preference: "grey" });
    expect(parseToData({ intent: { name: null }, entities: [{ entity: "x", value: 1 }] })).toEqual({ intent: "" });
    expect(parseToData({ intent: {}, entities: [] })).toEqual({ intent: "" });
  });
});

describe("rasa adapter", () => {
  const seen: { url: string; body: string }[] = [];
  let url = "";
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ url: req.url ?? "", body });
      if (req.url?.startsWith("/broken")) {
        res.statusCode = 500;
        res.end("no");
        return;
      }
      const text = (JSON.parse(body) as { text: string }).text;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          text,
          intent: text ? { name: "give_address", confidence: 0.9 } : { name: null, confidence: 0 },
          entities: text ? [{ entity: "address", value: "London", start: 0, end: 6 }] : [],
        }),
      );
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("POSTs {text} to the configured <url>/model/parse and maps the result", async () => {
    const adapter = await createNluAdapter(parseNluConfig({ type: "rasa", url, token: "s3cret" }, "flow.yml"), ".");
    expect(await adapter.parse("London please")).toEqual({ intent: "give_address", address: "London" });
    expect(await adapter.parse("")).toEqual({ intent: "" });
    expect(seen[0]).toEqual({ url: "/model/parse?token=s3cret", body: '{"text":"London please"}' });
  });

  it("keeps a path prefix in the URL and reports server errors clearly", async () => {
    const adapter = await createNluAdapter({ type: "rasa", url: `${url}/broken` }, ".");
    await expect(adapter.parse("x")).rejects.toThrow(/answered 500/);
    expect(seen.at(-1)?.url).toBe("/broken/model/parse");
    const down = await createNluAdapter({ type: "rasa", url: "http://127.0.0.1:1" }, ".");
    await expect(down.parse("x")).rejects.toBeInstanceOf(FlowNluError);
  });
});

describe("confab adapter", () => {
  it("wraps an NluModel (stub) with the MCC mapping", async () => {
    const model: NluModel = {
      intents: ["choose_age"],
      parse: (text) => ({
        text,
        intent: { name: "choose_age", confidence: 1 },
        entities: [{ entity: "age", value: text.replace(/\D/g, "") }],
      }),
      toJSON: () => ({}),
    };
    expect(await confabNluAdapter(model).parse("I'm 25")).toEqual({ intent: "choose_age", age: "25" });
  });
});

describe("flow.yml nlu section", () => {
  it("defaults to the no-NLU adapter with no keys and rejects unknown types and keys", () => {
    expect(parseNluConfig(undefined, "flow.yml")).toEqual({ type: "none", keys: [] });
    expect(() => parseNluConfig({ type: "luis" }, "flow.yml")).toThrow(/flow\.yml: invalid "nlu" section/);
    expect(() => parseNluConfig({ type: "none", keys: ["a"], extra: 1 }, "flow.yml")).toThrow(/extra/);
    expect(() => parseNluConfig({ type: "rasa", url: "not a url" }, "flow.yml")).toThrow(/url/);
  });
});
