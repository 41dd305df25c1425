// Journeys through the site in Chromium, each as its user would take them, asserting what they see:
// - a public reader searches the register for "alerts", finds DP090 with the match highlighted, and opens it;
// - a party user (British Gas) goes from their account to raise a Draft Proposal, saves a draft, comes back to
//   it and submits it; then an analyst converts it (on the Change Sub-Committee's behalf) through the proposal
//   page's "Record an event" form, and its timetable moves from the Development committees to the Panel;
// - a committee member signs in and downloads a paper from its meeting page (the browser's own download, its
//   file name and its bytes); and the same with JavaScript turned off, where every step is a link or a form
//   post: sign in, the meeting, the paper's page, sign out.
// Each page a journey stops on is checked with axe-core and saved as a screenshot (test-output/screenshots/).
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Download, Page } from 'playwright-core';
import {
  checkAccessibility,
  mainHeading,
  navigateBy,
  screenshot,
  signInAs,
  startBrowserApp,
  watchPageProblems,
  type BrowserApp,
  type TestUser,
} from './support/browser.ts';
import { importOrThrow } from './support/seed.ts';

const MEMBER = {
  email: 'member@example.com',
  name: 'Morgan Member',
  roles: [{ role: 'committee_member' as const, committee: 'OPSG' }],
};
/** British Gas is a Large Supplier: a SEC Party, so it may raise a Draft Proposal (SEC D1.3(a)). */
const PARTY: TestUser = {
  email: 'simon.trivella@example.com',
  name: 'Simon Trivella',
  person: 'simon-trivella',
  roles: [{ role: 'party_user' }],
};
const ANALYST: TestUser = { email: 'analyst@example.com', name: 'Ana Analyst', roles: [{ role: 'analyst' }] };
const REFERENCE = 'OPSG_26_0511_16';
const PAPER_TITLE = 'New Draft Proposals and Modification Proposals';

/**
 * Meetings beside OPSG 26 (5 November 2019): the Change Sub-Committee, which sees a Draft Proposal, and the
 * Panel, which sees a Modification Proposal, so that converting one moves its timetable from one to the other.
 */
const MORE_MEETINGS = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
meetings:
  - { committee: CSC, number: 12, date: 2019-11-13 }
  - { committee: PANEL, number: 75, date: 2019-11-15 }
`;

let site: BrowserApp;
const contexts: BrowserContext[] = [];

before(async () => {
  site = await startBrowserApp({
    users: [MEMBER, PARTY, ANALYST],
    seed: (database) => importOrThrow(database.db, [{ name: 'meetings.yaml', text: MORE_MEETINGS }]),
  });
});

after(async () => {
  for (const context of contexts) await context.close();
  await site?.close();
});

/** A page in a fresh context, and what the browser reported going wrong on it (CSP refusals, script errors). */
async function newPage(options: {
  javaScriptEnabled: boolean;
}): Promise<{ page: Page; problems: () => string[] }> {
  const context = await site.newContext({ ...options, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: watchPageProblems(page) };
}

/** Where the page is: its path and query. */
const here = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** Clicks, waits for the page it leads to, and checks that page's status. */
async function follow(page: Page, target: { click(): Promise<void> }, status = 200): Promise<void> {
  const response = await navigateBy(page, () => target.click());
  assert.equal(response.status(), status, `the page after the click (${page.url()})`);
}

/** Axe and a screenshot of the page as it stands. */
async function checkAndCapture(page: Page, name: string): Promise<void> {
  await checkAccessibility(page, name);
  await screenshot(page, name);
}

describe('a public reader searches the register (JavaScript on)', () => {
  it('types "alerts" into the search, finds DP090 first with the match highlighted, and opens it', async () => {
    const { page, problems } = await newPage({ javaScriptEnabled: true });
    await page.goto('/');
    assert.equal(await mainHeading(page), 'Change register');

    // By keyboard: type the words, tab to the Search button, press Enter.
    await page.getByLabel('Search proposals').click();
    await page.keyboard.type('alerts');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Search');
    const response = await navigateBy(page, () => page.keyboard.press('Enter'));
    assert.equal(response.status(), 200);
    // the form's unfilled filters are dropped: the view's own URL, to share
    assert.equal(here(page), '/?q=alerts');
    assert.equal(await mainHeading(page), 'Change register');
    assert.match(await page.title(), /^Search: alerts - /);
    assert.equal(await page.getByLabel('Search proposals').inputValue(), 'alerts');
    assert.match(await page.locator('#register-count').innerText(), /\b\d+ proposals? match/);

    // DP090 ("... Non-Mandated Alerts ...", and Alerts all through its summary) ranks first.
    const rows = page.locator('table tbody tr');
    const first = rows.first();
    assert.equal(await first.locator('td').first().innerText(), 'DP090');
    assert.match(await first.innerText(), /Incorporation of Non GBCS Non-Mandated Alerts into the SEC/);
    const marks = await first.locator('.app-register__snippet mark').allInnerTexts();
    assert.ok(marks.length > 0, 'the snippet highlights the match');
    for (const mark of marks) assert.match(mark, /^alerts?$/i);
    await checkAndCapture(page, 'journey-search-alerts');

    await follow(page, first.getByRole('link', { name: 'DP090', exact: true }));
    assert.equal(here(page), '/proposals/DP090');
    assert.equal(await mainHeading(page), 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC');
    assert.deepEqual(problems(), []);
  });
});

const DRAFT = {
  title: 'Clearer rules for Alert retention',
  summary: 'Say how long a DCC User must keep the Alerts it receives.\n\n- for a year\n- then delete them',
  problemStatement: 'The SEC does not say how long Alerts are kept, so **every User** decides for itself.',
};

/** The timetable on a proposal's page, soonest first: each milestone as "<due, YYYY-MM-DD> <label>". */
async function milestones(page: Page): Promise<string[]> {
  const rows = page.getByRole('region', { name: 'Timetable' }).locator('tbody tr');
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const label = tr.querySelector('th')?.firstChild?.textContent?.trim() ?? '';
      return `${tr.querySelector('time')?.getAttribute('datetime') ?? ''} ${label}`;
    }),
  );
}

describe('a Draft Proposal is raised, then converted (JavaScript on)', () => {
  /** The reference the party user's proposal was raised with, for the analyst. */
  let raised = '';

  it('a party user raises one from their account: a saved draft, resumed and submitted', async () => {
    const { page, problems } = await newPage({ javaScriptEnabled: true });
    await signInAs(page, PARTY.email);
    await follow(page, page.getByRole('link', { name: 'Raise a Draft Proposal, or carry on with a draft' }));
    assert.equal(here(page), '/raise');
    assert.equal(await mainHeading(page), 'Raise a Draft Proposal');
    assert.match(await page.locator('#eligibility-outcome').innerText(), /British Gas/);
    await follow(page, page.getByRole('button', { name: 'Start a new Draft Proposal' }));
    assert.equal(here(page), '/raise/new');

    await page.getByLabel('Title', { exact: true }).fill(DRAFT.title);
    await page.getByLabel('Summary', { exact: true }).fill(DRAFT.summary);
    await page.getByLabel('Problem statement', { exact: true }).fill(DRAFT.problemStatement);
    // the usual kind is chosen already
    assert.equal(await page.getByRole('radio', { name: 'Draft Proposal', exact: true }).isChecked(), true);
    await checkAndCapture(page, 'journey-raise-form');

    await follow(page, page.getByRole('button', { name: 'Save as draft' }));
    const draftPath = new URL(page.url()).pathname;
    assert.match(draftPath, /^\/raise\/drafts\/\d+$/);
    assert.equal(await page.getByRole('alert').getByText('Draft saved').count(), 1);
    await checkAndCapture(page, 'journey-raise-draft-saved');

    // Back to the list of drafts, and into the draft again: what was typed is kept.
    await follow(page, page.getByRole('link', { name: 'Your drafts' }).first());
    assert.equal(here(page), '/raise');
    await follow(page, page.getByRole('link', { name: `${DRAFT.title} (resume this draft)` }));
    assert.equal(here(page), draftPath);
    for (const [label, value] of [
      ['Title', DRAFT.title],
      ['Summary', DRAFT.summary],
      ['Problem statement', DRAFT.problemStatement],
    ] as const)
      assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, label);

    await follow(page, page.getByRole('button', { name: 'Submit' }));
    const heading = await mainHeading(page);
    const match = /^Draft Proposal (DP\d+) raised$/.exec(heading);
    assert.ok(match?.[1], `the acknowledgement: "${heading}"`);
    raised = match[1];
    assert.match(await page.locator('#mailed').innerText(), /We have sent a confirmation to /);
    assert.ok((await page.locator('#mailed').innerText()).includes(PARTY.email), 'to their address');
    // the committees' next dates for a Draft Proposal (OPSG's papers, out on 29 October, are past)
    assert.deepEqual(await page.locator('#milestones li').allInnerTexts(), [
      '5 November 2019: Operations Group meeting 26',
      '6 November 2019: Papers issued for the Change Sub-Committee (meeting 12)',
      '13 November 2019: Change Sub-Committee meeting 12',
    ]);
    await checkAndCapture(page, 'journey-raise-acknowledgement');

    await follow(page, page.getByRole('link', { name: `View ${raised}` }));
    assert.equal(here(page), `/proposals/${raised}`);
    assert.equal(await mainHeading(page), DRAFT.title);
    assert.equal(await page.locator('.govuk-tag').first().innerText(), 'Development (Draft Proposal)');
    assert.deepEqual(problems(), []);
  });

  it('an analyst converts it for the Change Sub-Committee, and its timetable moves to the Panel', async () => {
    assert.ok(raised, 'the Draft Proposal raised in the journey before');
    const converted = raised.replace(/^DP/, 'MP');
    const { page, problems } = await newPage({ javaScriptEnabled: true });
    await signInAs(page, ANALYST.email);
    await page.goto('/');
    await follow(page, page.getByRole('link', { name: raised, exact: true }));
    assert.equal(here(page), `/proposals/${raised}`);
    assert.equal(await mainHeading(page), DRAFT.title);

    // In Development, every Sub-Committee sees it: the next CSC and OPSG meetings, and their papers.
    assert.deepEqual(await milestones(page), [
      '2019-10-29 Papers issued for the Operations Group (meeting 26)',
      '2019-11-05 Operations Group meeting 26',
      '2019-11-06 Papers issued for the Change Sub-Committee (meeting 12)',
      '2019-11-13 Change Sub-Committee meeting 12',
    ]);
    await checkAndCapture(page, 'journey-convert-before');

    const form = page.getByRole('region', { name: 'Record an event' });
    const radio = form.getByRole('radio', { name: 'Converted to Modification Proposal' });
    await radio.check();
    const revealed = form.locator(`#${await radio.getAttribute('data-aria-controls')}`);
    await revealed.getByLabel('Made by').selectOption({ label: 'Change Sub-Committee' });
    const when = form.getByRole('group', { name: 'When did it happen?' });
    await when.getByLabel('Day').fill('30');
    await when.getByLabel('Month').fill('10');
    await when.getByLabel('Year').fill('2019');
    await follow(page, form.getByRole('button', { name: 'Record the event' }));

    // The Modification Proposal's page, under its new reference, with the notice.
    assert.equal(here(page), `/proposals/${converted}?recorded=converted`);
    assert.equal(await mainHeading(page), DRAFT.title);
    assert.equal(await page.locator('.govuk-caption-l').first().innerText(), converted);
    assert.match(await page.getByRole('alert').innerText(), /Recorded: Converted to Modification Proposal\./);
    assert.equal(await page.locator('.govuk-tag').first().innerText(), 'Modification Proposal');
    // Now the Panel decides its path: its next meeting replaces the Sub-Committees'.
    assert.deepEqual(await milestones(page), [
      '2019-11-08 Papers issued for the SEC Panel (meeting 75)',
      '2019-11-15 SEC Panel meeting 75',
    ]);
    const history = page.getByRole('region', { name: 'History', exact: true });
    assert.equal(
      await history.getByRole('heading', { name: 'Converted to Modification Proposal' }).count(),
      1,
    );
    assert.match(await history.innerText(), /Change Sub-Committee/);
    await checkAndCapture(page, 'journey-convert-after');

    // The old reference leads to the new one.
    await page.goto(`/proposals/${raised}`);
    assert.equal(here(page), `/proposals/${converted}`);
    assert.deepEqual(problems(), []);
  });
});

/** The first bytes of a finished download. */
async function firstBytes(download: Download, count: number): Promise<string> {
  assert.equal(await download.failure(), null, `${download.suggestedFilename()} downloaded`);
  const file = await open(await download.path(), 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(count), 0, count, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await file.close();
  }
}

/** Clicks a download link and waits for the browser's download. */
async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<Download> {
  const [started] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return started;
}

/** From anywhere, by the header's Meetings link, to OPSG meeting 26. */
async function openMeeting(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Meetings', exact: true })
    .click();
  assert.equal(await mainHeading(page), 'Meetings');
  await page.getByRole('link', { name: 'OPSG meeting 26', exact: true }).click();
  assert.equal(new URL(page.url()).pathname, '/committees/OPSG/meetings/26');
  assert.equal(await mainHeading(page), 'Meeting 26');
}

describe('a committee member downloads a paper (JavaScript on)', () => {
  it('signs in through the form, then downloads the Word and PDF files from the meeting page', async () => {
    const { page, problems } = await newPage({ javaScriptEnabled: true });
    await signInAs(page, MEMBER.email);
    await openMeeting(page);
    const row = page.locator(`#paper-${REFERENCE}`);
    assert.equal(await row.getByRole('link', { name: PAPER_TITLE }).count(), 1);

    const word = await download(page, row.getByRole('link', { name: `Word (${REFERENCE}.docx)` }));
    assert.equal(word.suggestedFilename(), `${REFERENCE}.docx`);
    assert.equal(await firstBytes(word, 2), 'PK');

    const pdf = await download(page, row.getByRole('link', { name: `PDF (${REFERENCE}.pdf)` }));
    assert.equal(pdf.suggestedFilename(), `${REFERENCE}.pdf`);
    assert.equal(await firstBytes(pdf, 4), '%PDF');

    // Downloading leaves the member where they were.
    assert.equal(new URL(page.url()).pathname, '/committees/OPSG/meetings/26');
    assert.deepEqual(problems(), []);
  });
});

describe('the same journey with JavaScript turned off', () => {
  it('signs in, opens the meeting and the paper, downloads it and signs out, by links and form posts', async () => {
    const { page, problems } = await newPage({ javaScriptEnabled: false });
    await page.goto('/');
    assert.equal(await mainHeading(page), 'Change register');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });

    // Sign in: the header link, then the form.
    await nav.getByRole('link', { name: 'Sign in', exact: true }).click();
    assert.equal(await mainHeading(page), 'Sign in');
    await signInAs(page, MEMBER.email);
    assert.equal(await nav.getByRole('link', { name: MEMBER.name }).count(), 1);

    // The meeting, then the paper's page by its title.
    await openMeeting(page);
    await page.locator(`#paper-${REFERENCE}`).getByRole('link', { name: PAPER_TITLE }).click();
    assert.equal(new URL(page.url()).pathname, `/papers/${REFERENCE}`);
    assert.equal(await mainHeading(page), PAPER_TITLE);

    // Its PDF, from the paper's own page.
    const downloads = page.getByRole('complementary');
    const pdf = await download(page, downloads.getByRole('link', { name: `PDF (${REFERENCE}.pdf)` }));
    assert.equal(pdf.suggestedFilename(), `${REFERENCE}.pdf`);
    assert.equal(await firstBytes(pdf, 4), '%PDF');

    // Sign out: the header's form posts, and the site forgets the member.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      nav.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    assert.equal(await mainHeading(page), 'Change register');
    assert.equal(await nav.getByRole('link', { name: 'Sign in', exact: true }).count(), 1);
    assert.equal(await nav.getByRole('link', { name: MEMBER.name }).count(), 0);
    await page.goto('/account');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.deepEqual(problems(), []);
  });
});
