// A proposal's page shows its change history (its audit records: when, who, what, before and after) to the
// signed-in viewers who may see the proposal. Audit records name staff, so the anonymous public sees the public
// timeline only, and a proposal hidden from a viewer shows them nothing at all. Real sessions, the real
// importer, the real transition path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getProposalAudit } from '../src/app/get-proposal-audit.ts';
import { raiseProposal } from '../src/app/raise-proposal.ts';
import { transitionProposal } from '../src/app/transition-proposal.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { anonymousViewer, viewerOf } from '../src/domain/access/visibility.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';
import { createWebApp } from './support/web.ts';

const USERS: Record<string, { name: string; person?: string; roles: RoleGrant[] }> = {
  analyst: { name: 'Alison <b>Analyst</b>', roles: [{ role: 'analyst' }] },
  noRoles: { name: 'Norma Roles', roles: [] },
  otherParty: { name: 'Simon Trivella', person: 'simon-trivella', roles: [{ role: 'party_user' }] },
};

let database: Database;
const web = createWebApp({ today: '2019-12-10', users: USERS });
const { tokens, ids: userIds, get } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await web.start(database);
});

after(() => web.close());

/** The change history's rows as text ("when | who | what; change; change"), or null when the page has none. */
async function changeHistory(who: string | null, reference: string): Promise<string[] | null> {
  const page = await get(who, `/proposals/${reference}`);
  assert.equal(page.statusCode, 200);
  const section = /<section[^>]*aria-labelledby="change-history-heading">([\s\S]*?)<\/section>/.exec(
    page.body,
  );
  if (!section) return null;
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return [...(section[1] ?? '').matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .slice(1) // the header row
    .map((row) => {
      const cells = [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1] ?? '');
      const [, who = '', what = ''] = cells;
      const [title = '', ...changes] = what.split('<li>').map(text);
      return [text(who), [title, ...changes].join('; ')].join(' | ');
    });
}

describe('a proposal’s change history', () => {
  it('is not shown to the anonymous public, who keep the public timeline', async () => {
    const page = await get(null, '/proposals/DP088');
    assert.match(page.body, /id="history-heading">History</);
    assert.doesNotMatch(page.body, /Change history/);
    assert.equal(await changeHistory(null, 'DP088'), null);
  });

  it('shows a signed-in viewer the import that put the proposal in the register', async () => {
    assert.deepEqual(await changeHistory('noRoles', 'DP088'), [
      'Import | Imported from a register file; Reference: DP088; Stage: Development (Draft Proposal)',
    ]);
  });

  it('names the user who recorded an event, as whom, and what it changed', async () => {
    const account = await get('analyst', '/account');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account.body)?.[1] ?? '';
    const res = await web.app.inject({
      method: 'POST',
      url: '/proposals/DP090/events',
      cookies: { modgov_session: tokens.analyst ?? '' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        event: 'converted',
        'converted.by': 'CSC',
        'on-day': '4',
        'on-month': '12',
        'on-year': '2019',
      }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body);
    const rows = await changeHistory('noRoles', 'MP090');
    assert.deepEqual(rows?.slice(1), [
      'Alison &lt;b&gt;Analyst&lt;/b&gt; (as analyst) | Converted to Modification Proposal; ' +
        'Reference: DP090 → MP090; Stage: Development (Draft Proposal) → Modification Proposal; ' +
        'Date: 4 December 2019; By: CSC',
    ]);
    const page = await get('noRoles', '/proposals/MP090');
    assert.match(page.body, /Alison &lt;b&gt;Analyst&lt;\/b&gt;/, 'a name is text, never markup');
  });

  it('shows a change made without a signed-in user (the command line) as the system’s, and a raised proposal', async () => {
    await transitionProposal(
      { db: database.db, rules: sec },
      { reference: 'MP090', event: 'refinement_started', on: '2019-12-05', actor: 'panel' },
    );
    assert.equal(
      (await changeHistory('noRoles', 'MP090'))?.at(-1),
      'System | Sent to the Refinement Process; Stage: Modification Proposal → Refinement Process; Date: 5 December 2019',
    );
    const raised = await raiseProposal(
      { db: database.db, rules: sec },
      { proposer: 'simon-trivella', title: 'A new problem', raised: '2019-12-06', actor: 'proposer' },
    );
    const rows = await changeHistory('noRoles', raised.reference);
    assert.equal(rows?.length, 1);
    assert.match(
      rows?.[0] ?? '',
      /^System \| Raised; Reference: DP\d+; Title: A new problem; Proposer: simon-trivella; Kind: Normal; Rule: D1\.3/,
    );
  });

  it('shows nothing of a proposal the viewer may not see', async () => {
    assert.equal((await get('otherParty', '/proposals/MP095')).statusCode, 404);
    assert.equal(
      await getProposalAudit(
        { db: database.db, rules: sec },
        { viewer: anonymousViewer, reference: 'DP088' },
      ),
      null,
    );
    // a signed-in viewer without roles or organisation sees White proposals only
    const viewer = viewerOf({ id: userIds.noRoles ?? 0, organisationId: null, roles: [] });
    assert.equal(
      await getProposalAudit({ db: database.db, rules: sec }, { viewer, reference: 'MP095' }),
      null,
    );
    const visible = await getProposalAudit({ db: database.db, rules: sec }, { viewer, reference: 'DP088' });
    assert.deepEqual(
      visible?.entries.map((e) => [e.who.kind, e.action]),
      [['import', 'proposal.imported']],
    );
  });
});
