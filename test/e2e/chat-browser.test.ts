/**
 * The chat page in real Chromium: type, click a button, see the image, reload and continue the same
 * conversation. Skips when Chromium is missing, except in CI where that is a failure.
 */
import { gzipSync } from "node:zlib";
import { CHROMIUM, chromiumAvailable, inCi, launchChromium } from "../../src/testing/browser.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { widgetBundle } from "../../src/server/chat.js";
import { startApiBot } from "../../src/server/test-helpers.js";
import type { ApiBot } from "../../src/server/test-helpers.js";

const available = chromiumAvailable;
// A 1x1 PNG served instead of the picture on the internet, so the test runs offline.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

if (!available && !inCi) console.warn(`[chat-browser] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.runIf(!available && inCi)("chat page in Chromium", () => {
  it("needs Chromium in CI", () => {
    throw new Error(`${CHROMIUM} is missing; the browser test cannot be skipped in CI`);
  });
});

describe("chat widget bundle", () => {
  it("stays under 30 kB gzipped", async () => {
    const size = gzipSync(await widgetBundle()).length;
    expect(size).toBeLessThan(30 * 1024);
  });
});

describe.runIf(available)("chat page in Chromium", () => {
  let bot: ApiBot;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    bot = await startApiBot({ listen: true, credentials: { rest: null, socketio: { session_persistence: true } } });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.route("https://picsum.photos/**", (route) => route.fulfill({ contentType: "image/png", body: PNG }));
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  const botTexts = () => page.locator(".cfb-bot .cfb-text").allTextContents();

  it("types, clicks a button, shows the image, and continues after a reload", async () => {
    await page.goto(`${bot.url}/chat`);
    await page.fill(".cfb-input", "/greet");
    await page.press(".cfb-input", "Enter");
    await page.getByRole("button", { name: "Not so good" }).click();
    const image = page.locator(".cfb-bot img.cfb-image");
    await image.waitFor();
    expect(await image.getAttribute("src")).toBe("https://picsum.photos/seed/confab/400/300");
    await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await expect.poll(botTexts).toContain("Did that make things a bit better?");
    const sessionId = await page.evaluate<string>('JSON.parse(localStorage.getItem("confab-chat") ?? "{}").sessionId');
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/);

    await page.reload();
    await expect.poll(botTexts).toContain("Did that make things a bit better?");
    await page.fill(".cfb-input", "/affirm");
    await page.press(".cfb-input", "Enter");
    await expect.poll(botTexts).toContain("That's lovely to hear. Keep that good energy going!");
    const after = await page.evaluate<string>('JSON.parse(localStorage.getItem("confab-chat") ?? "{}").sessionId');
    expect(after).toBe(sessionId);
    const tracker = (await bot.app.inject({ url: `/conversations/${sessionId}/tracker` })).json();
    const intents = tracker.events
      .filter((e: { event: string }) => e.event === "user")
      .map((e: { parse_data: { intent: { name: string } } }) => e.parse_data.intent.name);
    expect(intents).toEqual(["greet", "mood_unhappy", "affirm"]);
  });
});
