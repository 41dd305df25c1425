// Browser tests: Debian's Chromium driven by playwright-core, against a real modgov app listening on
// 127.0.0.1 (a random port) over a seeded test database, with axe-core for accessibility.
//
// One browser and one app per test file: `startBrowserApp()` in `before`, `close()` in `after`.
// The page's Content-Security-Policy (`default-src 'self'`, no inline script) stays as the server sends it:
// axe-core's source goes in through the DevTools protocol (page.evaluate of a string), which a page's CSP does
// not govern, rather than a <script> tag (which the CSP would block) or bypassCSP (which would hide a page that
// breaks its own policy).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Response,
} from 'playwright-core';
import { addUser } from '../../src/app/add-user.ts';
import { sec } from '../../src/codes/sec/index.ts';
import type { Database } from '../../src/db/connect.ts';
import type { RoleGrant } from '../../src/domain/access/roles.ts';
import { createFileMailer } from '../../src/mail/mailer.ts';
import { buildServer } from '../../src/web/server.ts';
import { ROOT } from './cli.ts';
import { createTestDatabase } from './db.ts';
import { seedWebRegister } from './seed.ts';

export const CHROMIUM = process.env.MODGOV_CHROMIUM || '/usr/bin/chromium';

/** The flags STACK.md measured Debian's Chromium with: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The password of every user made by startBrowserApp. */
export const TEST_PASSWORD = 'correct horse battery staple';

export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

export interface TestUser {
  email: string;
  name: string;
  roles: RoleGrant[];
  /** The person in the register the user is (a slug). */
  person?: string;
}

export interface BrowserApp {
  browser: Browser;
  /** http://127.0.0.1:PORT, no trailing slash. */
  baseUrl: string;
  database: Database;
  app: FastifyInstance;
  /** Where the file mailer writes its messages. */
  mailDir: string;
  /** The users made, by e-mail: their ids. */
  userIds: Map<string, number>;
  /** A new browser context (its own cookies) whose relative URLs go to the app: page.goto('/meetings'). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Chromium and a modgov app over the web seed (seedWebRegister) and `users`, today fixed at 30 October 2019,
 * mail to files in a temporary directory and single sign-on off.
 */
export async function startBrowserApp(
  options: { users?: TestUser[]; seed?: (database: Database) => Promise<void> } = {},
): Promise<BrowserApp> {
  const launching = launchChromium();
  const mailDir = mkdtempSync(join(tmpdir(), 'modgov-browser-mail-'));
  let database: Database | null = null;
  let app: FastifyInstance | null = null;
  try {
    database = await createTestDatabase();
    await seedWebRegister(database.db);
    if (options.seed) await options.seed(database);
    const userIds = new Map<string, number>();
    for (const user of options.users ?? []) {
      const added = await addUser(
        { db: database.db, rules: sec },
        { ...user, password: TEST_PASSWORD, actor: 'test' },
      );
      userIds.set(user.email, added.id);
    }
    app = buildServer({
      database,
      rules: sec,
      today: () => '2019-10-30',
      mailer: createFileMailer(mailDir, 'modgov@test.example'),
      oidc: null,
    });
    const baseUrl = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    const browser = await launching;
    const opened = { database, app };
    return {
      browser,
      baseUrl,
      database,
      app,
      mailDir,
      userIds,
      newContext: (contextOptions = {}) => browser.newContext({ ...contextOptions, baseURL: baseUrl }),
      close: async () => {
        await browser.close();
        await opened.app.close();
        await opened.database.close();
        rmSync(mailDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await launching.then((b) => b.close()).catch(() => undefined);
    await app?.close();
    await database?.close();
    rmSync(mailDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Signs in through the real form at /sign-in (going there first unless the page is on it already; the page's
 * context must come from BrowserApp.newContext), and checks it lands on the account page.
 */
export async function signInAs(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  if (new URL(page.url()).pathname !== '/sign-in') await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL('**/account'),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  assert.equal(await mainHeading(page), 'Your account', `signed in as ${email}`);
}

/**
 * Does `action` (a click or key press that follows a link or submits a form) and waits until the page it leads
 * to has loaded, past any redirect. Returns that page's response, to check its status: a form sent back with its
 * errors stays at the same URL, so waiting for a URL would not do.
 */
export async function navigateBy(page: Page, action: () => Promise<unknown>): Promise<Response> {
  const responded = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.request().frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  );
  // fired when the new document is committed, so the load state waited for next is the new document's
  const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  try {
    await action();
  } catch (error) {
    for (const waiting of [responded, committed]) waiting.catch(() => undefined);
    throw error;
  }
  const [response] = await Promise.all([responded, committed]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * Watches a page for what the browser reports going wrong: uncaught script errors, and anything the
 * Content-Security-Policy refused (an inline style or script, a resource from elsewhere). Returns a function
 * that hands over what was seen since it was last called.
 */
export function watchPageProblems(page: Page): () => string[] {
  let seen: string[] = [];
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text()))
      seen.push(`console ${message.type()}: ${message.text()}`);
  });
  return () => {
    const problems = seen;
    seen = [];
    return problems;
  };
}

/** The text of the page's one h1 (fails when there is none, or more than one). */
export async function mainHeading(page: Page): Promise<string> {
  const headings = page.locator('h1');
  assert.equal(await headings.count(), 1, `${page.url()} has exactly one h1`);
  return (await headings.innerText()).trim();
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it stands for WCAG 2.2 A and AA, and fails listing each violation (rule, impact,
 * help, the first elements it found) when there is any.
 */
export async function checkAccessibility(page: Page, label: string): Promise<void> {
  axeSource ??= readFileSync(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js', { paths: [ROOT] }),
    'utf8',
  );
  const loaded = await page.evaluate(`${axeSource}\n;typeof window.axe === 'object'`);
  assert.equal(loaded, true, `${label}: axe-core did not load`);
  const violations = await page.evaluate(async (tags: string[]): Promise<AxeViolation[]> => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: {
              id: string;
              impact?: string | null;
              help: string;
              helpUrl: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' > ')),
    }));
  }, AXE_TAGS);
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) =>
      `- ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.targets.join('\n    ')}\n    ${v.helpUrl}`,
  );
  assert.fail(
    `${label} (${page.url()}): ${violations.length} accessibility violation(s):\n${lines.join('\n')}`,
  );
}

/** Saves a full-page PNG as test-output/screenshots/<name>.png, and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
