// Journeys through the site in Chromium, as a committee member would take them: sign in through the form and
// download a paper from its meeting page (the browser's own download, its file name and its bytes); and the
// same with JavaScript turned off, where every step is a link or a form post: sign in, the meeting, the
// paper's page, sign out.
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Download, Page } from 'playwright-core';
import {
  mainHeading,
  signInAs,
  startBrowserApp,
  watchPageProblems,
  type BrowserApp,
} from './support/browser.ts';

const MEMBER = {
  email: 'member@example.com',
  name: 'Morgan Member',
  roles: [{ role: 'committee_member' as const, committee: 'OPSG' }],
};
const REFERENCE = 'OPSG_26_0511_16';
const PAPER_TITLE = 'New Draft Proposals and Modification Proposals';

let site: BrowserApp;
const contexts: BrowserContext[] = [];

before(async () => {
  site = await startBrowserApp({ users: [MEMBER] });
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
