import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Locator } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `make test` installs it as root). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium through playwright-core, which never downloads a browser. A missing Chromium
 * fails the test that needs it, saying how to install one: a browser test never skips silently.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. Install it with ` +
        '`apt-get install -y chromium` (make test does this when run as root), or set CHROMIUM_PATH.',
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/** A CSS property as the browser computed it for the element (the tests compile without the DOM library). */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(n: string): string } })
        .getComputedStyle(element)
        .getPropertyValue(name),
    property,
  );
}

/**
 * Where browser tests write screenshots: docs/screenshots with UPDATE_SCREENSHOTS=1 (they are
 * committed and shown in the docs), else .local/test/screenshots, so an ordinary test run leaves
 * the tree as it was.
 */
export const SCREENSHOTS = resolve(
  __dirname,
  '../..',
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : '.local/test/screenshots',
);
