import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTarGz, writeTarGz } from "./tar.js";

describe("model archive tar.gz", () => {
  const entries = [
    { name: "metadata.json", data: Buffer.from('{"a":1}') },
    { name: "nlu.json", data: Buffer.from("x".repeat(1300)) },
    { name: "empty.json", data: Buffer.alloc(0) },
  ];

  it("round-trips entries", () => {
    const back = readTarGz(writeTarGz(entries));
    expect(back.map((e) => e.name)).toEqual(["metadata.json", "nlu.json", "empty.json"]);
    expect(back[1]!.data.toString()).toBe("x".repeat(1300));
    expect(back[2]!.data.length).toBe(0);
  });

  it("is readable by the system tar", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "confab-tar-")), "m.tar.gz");
    fs.writeFileSync(file, writeTarGz(entries));
    const listing = execFileSync("tar", ["tzf", file], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toEqual(["metadata.json", "nlu.json", "empty.json"]);
    const content = execFileSync("tar", ["xzOf", file, "metadata.json"], { encoding: "utf8" });
    expect(content).toBe('{"a":1}');
  });

  it("rejects garbage", () => {
    expect(() => readTarGz(Buffer.from("not a gzip"))).toThrow();
  });
});
