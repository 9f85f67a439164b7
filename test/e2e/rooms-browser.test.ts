/**
 * The rooms web UI in real Chromium with two participants: log in, get matched into one room,
 * chat with the troll bot, both complete the task and are redirected; the admin's CSV export then
 * lists every message. Skips when Chromium is missing, except in CI where that is a failure.
 */
import { readFileSync } from "node:fs";
import { CHROMIUM, chromiumAvailable, inCi, launchChromium } from "../../src/testing/browser.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { csvCell } from "../../src/rooms/csv-log.js";
import { adminToken, EXAMPLE, startTestRooms } from "../../src/rooms/test-support.js";

const domain = parse(readFileSync(`${EXAMPLE}/bots/troll/domain.yml`, "utf8")) as {
  responses: Record<string, { text: string }[]>;
};
const dismissals = domain.responses.utter_artist_dismissal!.map((r) =>
  r.text.replace("{artist}", "Queen").replace("{genre}", "rock"),
);
const available = chromiumAvailable;

if (!available && !inCi) console.warn(`[rooms-browser] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.runIf(!available && inCi)("rooms UI in Chromium", () => {
  it("needs Chromium in CI", () => {
    throw new Error(`${CHROMIUM} is missing; the browser test cannot be skipped in CI`);
  });
});

describe.runIf(available)("rooms UI in Chromium", () => {
  let rooms: Awaited<ReturnType<typeof startTestRooms>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    rooms = await startTestRooms();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await rooms?.close();
  });

  async function participant(name: string, pid: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${rooms.url}/?PROLIFIC_PID=${pid}`);
    await page.fill("#name", name);
    await page.click("button[type=submit]");
    await page.waitForURL(`${rooms.url}/wait`);
    return page;
  }

  async function say(page: Page, text: string): Promise<void> {
    await page.fill("#text", text);
    await page.click("#send button");
    await page.locator("#messages li", { hasText: text }).first().waitFor();
  }

  it("matches two users, the bot answers in character, completion redirects, CSV has every message", async () => {
    const alex = await participant("Alex", "PID-ALEX-1");
    const sam = await participant("Sam", "PID-SAM-2");
    await alex.waitForURL(/\/[A-Za-z]{9}$/, { timeout: 10_000 });
    await sam.waitForURL(/\/[A-Za-z]{9}$/, { timeout: 10_000 });
    expect(new URL(alex.url()).pathname).toBe(new URL(sam.url()).pathname);
    await alex.locator("#members", { hasText: "Sam" }).waitFor();

    await say(alex, "Hi I'm Alex");
    await alex.locator("#messages li.bot", { hasText: "Alex" }).first().waitFor();
    await say(sam, "I like Queen");
    // The troll dismisses whatever is suggested (utter_artist_dismissal: artist or its genre).
    const dismissal = sam.locator("#messages li.bot .body", { hasText: /Queen|rock/ }).first();
    await dismissal.waitFor();
    expect(dismissals).toContain(await dismissal.textContent());
    await alex.locator("#messages li", { hasText: "I like Queen" }).waitFor();

    const link = new URL(alex.url()).pathname.slice(1);
    const pages = [alex, sam];
    const shown = await alex.locator("#messages li .body").allTextContents();

    await alex.click("#complete");
    await sam.locator("#notice", { hasText: "ready to complete" }).waitFor();
    await sam.click("#complete");
    for (const page of pages) await page.waitForURL(`${rooms.url}/?done=1`);
    await alex.locator("#done").waitFor({ state: "visible" });

    const token = await adminToken(rooms.url);
    const res = await fetch(`${rooms.url}/api/log/${link}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split("\r\n")[0]).toBe(
      "timestamp,event,name,event source,userID,username,message,policy,confidence,interpreted intent,story step,story,rule",
    );
    const messages = shown.filter((m) => !/ (joined|left)$/.test(m));
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const m of messages) expect(csv).toContain(`,${csvCell(m)},`);
    expect(csv).not.toContain("PID-ALEX-1");
  }, 60_000);
});
