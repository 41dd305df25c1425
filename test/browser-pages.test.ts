// Every kind of page the site has, loaded in Chromium (JavaScript on) with the server's own CSP: each answers
// with its status and its one main heading, has no WCAG 2.2 A/AA violation that axe-core can find, and is
// saved as a full-page screenshot under test-output/screenshots/. Signed-in pages are reached through the real
// sign-in form, one browser context per user.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  checkAccessibility,
  mainHeading,
  screenshot,
  signInAs,
  startBrowserApp,
  type BrowserApp,
  type TestUser,
  watchPageProblems,
} from './support/browser.ts';

const USERS = {
  member: {
    email: 'member@example.com',
    name: 'Morgan Member',
    roles: [{ role: 'committee_member', committee: 'OPSG' }],
  },
  analyst: { email: 'analyst@example.com', name: 'Ana Analyst', roles: [{ role: 'analyst' }] },
  admin: { email: 'admin@example.com', name: 'Ada Administrator', roles: [{ role: 'administrator' }] },
} satisfies Record<string, TestUser>;
type Viewer = 'anonymous' | keyof typeof USERS;

let site: BrowserApp;
const pages = new Map<Viewer, Page>();
const problems = new Map<Viewer, () => string[]>();
const contexts: BrowserContext[] = [];

before(async () => {
  site = await startBrowserApp({ users: Object.values(USERS) });
  for (const viewer of ['anonymous', ...Object.keys(USERS)] as Viewer[]) {
    const context = await site.newContext();
    contexts.push(context);
    const page = await context.newPage();
    problems.set(viewer, watchPageProblems(page));
    if (viewer !== 'anonymous') await signInAs(page, USERS[viewer].email);
    pages.set(viewer, page);
  }
});

after(async () => {
  for (const context of contexts) await context.close();
  await site?.close();
});

interface PageCase {
  name: string;
  viewer: Viewer;
  path: string | (() => string);
  status?: number;
  heading: string;
}

const CASES: PageCase[] = [
  { name: 'register', viewer: 'anonymous', path: '/', heading: 'Change register' },
  {
    name: 'proposal-DP090',
    viewer: 'anonymous',
    path: '/proposals/DP090',
    heading: 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC',
  },
  {
    name: 'proposal-MP112-converted',
    viewer: 'anonymous',
    path: '/proposals/MP112',
    heading: 'Setting the Privacy Assessment Assurance Status',
  },
  { name: 'meetings', viewer: 'anonymous', path: '/meetings', heading: 'Meetings' },
  { name: 'committee-OPSG', viewer: 'anonymous', path: '/committees/OPSG', heading: 'Operations Group' },
  {
    name: 'meeting-OPSG-26',
    viewer: 'anonymous',
    path: '/committees/OPSG/meetings/26',
    heading: 'Meeting 26',
  },
  {
    name: 'paper-OPSG_26_0511_16',
    viewer: 'anonymous',
    path: '/papers/OPSG_26_0511_16',
    heading: 'New Draft Proposals and Modification Proposals',
  },
  { name: 'sign-in', viewer: 'anonymous', path: '/sign-in', heading: 'Sign in' },
  { name: 'password-reset', viewer: 'anonymous', path: '/password-reset', heading: 'Reset your password' },
  {
    name: 'password-reset-unusable-link',
    viewer: 'anonymous',
    path: '/password-reset/not-a-real-token',
    status: 410,
    heading: 'This link cannot be used',
  },
  { name: 'not-found', viewer: 'anonymous', path: '/no-such-page', status: 404, heading: 'Page not found' },
  { name: 'account', viewer: 'member', path: '/account', heading: 'Your account' },
  {
    name: 'forbidden-admin-for-member',
    viewer: 'member',
    path: '/admin/users',
    status: 403,
    heading: 'There is a problem with the request',
  },
  { name: 'admin-users', viewer: 'admin', path: '/admin/users', heading: 'Users' },
  {
    name: 'admin-user',
    viewer: 'admin',
    path: () => `/admin/users/${site.userIds.get(USERS.analyst.email)}`,
    heading: USERS.analyst.name,
  },
  { name: 'admin-user-new', viewer: 'admin', path: '/admin/users/new', heading: 'Add a user' },
  {
    name: 'paper-new',
    viewer: 'analyst',
    path: '/committees/OPSG/meetings/26/papers/new',
    heading: 'Create a paper',
  },
];

describe('every page in Chromium', () => {
  for (const c of CASES) {
    it(`${c.name} (${c.viewer}): its heading, no axe violations, a screenshot`, async () => {
      const page = pages.get(c.viewer);
      assert.ok(page, `a page for ${c.viewer}`);
      const path = typeof c.path === 'function' ? c.path() : c.path;
      const response = await page.goto(path);
      assert.ok(response, `${path} answered`);
      assert.equal(response.status(), c.status ?? 200, `${path} status`);
      assert.match(response.headers()['content-security-policy'] ?? '', /default-src 'self'/);
      assert.equal(new URL(page.url()).pathname, path, `${path} was not redirected`);
      assert.equal(await mainHeading(page), c.heading);
      await checkAccessibility(page, c.name);
      await screenshot(page, c.name);
      assert.deepEqual(problems.get(c.viewer)?.(), [], `${path}: what the browser reported`);
    });
  }
});

describe('forms showing their errors in Chromium', () => {
  it('sign-in with a wrong password: the error summary, no axe violations', async () => {
    const page = pages.get('anonymous');
    assert.ok(page);
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill('nobody@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await mainHeading(page), 'Sign in');
    await checkAccessibility(page, 'sign-in-error');
    await screenshot(page, 'sign-in-error');
    assert.deepEqual(problems.get('anonymous')?.(), []);
  });

  it('create a paper with nothing filled in: the error summary, no axe violations', async () => {
    const page = pages.get('analyst');
    assert.ok(page);
    await page.goto('/committees/OPSG/meetings/26/papers/new');
    await page.getByLabel('Agenda item').fill('');
    await page.getByRole('button', { name: 'Create the paper' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await mainHeading(page), 'Create a paper');
    await checkAccessibility(page, 'paper-new-error');
    await screenshot(page, 'paper-new-error');
    assert.deepEqual(problems.get('analyst')?.(), []);
  });
});
