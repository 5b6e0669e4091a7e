import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; LOOKOUT_CHROMIUM overrides it. playwright-core drives it and never downloads a browser. */
export const CHROMIUM = process.env.LOOKOUT_CHROMIUM || '/usr/bin/chromium';

/** The browser flags for a quiet, offline, throwaway headless Chromium. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium with its profile under `dir`, showing `viewport`. */
export function launchChromium(dir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
}
