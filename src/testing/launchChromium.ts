import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/install-system-deps`. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless, offline, sandbox-less Chromium that phones nowhere. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Why browser tests cannot run here, or `undefined` when they can. In CI a missing Chromium is
 * not a reason: the tests must run there (and fail loudly if they cannot).
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') return undefined;
  return `${CHROMIUM_PATH} is missing (run .ci/install-system-deps)`;
}

/** A launched Chromium with a fresh profile, and how to close it and delete that profile. */
export interface LaunchedChromium {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Launches Debian's Chromium through playwright-core (no downloaded browser) with a fresh `--user-data-dir`. */
export async function launchChromium(): Promise<LaunchedChromium> {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'kubeactors-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 } });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
