import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { startServer, type TestServer } from './server.ts';

/**
 * Headless Chromium for the end-to-end suites: Debian's /usr/bin/chromium
 * driven by playwright-core (no browser download). Without it, CI fails
 * loudly and a developer's run skips loudly.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  const message = `${CHROMIUM_PATH} is missing: the end-to-end tests need Debian's chromium (apt-get install chromium; .ci/run installs it).`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n⚠ SKIPPING END-TO-END TESTS: ${message}\n`);
}

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const clientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));
/**
 * Where e2e tests write their pictures: test-results/screenshots (git-ignored),
 * or docs/screenshots with UPDATE_SCREENSHOTS=1, so a test run never changes
 * committed files (`npm run screenshots` writes the docs' pictures).
 */
export const shotDir = join(repoRoot, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');
export const shotPath = (name: string) => join(shotDir, name);
export const axePath = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

export function assertClientBuilt(): void {
  if (!existsSync(`${clientDist}/index.html`)) {
    throw new Error('client/dist is missing: run `npx vite build` first (npm test builds it).');
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** An old-ish phone: 360×640, touch, 2× pixels. */
export const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
};
export const laptop: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };
export const projector: BrowserContextOptions = { viewport: { width: 1920, height: 1080 } };

/** Collects page errors so a test can assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function newPage(browser: Browser, options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page. The app's CSP forbids inline scripts, so the
 * scanned context must be created with `bypassCSP: true`.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  const results = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe;
    return axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  })) as AxeResults;
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export function serious(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The usual e2e setup: the built client served by a real in-process server
 * on a free port, and one headless Chromium for the file.
 */
export async function startBrowserSuite(): Promise<{ server: TestServer; browser: Browser }> {
  assertClientBuilt();
  const server = await startServer({ clientDir: clientDist });
  return { server, browser: await launch() };
}

export async function stopBrowserSuite(server: TestServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}
