/**
 * The shop page in real Chromium: buttons (enabled by the payload flags) and typed text drive the same
 * process to the end. Skips when Chromium is missing, except in CI where that is a failure.
 */
import path from "node:path";
import { CHROMIUM, chromiumAvailable, inCi, launchChromium } from "../../src/testing/browser.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFlowProject } from "../../src/flows/project.js";
import type { RunningFlowProject } from "../../src/flows/project.js";
import { EXAMPLES } from "./support/transcripts.js";

const available = chromiumAvailable;

if (!available && !inCi) {
  console.warn(`[shop-browser] skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`);
}

describe.runIf(!available && inCi)("shop page in Chromium", () => {
  it("needs Chromium in CI", () => {
    throw new Error(`${CHROMIUM} is missing; the browser test cannot be skipped in CI`);
  });
});

describe.runIf(available)("shop page in Chromium", () => {
  let project: RunningFlowProject;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    project = await runFlowProject({
      dir: path.join(EXAMPLES, "shop"),
      port: 0,
      host: "127.0.0.1",
      mccPort: false,
      store: "memory",
    });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await project?.close();
  });

  const prompt = () => page.getByTestId("prompt");
  async function type(text: string) {
    await page.fill("#chat-input", text);
    await page.press("#chat-input", "Enter");
  }
  const active = async (id: string) => (await page.locator(`#${id}.active`).count()) > 0;

  it("completes an order with clicks and typed text", async () => {
    await page.goto(`${project.url}/`);
    await expect.poll(() => prompt().textContent()).toContain("To continue, choose an item you want to buy");
    expect(await active("panel-items")).toBe(true);

    await type("are you a bot?");
    await expect.poll(() => prompt().textContent()).toBe("Yes I am a bot, but let's continue with our task!");

    await page.click("text=Sweatshirt");
    await expect.poll(() => active("panel-customize")).toBe(true);
    expect(await active("panel-items")).toBe(false);
    expect(await page.isDisabled("#customize-continue")).toBe(true);

    await type("I want to change the size");
    await expect.poll(() => page.isVisible("#sub-size")).toBe(true);
    await page.click("#sub-size >> text=L");
    await expect.poll(() => page.isVisible("#sub-size")).toBe(false);

    await page.click("text=Choose color");
    await expect.poll(() => page.isVisible("#sub-color")).toBe(true);
    await type("I want the grey one");
    await expect.poll(() => page.isEnabled("#customize-continue")).toBe(true);
    await page.click("#customize-continue");

    await expect.poll(() => active("panel-info")).toBe(true);
    await expect.poll(() => page.getByTestId("summary").textContent()).toContain("via Ghirardelli 25");
    await page.click("text=Change address");
    await expect.poll(() => page.isVisible("#form-address")).toBe(true);
    await page.fill("#form-address input[name=address]", "Baker Street 221b");
    await page.click("#form-address button[type=submit]");
    await expect.poll(() => page.getByTestId("summary").textContent()).toContain("Baker Street 221b");

    await type("That's it");
    await expect.poll(() => active("panel-complete")).toBe(true);
    expect(await prompt().textContent()).toBe(
      "You chose: sweatshirt, size: L, color: grey. \nDeliver to: Baker Street 221b, pay with: 676766767676767667676778\nAll done! Your item is scheduled for shipping.",
    );
    const summary = await page.getByTestId("summary").textContent();
    expect(summary).toContain("sweatshirt");
    expect(summary).toContain("grey");
    const log = await page.getByTestId("chat-log").textContent();
    expect(log).toContain("I want the grey one");
  });

  it("a reload resumes the interaction with a snapshot", async () => {
    await page.reload();
    await expect.poll(() => prompt().textContent()).toContain("All done! Your item is scheduled for shipping.");
    expect(await active("panel-complete")).toBe(true);
  });
});
