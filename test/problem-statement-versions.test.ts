// A Draft Proposal's problem statement in versions: written by staff as drafts, agreed by the Change Sub-Committee
// (recorded by staff), compared side by side. The conversion waits for the agreement where there are versions,
// and says why; a proposal with no versions converts as before. Real sessions (addUser + signIn), the real
// importer, a real database; the command line through the real `modgov` command.
//
// The register: the web seed (DP090 to DP096), plus DP099, Red, which no one here may see.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { editProposal, ProposalEditInputError } from '../src/app/edit-proposal.ts';
import { agreeProblemStatement } from '../src/app/agree-problem-statement.ts';
import { compareProblemStatementVersions } from '../src/app/compare-problem-statement-versions.ts';
import { getProblemStatementHistory } from '../src/app/get-problem-statement-history.ts';
import {
  ProblemStatementForbiddenError,
  ProblemStatementInputError,
  ProblemStatementRefusedError,
} from '../src/app/problem-statement.errors.ts';
import { recordProposalEvent } from '../src/app/record-proposal-event.ts';
import { getSession, type SignedInUser } from '../src/app/get-session.ts';
import {
  ProposalNotFoundError,
  TransitionRefusedError,
  transitionProposal,
} from '../src/app/transition-proposal.ts';
import { verifyAuditLog } from '../src/app/verify-audit-log.ts';
import { writeProblemStatementVersion } from '../src/app/write-problem-statement-version.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { viewerOf } from '../src/domain/access/visibility.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { FIXTURES } from './support/fixtures.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';
import { createWebApp } from './support/web.ts';

const TODAY = '2019-11-20';

const RED = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP099
    title: A Red proposal no one here may see
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
`;

const USERS: Record<string, { name: string; person?: string; roles: RoleGrant[] }> = {
  analyst: { name: 'Alison Analyst', roles: [{ role: 'analyst' }] },
  sseParty: { name: 'Emslie Law', person: 'emslie-law', roles: [{ role: 'party_user' }] },
};

const SECTIONS = {
  issue: 'DCC Users receive Non-GBCS Non-Mandated Alerts with no context.',
  impacts: 'Users must monitor and define these Alerts by hand.',
  doNothing: 'The inefficient working practice continues.',
  context: 'Schedule 8 does not define these Alerts.',
};

let database: Database;
const web = createWebApp({ today: TODAY, users: USERS, requireCsrf: true });
const { get, postForm: post } = web;
const users: Record<string, SignedInUser> = {};

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'red.yaml', text: RED }]);
  await web.start(database);
  const clock = { db: database.db, now: () => new Date() };
  for (const [key, token] of Object.entries(web.tokens)) {
    const session = await getSession(clock, token);
    assert.ok(session, `no session for ${key}`);
    users[key] = session.user;
  }
});

after(() => web.close());

const deps = () => ({ db: database.db, rules: sec, today: () => TODAY });
const userOf = (who: string): SignedInUser => {
  const user = users[who];
  assert.ok(user, `no session for ${who}`);
  return user;
};

/** A GOV.UK date input's fields for a YYYY-MM-DD date. */
const dateFields = (prefix: string, date: string) => {
  const [year = '', month = '', day = ''] = date.split('-');
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  };
};

/** What a change leaves behind: the stage and reference, the number of events, audit records and versions. */
async function stored(reference: string) {
  const [row] = await queryRows<{
    id: number;
    reference: string;
    stage: string;
    problem_statement: string | null;
  }>(
    database.db,
    `select id, reference, stage, problem_statement from proposals where reference = '${reference}'`,
  );
  assert.ok(row, `no proposal ${reference}`);
  const [counts] = await queryRows<{ events: number; audit: number; versions: number }>(
    database.db,
    `select (select count(*)::int from proposal_events where proposal_id = ${row.id}) as events,
            (select count(*)::int from audit_events where subject_type = 'proposal' and subject_id = '${row.id}') as audit,
            (select count(*)::int from problem_statement_versions where proposal_id = ${row.id}) as versions`,
  );
  return { ...row, ...counts };
}

async function auditOf(reference: string) {
  const { id } = await stored(reference);
  return queryRows<{
    actor: string;
    action: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
  }>(
    database.db,
    `select actor, action, before, after from audit_events
     where subject_type = 'proposal' and subject_id = '${id}' and action like 'problem_statement.%' order by id`,
  );
}

/** The GOV.UK error summary's messages. */
const errorSummary = (html: string) =>
  [...html.matchAll(/<li>\s*<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]?.trim()}`);

const convertForm = (date: string) => ({
  event: 'converted',
  'converted.by': 'CSC',
  ...dateFields('on', date),
});

describe('a problem statement taken through versions to agreement, and the conversion', () => {
  it('three versions, the conversion refused with the reason while the latest is a draft, then agreed and converted', async () => {
    // version 1 through the staff form, prefilled from nothing
    const blank = await get('analyst', '/proposals/DP091/problem-statement/new');
    assert.equal(blank.statusCode, 200);
    assert.match(blank.body, /Write version 1 of the problem statement/);
    const first = await post('analyst', '/proposals/DP091/problem-statement/new', SECTIONS);
    assert.equal(first.statusCode, 303, first.body);
    assert.equal(first.headers.location, '/proposals/DP091/problem-statement?written=1');

    // version 2 through the use case, version 3 through the form again, prefilled from version 2
    await writeProblemStatementVersion(deps(), {
      reference: 'DP091',
      sections: { ...SECTIONS, impacts: 'Users must monitor these Alerts by hand, at a cost.' },
      by: { user: userOf('analyst') },
    });
    const prefilled = await get('analyst', '/proposals/DP091/problem-statement/new');
    assert.match(prefilled.body, /Users must monitor these Alerts by hand, at a cost\./);
    assert.match(prefilled.body, /Write version 3 of the problem statement/);
    const third = await post('analyst', '/proposals/DP091/problem-statement/new', {
      ...SECTIONS,
      impacts: 'All DCC Users must monitor these Alerts by hand, at a cost.',
      doNothing: 'The inefficient working practice continues, for every User.',
    });
    assert.equal(third.headers.location, '/proposals/DP091/problem-statement?written=3');

    // not agreed: the analyst's conversion is refused, saying why, and nothing is stored
    const before = await stored('DP091');
    assert.equal(before.versions, 3);
    const refused = await post('analyst', '/proposals/DP091/events', convertForm(TODAY));
    assert.equal(refused.statusCode, 409);
    assert.match(
      refused.body,
      /DP091: the Change Sub-Committee has not agreed its problem statement \(version 3 is a draft\)/,
    );
    assert.deepEqual(await stored('DP091'), before);

    // the agreement, recorded by the analyst on the form on the versions page
    const page = await get('analyst', '/proposals/DP091/problem-statement');
    assert.match(page.body, /action="\/proposals\/DP091\/problem-statement\/3\/agree"/);
    assert.match(page.body, /Record the Change Sub-Committee’s agreement/);
    const agreed = await post(
      'analyst',
      '/proposals/DP091/problem-statement/3/agree',
      dateFields('agreed-on', TODAY),
    );
    assert.equal(agreed.statusCode, 303, agreed.body);
    assert.equal(agreed.headers.location, '/proposals/DP091/problem-statement?agreed=3');
    const afterAgreement = await stored('DP091');
    assert.equal(
      afterAgreement.problem_statement,
      [
        '## The issue',
        SECTIONS.issue,
        '## Its impacts',
        'All DCC Users must monitor these Alerts by hand, at a cost.',
        '## The impact of doing nothing',
        'The inefficient working practice continues, for every User.',
        '## Its context in the code',
        SECTIONS.context,
      ].join('\n\n'),
      'the agreed version is the proposal’s problem statement',
    );

    // the proposal page says so, and links to the versions
    const proposalPage = await get(null, '/proposals/DP091');
    assert.match(
      proposalPage.body,
      /Problem statement: version 3,\s+agreed on <time datetime="2019-11-20">20 November 2019<\/time> by the Change Sub-Committee\./,
    );
    assert.match(proposalPage.body, /href="\/proposals\/DP091\/problem-statement">See its versions/);

    // now the conversion goes through
    const converted = await post('analyst', '/proposals/DP091/events', convertForm(TODAY));
    assert.equal(converted.statusCode, 303, converted.body);
    assert.equal(converted.headers.location, '/proposals/MP091?recorded=converted');
    assert.equal((await stored('MP091')).stage, 'modification_proposal');
  });

  it('writes one audit record for each version and one for the agreement, with before and after', async () => {
    const analyst = `user:${userOf('analyst').id}`;
    const rows = await auditOf('MP091');
    assert.deepEqual(
      rows.map((r) => [r.actor, r.action, r.before?.version ?? null, r.after.version]),
      [
        [analyst, 'problem_statement.version_written', null, 1],
        [analyst, 'problem_statement.version_written', 1, 2],
        [analyst, 'problem_statement.version_written', 2, 3],
        [analyst, 'problem_statement.agreed', 3, 3],
      ],
    );
    const [first, , third, agreement] = rows;
    assert.deepEqual(first?.after, { version: 1, status: 'draft', on: TODAY, sections: SECTIONS });
    assert.equal(
      (third?.before?.sections as Record<string, string>).impacts,
      'Users must monitor these Alerts by hand, at a cost.',
    );
    assert.deepEqual(agreement?.before, { version: 3, status: 'draft', problemStatement: null });
    assert.equal(agreement?.after.status, 'agreed');
    assert.equal(agreement?.after.on, TODAY);
    assert.equal(agreement?.after.by, 'CSC');
    assert.match(String(agreement?.after.problemStatement), /^## The issue\n\nDCC Users receive/);
    assert.equal((await verifyAuditLog({ db: database.db })).ok, true, 'the audit chain holds');
    // the proposal's change history names each section that changed, not the stored JSON
    const page = (await get('analyst', '/proposals/MP091')).body;
    assert.match(page, /Problem statement: The issue/);
    assert.ok(!page.includes('{&quot;issue&quot;'), 'no raw sections in the change history');
  });

  it('the edit form cannot change a problem statement kept in versions, and changes nothing', async () => {
    const was = await stored('MP091');
    await assert.rejects(
      editProposal(
        { db: database.db, rules: sec },
        { reference: 'MP091', user: userOf('analyst'), problemStatement: 'Typed over the versions.' },
      ),
      (error: unknown) => {
        assert.ok(error instanceof ProposalEditInputError);
        assert.deepEqual(
          error.errors.map((e) => e.field),
          ['problemStatement'],
        );
        assert.match(error.message, /kept in versions: write a new version/);
        return true;
      },
    );
    assert.deepEqual(await stored('MP091'), was);
  });

  it('a proposal with no versions converts as before (DP090, through recordProposalEvent)', async () => {
    assert.equal((await stored('DP090')).versions, 0);
    const result = await recordProposalEvent(deps(), {
      user: userOf('analyst'),
      reference: 'DP090',
      event: 'converted',
      on: TODAY,
      by: 'CSC',
    });
    assert.equal(result.reference, 'MP090');
    assert.equal(result.stage, 'modification_proposal');
  });

  it('a new draft after an agreement holds the conversion back again; the conversion cannot precede the agreement', async () => {
    const by = { user: userOf('analyst') };
    await writeProblemStatementVersion(deps(), {
      reference: 'DP092',
      sections: SECTIONS,
      on: '2019-11-01',
      by,
    });
    await agreeProblemStatement(deps(), { reference: 'DP092', version: 1, on: '2019-11-05', by });
    await writeProblemStatementVersion(deps(), {
      reference: 'DP092',
      sections: { ...SECTIONS, context: 'Section H8 and Schedule 8.' },
      on: '2019-11-06',
      by,
    });
    const convert = (on: string) =>
      transitionProposal(deps(), { reference: 'DP092', event: 'converted', on, by: 'CSC', actor: 'analyst' });
    await assert.rejects(convert(TODAY), (e: unknown) => {
      assert.ok(e instanceof TransitionRefusedError);
      assert.equal(
        e.message,
        'DP092: the Change Sub-Committee has not agreed its problem statement (version 2 is a draft); allowed now: withdrawn',
      );
      return true;
    });
    await agreeProblemStatement(deps(), { reference: 'DP092', version: 2, on: '2019-11-12', by });
    await assert.rejects(
      convert('2019-11-11'),
      /agreed its problem statement on 2019-11-12: the conversion cannot be before that/,
    );
    assert.equal((await convert('2019-11-12')).reference, 'MP092');
  });
});

describe('what writing and agreeing refuse', () => {
  const by = () => ({ user: userOf('analyst') });

  it('a version must have every section, a real date not in the future, and say something new', async () => {
    const res = await post('analyst', '/proposals/DP093/problem-statement/new', {
      ...SECTIONS,
      doNothing: '  ',
      context: '',
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [
      '#doNothing Enter the impact of doing nothing.',
      '#context Enter its context in the code.',
    ]);
    assert.match(
      res.body,
      /DCC Users receive Non-GBCS Non-Mandated Alerts with no context\./,
      'the values are kept',
    );
    await assert.rejects(
      writeProblemStatementVersion(deps(), {
        reference: 'DP093',
        sections: SECTIONS,
        on: '2019-11-21',
        by: by(),
      }),
      (e: unknown) => e instanceof ProblemStatementInputError && e.problems[0]?.field === 'on',
    );
    await writeProblemStatementVersion(deps(), { reference: 'DP093', sections: SECTIONS, by: by() });
    await assert.rejects(
      writeProblemStatementVersion(deps(), { reference: 'DP093', sections: { ...SECTIONS }, by: by() }),
      /This is what version 1 says: change at least one section\./,
    );
    assert.equal((await stored('DP093')).versions, 1);
  });

  it('only the latest version is agreed, once, on a real date not before it was written', async () => {
    await writeProblemStatementVersion(deps(), {
      reference: 'DP093',
      sections: { ...SECTIONS, issue: 'A second issue.' },
      by: by(),
    });
    await assert.rejects(
      agreeProblemStatement(deps(), { reference: 'DP093', version: 1, on: TODAY, by: by() }),
      (e: unknown) =>
        e instanceof ProblemStatementRefusedError &&
        e.message === 'Only the latest version of DP093’s problem statement, version 2, can be agreed.',
    );
    await assert.rejects(
      agreeProblemStatement(deps(), { reference: 'DP093', version: 7, on: TODAY, by: by() }),
      (e: unknown) => e instanceof ProblemStatementInputError && e.problems[0]?.field === 'version',
    );
    const early = await post(
      'analyst',
      '/proposals/DP093/problem-statement/2/agree',
      dateFields('agreed-on', '2019-11-19'),
    );
    assert.equal(early.statusCode, 400);
    assert.deepEqual(errorSummary(early.body), [
      '#agreed-on-day The date agreed cannot be before version 2 was written, on 2019-11-20.',
    ]);
    await agreeProblemStatement(deps(), { reference: 'DP093', version: 2, on: TODAY, by: by() });
    await assert.rejects(
      agreeProblemStatement(deps(), { reference: 'DP093', version: 2, on: TODAY, by: by() }),
      /is already agreed, on 2019-11-20/,
    );
  });

  it('nothing is written or agreed once the proposal is no longer a Draft Proposal', async () => {
    await assert.rejects(
      writeProblemStatementVersion(deps(), { reference: 'MP091', sections: SECTIONS, by: by() }),
      (e: unknown) =>
        e instanceof ProblemStatementRefusedError && /MP091 is not a Draft Proposal now/.test(e.message),
    );
    const form = await get('analyst', '/proposals/MP091/problem-statement/new');
    assert.equal(form.statusCode, 409);
    const page = await get('analyst', '/proposals/MP091/problem-statement');
    assert.doesNotMatch(page.body, /agree"/, 'no agreement form');
    assert.match(page.body, /its problem statement is settled/);
  });
});

describe('comparing two versions', () => {
  it('shows them side by side, marking the words removed with <del> and added with <ins>, for screen readers too', async () => {
    const res = await get(null, '/proposals/MP091/problem-statement/compare?from=1&to=3');
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /<ins class="app-diff__added"><span class="govuk-visually-hidden">\[start of added text\] <\/span>All DCC <span class="govuk-visually-hidden"> \[end of added text\]<\/span><\/ins>Users must monitor/,
    );
    assert.match(
      res.body,
      /<del class="app-diff__removed"><span class="govuk-visually-hidden">\[start of removed text\] <\/span> and define<span class="govuk-visually-hidden"> \[end of removed text\]<\/span><\/del> these Alerts/,
    );
    assert.match(res.body, /<option value="1" selected>Version 1 \(draft\)<\/option>/);
    assert.match(res.body, /<option value="3" selected>Version 3 \(agreed\)<\/option>/);
    assert.match(res.body, /Its context in the code <span class="app-secondary-text">\(no changes\)<\/span>/);
    // without versions named: the latest against the one before
    const latest = await compareProblemStatementVersions(deps(), {
      viewer: viewerOf(null),
      reference: 'MP091',
    });
    assert.deepEqual([latest?.from?.version, latest?.to?.version], [2, 3]);
  });

  it('a version that is not there, or not a number, is refused naming the select (400)', async () => {
    const missing = await get(null, '/proposals/MP091/problem-statement/compare?from=9&to=3');
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorSummary(missing.body), [
      '#from There is no version 9: MP091’s problem statement has versions 1 to 3.',
    ]);
    const garbled = await get(null, '/proposals/MP091/problem-statement/compare?from=one');
    assert.equal(garbled.statusCode, 400);
    assert.deepEqual(errorSummary(garbled.body), ['#from Choose the version to compare from.']);
  });

  it('lists the versions with their status, newest first, and the latest version’s sections', async () => {
    const res = await get(null, '/proposals/MP091/problem-statement');
    assert.equal(res.statusCode, 200);
    const rows = [
      ...res.body.matchAll(/<th scope="row" class="govuk-table__header">Version (\d)<\/th>/g),
    ].map((m) => m[1]);
    assert.deepEqual(rows, ['3', '2', '1']);
    assert.match(
      res.body,
      /The impact of doing nothing<\/h3>\s*<div class="app-prose"><p class="govuk-body">The inefficient working practice continues, for every User\./,
    );
    assert.doesNotMatch(res.body, /Write version/, 'the public writes nothing');
  });
});

describe('who may see and who may write', () => {
  it('someone who is not staff is refused the forms (403), and the public is sent to sign in', async () => {
    const before = await stored('DP088');
    assert.equal((await get('sseParty', '/proposals/DP088/problem-statement/new')).statusCode, 403);
    const written = await post('sseParty', '/proposals/DP088/problem-statement/new', SECTIONS);
    assert.equal(written.statusCode, 403);
    const agreed = await post(
      'sseParty',
      '/proposals/DP088/problem-statement/1/agree',
      dateFields('agreed-on', TODAY),
    );
    assert.equal(agreed.statusCode, 403);
    assert.deepEqual(await stored('DP088'), before);
    const anonymous = await get(null, '/proposals/DP088/problem-statement/new');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/sign-in?next=%2Fproposals%2FDP088%2Fproblem-statement%2Fnew');
    await assert.rejects(
      writeProblemStatementVersion(deps(), {
        reference: 'DP088',
        sections: SECTIONS,
        by: { user: userOf('sseParty') },
      }),
      ProblemStatementForbiddenError,
    );
  });

  it('a proposal the viewer may not see is not found (404), on every page and form', async () => {
    for (const url of ['/proposals/DP094/problem-statement', '/proposals/DP094/problem-statement/compare'])
      assert.equal((await get(null, url)).statusCode, 404, `${url} for the public`);
    assert.equal(
      (await get('sseParty', '/proposals/MP095/problem-statement')).statusCode,
      404,
      'Amber, of the DCC',
    );
    for (const url of ['/proposals/DP099/problem-statement', '/proposals/DP099/problem-statement/new'])
      assert.equal((await get('analyst', url)).statusCode, 404, `${url} for the analyst (Red)`);
    const hidden = await post('analyst', '/proposals/DP099/problem-statement/new', SECTIONS);
    assert.equal(hidden.statusCode, 404);
    await assert.rejects(
      writeProblemStatementVersion(deps(), {
        reference: 'DP099',
        sections: SECTIONS,
        by: { user: userOf('analyst') },
      }),
      ProposalNotFoundError,
    );
    assert.equal(
      await getProblemStatementHistory(deps(), { viewer: viewerOf(userOf('analyst')), reference: 'DP099' }),
      null,
    );
    assert.equal((await stored('DP099')).versions, 0);
  });
});

describe('modgov problem-statement, through the real command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-problem-statement-'));
  const pgUrl = process.env.DATABASE_URL;
  let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };
  const modgov = (...args: string[]) => runModgov([...args, ...storage.args], storage.env);
  const write = (issue: string, on: string) =>
    modgov(
      'problem-statement',
      'write',
      'DP089',
      '--issue',
      issue,
      '--impacts',
      'Users may not test these SRVs.',
      '--do-nothing',
      'The CTSD stays contradictory.',
      '--context',
      'Appendix R and Appendix AD.',
      '--on',
      on,
    );

  before(async () => {
    if (pgUrl) {
      const empty = await createEmptyPostgresDatabase(pgUrl);
      storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
    } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
    const imported = await modgov('import', FIXTURES.opsg);
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(async () => {
    await storage.drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes two versions and agrees the second; the conversion is refused before and recorded after', async () => {
    const first = await write('User Roles are not mandated in the CTSD.', '2019-10-20');
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'DP089: version 1 of the problem statement is saved as a draft.\n');
    const second = await write('Additional User Roles are not mandated in the CTSD.', '2019-10-25');
    assert.equal(second.code, 0, second.stderr);

    const early = await modgov('record', 'DP089', 'converted', '--on', '2019-11-01', '--by', 'CSC');
    assert.equal(early.code, 2);
    assert.match(
      early.stderr,
      /the Change Sub-Committee has not agreed its problem statement \(version 2 is a draft\)/,
    );

    const agreed = await modgov(
      'problem-statement',
      'agree',
      'DP089',
      '--version',
      '2',
      '--on',
      '2019-11-01',
    );
    assert.equal(agreed.code, 0, agreed.stderr);
    assert.match(agreed.stdout, /DP089: version 2 of the problem statement is agreed by CSC on 2019-11-01/);
    const converted = await modgov('record', 'DP089', 'converted', '--on', '2019-11-01', '--by', 'CSC');
    assert.equal(converted.code, 0, converted.stderr);
    assert.match(converted.stdout, /DP089 \(now MP089\): converted recorded/);
  });

  it('bad input exits 2 and names the option', async () => {
    const empty = await modgov(
      'problem-statement',
      'write',
      'DP088',
      '--issue',
      ' ',
      '--impacts',
      'x',
      '--do-nothing',
      'y',
      '--context',
      'z',
    );
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--issue: Enter the issue\./);
    const missing = await modgov(
      'problem-statement',
      'write',
      'DP088',
      '--issue',
      'x',
      '--impacts',
      'y',
      '--context',
      'z',
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--do-nothing/);
    const noVersion = await modgov(
      'problem-statement',
      'agree',
      'DP088',
      '--version',
      '3',
      '--on',
      '2019-11-01',
    );
    assert.equal(noVersion.code, 2);
    assert.match(noVersion.stderr, /--version: DP088’s problem statement has no versions yet\./);
    const badDate = await modgov(
      'problem-statement',
      'agree',
      'DP088',
      '--version',
      '1',
      '--on',
      '2019-02-30',
    );
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /--on/);
  });
});
