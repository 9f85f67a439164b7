import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCredentials, loadEndpoints } from "./endpoints.js";

const GOLDEN = path.resolve(process.cwd(), "../shared/fixtures/rasa/golden/endpoints");
const TROLLBOT = path.resolve(process.cwd(), "../shared/fixtures/trollbot/rasa");

describe("endpoints.yml", () => {
  it.each(readdirSync(GOLDEN))("loads golden %s", (name) => {
    const { endpoints } = loadEndpoints(path.join(GOLDEN, name), {});
    expect(Object.keys(endpoints).length).toBeGreaterThan(0);
  });

  it("normalises HTTP endpoints and keeps store options, tolerating an empty key", () => {
    const { endpoints, warnings } = loadEndpoints(path.join(GOLDEN, "lockstore_endpoints.yml"), {});
    expect(warnings).toEqual([]);
    expect(endpoints.nlg).toEqual({ url: "http://localhost:5055/nlg", token_name: "token", headers: {} });
    expect(endpoints.action_endpoint).toMatchObject({
      url: "http://localhost:5055/webhook",
      cafile: "./some_test_file",
    });
    expect(endpoints.lock_store).toMatchObject({ type: "redis", port: 6379, use_ssl: true, key_prefix: "lock" });
    expect("empty" in endpoints).toBe(false);
    const custom = loadEndpoints(path.join(GOLDEN, "custom_tracker_endpoints.yml"), {}).endpoints;
    expect(custom.tracker_store?.type).toBe("tests.core.test_tracker_stores.ExampleTrackerStore");
  });

  it("treats a missing file as empty", () => {
    expect(loadEndpoints(path.join(GOLDEN, "nope.yml"))).toEqual({ endpoints: {}, warnings: [] });
    expect(loadCredentials(path.join(GOLDEN, "nope.yml"))).toEqual({ credentials: {}, warnings: [] });
  });

  it("expands environment variables (Trollbot docker files)", () => {
    const env = {
      ACTION_ENDPOINT_URL: "http://actions:5055/webhook",
      MONGODB_URI: "mongodb://db:27017",
      MONGODB_DB_NAME: "troll",
      MONGODB_USERNAME: "u",
      MONGODB_PASSWORD: "p",
      BACKEND_API_LOCATION: "backend:3001",
    };
    const { endpoints } = loadEndpoints(path.join(TROLLBOT, "endpoints-docker.yml"), env);
    expect(endpoints.action_endpoint?.url).toBe("http://actions:5055/webhook");
    expect(endpoints.tracker_store).toEqual({
      type: "mongod",
      url: "mongodb://db:27017",
      db: "troll",
      username: "u",
      password: "p",
    });
    const { credentials } = loadCredentials(path.join(TROLLBOT, "credentials-docker.yml"), env);
    expect(credentials).toEqual({ callback: { url: "http://backend:3001/api/rasa/bot" } });
    expect(() => loadEndpoints(path.join(TROLLBOT, "endpoints-docker.yml"), {})).toThrow(
      /endpoints-docker\.yml:14:7: environment variable ACTION_ENDPOINT_URL not set \(key: action_endpoint\.url\)/,
    );
  });

  it("reads headers, token and basic auth, rejecting a malformed basic_auth", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "confab-ep-"));
    const file = path.join(dir, "endpoints.yml");
    writeFileSync(
      file,
      "action_endpoint:\n  url: http://a\n  token: 123\n  token_name: key\n  headers: {X-Key: v}\n  basic_auth: {username: u, password: p}\n",
    );
    expect(loadEndpoints(file, {}).endpoints.action_endpoint).toEqual({
      url: "http://a",
      token: "123",
      token_name: "key",
      headers: { "X-Key": "v" },
      basic_auth: { username: "u", password: "p" },
    });
    writeFileSync(file, "nlg:\n  url: http://a\n  basic_auth: {username: u}\n");
    expect(() => loadEndpoints(file, {})).toThrow(/endpoints\.yml:3:15: basic_auth needs/);
  });
});

describe("credentials.yml", () => {
  it("keeps option-less channels as null", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "confab-cred-"));
    const file = path.join(dir, "credentials.yml");
    writeFileSync(file, "rest:\nsocketio:\n  user_message_evt: user_uttered\n  session_persistence: true\n");
    expect(loadCredentials(file, {}).credentials).toEqual({
      rest: null,
      socketio: { user_message_evt: "user_uttered", session_persistence: true },
    });
    writeFileSync(file, "rest: yes\n");
    expect(() => loadCredentials(file, {})).toThrow(
      /credentials\.yml:1:7: credentials for channel 'rest' must be a mapping/,
    );
  });
});
