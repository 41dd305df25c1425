// Every kind of page the site has, loaded in Chromium (JavaScript on) with the server's own CSP: each answers
// with its status and its one main heading, has no WCAG 2.2 A/AA violation that axe-core can find, and is
// saved as a full-page screenshot under test-output/screenshots/. Signed-in pages are reached through the real
// sign-in form, one browser context per user. The pages only a journey reaches (a saved draft, the
// acknowledgement of a raised proposal, a proposal just converted) are checked the same way in
// browser-journeys.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { addMeetingAction } from '../src/app/add-meeting-action.ts';
import { recordFollowing } from '../src/app/record-following.ts';
import { recordView } from '../src/app/record-view.ts';
import { writeProblemStatementVersion } from '../src/app/write-problem-statement-version.ts';
import { sec } from '../src/codes/sec/index.ts';
import {
  checkAccessibility,
  mainHeading,
  navigateBy,
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
  // DP090's and DP096's Lead Analyst, so the workspace has proposals to show
  analyst: {
    email: 'analyst@example.com',
    name: 'Alison Beard',
    person: 'alison-beard',
    roles: [{ role: 'analyst' }],
  },
  admin: { email: 'admin@example.com', name: 'Ada Administrator', roles: [{ role: 'administrator' }] },
  // British Gas, a Large Supplier: may raise a Draft Proposal
  party: {
    email: 'party@example.com',
    name: 'Simon Trivella',
    person: 'simon-trivella',
    roles: [{ role: 'party_user' }],
  },
} satisfies Record<string, TestUser>;
type Viewer = 'anonymous' | keyof typeof USERS;

/** The chair of OPSG, for the committee's members (never signed in here). */
const CHAIR: TestUser = {
  email: 'chair@example.com',
  name: 'Emslie Law',
  person: 'emslie-law',
  roles: [{ role: 'committee_chair', committee: 'OPSG' }],
};

let site: BrowserApp;
const pages = new Map<Viewer, Page>();
const problems = new Map<Viewer, () => string[]>();
const contexts: BrowserContext[] = [];

const savedReplyTo = process.env.MODGOV_VIEWS_REPLY_TO;

before(async () => {
  site = await startBrowserApp({ users: [...Object.values(USERS), CHAIR] });
  await seedEngagement(site);
  process.env.MODGOV_VIEWS_REPLY_TO = 'views@modgov.test'; // the view-requests page with its button
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
  if (savedReplyTo === undefined) delete process.env.MODGOV_VIEWS_REPLY_TO;
  else process.env.MODGOV_VIEWS_REPLY_TO = savedReplyTo;
  for (const context of contexts) await context.close();
  await site?.close();
});

/**
 * Committee engagement on DP090 (issue 7), through the use cases: two problem statement versions (so there is
 * something to compare), a view sent to the Change Team, the Operations Group following it, and an open action
 * from meeting 26, owned by the analyst.
 */
async function seedEngagement(app: BrowserApp): Promise<void> {
  const deps = { db: app.database.db, rules: sec, today: () => '2019-10-30' };
  const sections = {
    issue: 'DCC Users receive **Non-GBCS Non-Mandated Alerts** with no context.',
    impacts: 'Users must monitor and define these Alerts by hand.',
    doNothing: 'The inefficient working practice continues.',
    context: 'Schedule 8 does not define these Alerts.',
  };
  await writeProblemStatementVersion(deps, {
    reference: 'DP090',
    sections,
    on: '2019-10-25',
    by: { actor: 'test' },
  });
  await writeProblemStatementVersion(deps, {
    reference: 'DP090',
    sections: { ...sections, impacts: 'Users must monitor, define and filter these Alerts by hand.' },
    on: '2019-10-29',
    by: { actor: 'test' },
  });
  await recordView(deps, {
    reference: 'DP090',
    committee: 'OPSG',
    source: 'email',
    author: 'Operations Group',
    on: '2019-10-29',
    text: 'The Operations Group supports DP090.',
    by: 'cli',
  });
  await recordFollowing(deps, {
    committee: 'OPSG',
    meeting: 26,
    proposal: 'DP090',
    decision: 'yes',
    actor: 'test',
  });
  await addMeetingAction(deps, {
    committee: 'OPSG',
    meeting: 26,
    item: 16,
    text: 'Circulate the revised alert list to members',
    owner: USERS.analyst.email,
    dueOn: '2019-11-26',
    actor: 'test',
  });
}

interface PageCase {
  name: string;
  viewer: Viewer;
  path: string | (() => string);
  status?: number;
  heading: string;
  /** What else the page must show. */
  check?: (page: Page) => Promise<void>;
}

/** Fails unless the page has a heading with this text (h2 and below: the one h1 is checked apart). */
async function hasHeading(page: Page, name: string): Promise<void> {
  assert.equal(
    await page.getByRole('heading', { name, exact: true }).count(),
    1,
    `${page.url()} has the heading "${name}"`,
  );
}

/** The text of the rows of the first table in the page's main content. */
const tableRows = (page: Page) => page.locator('main table').first().locator('tbody tr').allInnerTexts();

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
  {
    name: 'committee-OPSG',
    viewer: 'anonymous',
    path: '/committees/OPSG',
    heading: 'Operations Group',
    check: async (page) => {
      const members = (await tableRows(page)).map((row) => row.split(/\t/).map((cell) => cell.trim()));
      assert.deepEqual(members, [
        ['Emslie Law', 'Chair', 'SSE'],
        ['Morgan Member', 'Member', 'Not recorded'],
      ]);
    },
  },
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
  {
    name: 'register-search',
    viewer: 'anonymous',
    path: '/?q=alerts',
    heading: 'Change register',
    check: async (page) => {
      assert.match(await page.locator('#register-count').innerText(), /proposals? match/);
      assert.ok((await page.locator('.app-register__snippet mark').count()) > 0, 'highlighted matches');
    },
  },
  {
    name: 'register-filtered',
    viewer: 'anonymous',
    path: '/?stage=development',
    heading: 'Change register',
    check: async (page) => {
      assert.match(
        await page.locator('#register-active-filters').innerText(),
        /Stage: Development \(Draft Proposal\)/,
      );
      assert.equal(await page.locator('#register-filters').getAttribute('open'), '');
    },
  },
  {
    name: 'dashboard',
    viewer: 'anonymous',
    path: '/dashboard',
    heading: 'Dashboard',
    check: async (page) => {
      // each chart an image with a name, its figures in a table beside it
      assert.equal(await page.locator('main svg[role="img"][aria-labelledby]').count(), 3);
    },
  },
  {
    name: 'releases',
    viewer: 'anonymous',
    path: '/releases',
    heading: 'Release schedule',
    check: (page) => hasHeading(page, 'November 2020 SEC Release'),
  },
  {
    name: 'release-2020-11',
    viewer: 'anonymous',
    path: '/releases/2020-11',
    heading: 'November 2020 SEC Release',
    check: async (page) => {
      const references = await page.locator('main table tbody th a').allInnerTexts();
      assert.deepEqual(references, ['MP112', 'MP127']);
    },
  },
  {
    name: 'workspace',
    viewer: 'analyst',
    path: '/workspace',
    heading: 'Workspace',
    check: async (page) => {
      const text = await page.locator('main').innerText();
      for (const reference of ['DP090', 'DP096']) assert.match(text, new RegExp(reference));
      // the staff reach their workspace from the header of every page
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      assert.equal(await nav.getByRole('link', { name: 'Workspace', exact: true }).count(), 1);
      // DP090's next milestone is its meeting on 5 November: the papers for it, out on 29 October, are past
      const dp090 = await page.locator('#mine tbody tr', { hasText: 'DP090' }).innerText();
      assert.match(dp090, /Operations Group meeting 26/);
      assert.match(dp090, /5 November 2019/);
      assert.doesNotMatch(dp090, /Papers issued/);
      // the open action from meeting 26, with its Mark done button, in the analyst's own list and everyone's
      assert.match(text, /Circulate the revised alert list to members/);
      assert.equal(await page.getByRole('button', { name: /^Mark done/ }).count(), 2);
    },
  },
  {
    name: 'proposal-DP090-edit',
    viewer: 'analyst',
    path: '/proposals/DP090/edit',
    heading: 'Edit the proposal',
    check: async (page) => {
      assert.equal(
        await page.getByLabel('Title', { exact: true }).inputValue(),
        'Incorporation of Non GBCS Non-Mandated Alerts into the SEC',
      );
    },
  },
  {
    name: 'proposal-DP090-analyst',
    viewer: 'analyst',
    path: '/proposals/DP090',
    heading: 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC',
    check: async (page) => {
      await hasHeading(page, 'Record an event');
      await hasHeading(page, 'Change history');
      assert.equal(await page.getByRole('radio', { name: 'Converted to Modification Proposal' }).count(), 1);
    },
  },
  {
    name: 'raise',
    viewer: 'party',
    path: '/raise',
    heading: 'Raise a Draft Proposal',
    check: (page) => hasHeading(page, 'Your drafts'),
  },
  {
    name: 'raise-new',
    viewer: 'party',
    path: '/raise/new',
    heading: 'Raise a Draft Proposal',
    check: (page) => hasHeading(page, 'Proposer'),
  },
  {
    name: 'raise-refused-for-analyst',
    viewer: 'analyst',
    path: '/raise',
    status: 403,
    heading: 'You cannot raise a Draft Proposal',
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
  {
    name: 'account',
    viewer: 'member',
    path: '/account',
    heading: 'Your account',
    check: async (page) => {
      // a committee member has no workspace: the header does not offer one
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      assert.equal(await nav.getByRole('link', { name: 'Workspace', exact: true }).count(), 0);
      assert.equal(await nav.getByRole('button', { name: 'Sign out' }).count(), 1);
    },
  },
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
  // committee engagement (issue 7)
  {
    name: 'problem-statement-DP090',
    viewer: 'anonymous',
    path: '/proposals/DP090/problem-statement',
    heading: 'Problem statement',
  },
  {
    name: 'problem-statement-DP090-compare',
    viewer: 'anonymous',
    path: '/proposals/DP090/problem-statement/compare',
    heading: 'Compare versions of the problem statement',
    check: async (page) => {
      assert.ok((await page.locator('main ins').count()) > 0, 'added words marked');
      assert.ok((await page.locator('main del').count()) > 0, 'removed words marked');
    },
  },
  {
    name: 'problem-statement-DP090-new',
    viewer: 'analyst',
    path: '/proposals/DP090/problem-statement/new',
    heading: 'Write version 3 of the problem statement',
  },
  {
    name: 'views-DP090-new',
    viewer: 'member',
    path: '/proposals/DP090/views/new',
    heading: 'Send in your committee’s view',
  },
  { name: 'views-DP090', viewer: 'analyst', path: '/proposals/DP090/views', heading: 'Views on DP090' },
  {
    name: 'views-OPSG-26',
    viewer: 'analyst',
    path: '/committees/OPSG/meetings/26/views',
    heading: 'Views given',
  },
  {
    name: 'following-OPSG-26',
    viewer: 'analyst',
    path: '/committees/OPSG/meetings/26/following',
    heading: 'Record what the committee follows',
  },
  {
    name: 'outcomes-OPSG-26',
    viewer: 'analyst',
    path: '/committees/OPSG/meetings/26/outcomes',
    heading: 'Record outcomes and actions',
  },
  {
    name: 'view-requests-OPSG_26_0511_16',
    viewer: 'analyst',
    path: '/papers/OPSG_26_0511_16/view-requests',
    heading: 'Ask the Operations Group for its views by e-mail',
    check: async (page) => {
      assert.equal(await page.getByRole('button', { name: 'Send requests' }).count(), 1);
    },
  },
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
      const url = new URL(page.url());
      assert.equal(`${url.pathname}${url.search}`, path, `${path} was not redirected`);
      assert.equal(await mainHeading(page), c.heading);
      await c.check?.(page);
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

  it('raise a Draft Proposal with nothing filled in: the error summary, no axe violations', async () => {
    const page = pages.get('party');
    assert.ok(page);
    await page.goto('/raise/new');
    const response = await navigateBy(page, () =>
      page.getByRole('button', { name: 'Submit', exact: true }).click(),
    );
    assert.equal(response.status(), 400);
    assert.equal(await mainHeading(page), 'Raise a Draft Proposal');
    const summary = page.getByRole('alert');
    assert.match(await summary.innerText(), /There is a problem/);
    for (const link of ['Enter a title for the Draft Proposal.', 'Enter a summary of the Draft Proposal.'])
      assert.equal(await summary.getByRole('link', { name: link }).count(), 1, link);
    await checkAccessibility(page, 'raise-new-error');
    await screenshot(page, 'raise-new-error');
    assert.deepEqual(problems.get('party')?.(), []);
  });

  it('record an event without choosing one: the error summary, no axe violations', async () => {
    const page = pages.get('analyst');
    assert.ok(page);
    await page.goto('/proposals/DP090');
    const response = await navigateBy(page, () =>
      page.getByRole('button', { name: 'Record the event' }).click(),
    );
    assert.equal(response.status(), 400);
    assert.equal(new URL(page.url()).pathname, '/proposals/DP090/events');
    assert.equal(await mainHeading(page), 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC');
    const summary = page.getByRole('alert');
    assert.equal(await summary.getByRole('link', { name: 'Select what happened.' }).count(), 1);
    // the summary's link leads to the first choice
    assert.equal(
      await summary.getByRole('link', { name: 'Select what happened.' }).getAttribute('href'),
      '#event',
    );
    assert.equal(await page.locator('#event').getAttribute('type'), 'radio');
    await checkAccessibility(page, 'record-event-error');
    await screenshot(page, 'record-event-error');
    assert.deepEqual(problems.get('analyst')?.(), []);
  });
});
