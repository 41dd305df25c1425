// Committees' views on proposals (issue 7), through the real server (inject, real sessions), the use cases and the
// real `modgov` command. The OPSG_26_0511_16 paper asks the Operations Group (meeting 26, item 16) for its views on
// the new Draft Proposals: the secretariat records them against that item for DP090 and DP092, and they appear on
// each proposal's page and in the analyst's collations (by proposal, and for the meeting and its paper). A member
// of OPSG sends one in through the member form; a Change Board member cannot send an OPSG view. Classification
// applies: a matrix of views of each classification, and on hidden proposals, against each kind of viewer, with the
// expectations written out by hand from the Panel Information Policy. Bad input is refused naming the field, with
// nothing stored, on the web, the API and the command line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { recordView, type RecordViewInput } from '../src/app/record-view.ts';
import { ViewInputError } from '../src/app/view-input.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, committeeViews } from '../src/db/schema.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { FIXTURES } from './support/fixtures.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';
import { createWebApp } from './support/web.ts';

const TODAY = '2019-11-30';
const PAPER = 'OPSG_26_0511_16';

// Beside the web seed (OPSG meeting 26 with the White OPSG_26_0511_16 at item 16; DP094 Green; MP095 Amber for the
// DCC, with no impacts): an Amber paper at item 17 of meeting 26, meeting 27 with its own paper, and DP099, Red.
const MORE = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
meetings:
  - { committee: OPSG, number: 27, date: 2019-12-03 }
proposals:
  - id: DP099
    title: A Red proposal no one is named on
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
papers:
  - reference: OPSG_26_0511_17
    type: other
    meeting: { committee: OPSG, number: 26 }
    item: 17
    title: An Amber paper for OPSG
    action: for_discussion
    classification: amber
    date: 2019-10-29
    author: bradley-baker
  - reference: OPSG_27_0312_16
    type: new_proposals_summary
    meeting: { committee: OPSG, number: 27 }
    item: 16
    title: New Draft Proposals and Modification Proposals
    action: for_discussion
    classification: white
    date: 2019-11-26
    author: bradley-baker
    covers: { from: 2019-10-30, to: 2019-11-26 }
`;

const USERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  analyst: { roles: [{ role: 'analyst' }] },
  opsgMember: { roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  cbMember: { roles: [{ role: 'committee_member', committee: 'CB' }] },
  dccParty: { person: 'chris-thompson', roles: [{ role: 'party_user' }] }, // the DCC proposes DP092 and MP095
  britishGasParty: { person: 'simon-trivella', roles: [{ role: 'party_user' }] },
  sseParty: { person: 'emslie-law', roles: [{ role: 'party_user' }] }, // SSE proposes DP090
  regulator: { roles: [{ role: 'regulator' }] },
  noRoles: { roles: [] },
};

let database: Database;
const web = createWebApp({
  today: TODAY,
  users: USERS,
  nameOf: (name) => `${name} Person`,
  csrfPage: '/',
  requireCsrf: true,
});
const { ids: userIds, get, csrfOf } = web;
const deps = () => ({ db: database.db, rules: sec, today: () => TODAY });

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'more.yaml', text: MORE }]);
  // DP090's problem statement: version 1 before the paper's date (29 October), version 2 after it
  await queryRows(
    database.db,
    `insert into problem_statement_versions (proposal_id, version, sections, status, written_on, written_by)
     select id, v.version, '{"issue":"The issue."}'::jsonb, 'draft', v.written_on::date, 'test'
     from proposals, (values (1, '2019-10-16'), (2, '2019-11-20')) as v(version, written_on)
     where reference = 'DP090'`,
  );
  await web.start(database);
});

after(() => web.close());

const postForm = (viewer: string, url: string, form: Record<string, string>) =>
  web.postForm(viewer, url, form, { csrf: false });
const postJson = (viewer: string, url: string, body: unknown, csrf?: string) =>
  web.sendJson(viewer, 'POST', url, body, { csrf: csrf ?? false });

const storedViews = async () => (await database.db.select({ n: count() }).from(committeeViews))[0]?.n ?? 0;

/** The fields the error summary links to. */
const summaryFields = (html: string) => {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([a-z]+)"/g)].map((m) => m[1]);
};

/** The staff form's values for a view on the OPSG_26_0511_16 item. */
const staffForm = (text: string, more: Record<string, string> = {}) => ({
  committee: 'OPSG',
  source: 'meeting',
  meeting: '26',
  paper: PAPER,
  item: '16',
  author: 'Operations Group',
  on: '',
  classification: 'white',
  version: '',
  text,
  ...more,
});

describe('views recorded against the OPSG_26_0511_16 item', () => {
  const DP090_VIEW = 'OPSG sees **no operational impact** from NGNM alerts.';
  const DP092_VIEW = 'OPSG asks the DCC to present the planned maintenance trial results.';

  it('the secretariat records them through the staff form and the API, each audited', async () => {
    const before = await storedViews();
    const form = await get('analyst', '/proposals/DP090/views/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Record a committee’s view/);
    assert.match(form.body, /name="meeting"/);
    const res = await postForm('analyst', '/proposals/DP090/views/new', {
      ...staffForm(DP090_VIEW),
      _csrf: await csrfOf('analyst'),
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/proposals/DP090?viewAdded=1#views');

    const api = await postJson(
      'analyst',
      '/api/v1/proposals/DP092/views',
      { committee: 'OPSG', meeting: 26, paper: PAPER, author: 'Operations Group', text: DP092_VIEW },
      await csrfOf('analyst'),
    );
    assert.equal(api.statusCode, 201, api.body);
    const created = api.json<{ reference: string; view: Record<string, unknown> }>();
    assert.equal(created.reference, 'DP092');
    assert.equal(created.view.agendaItem, 16, 'the item is the paper’s');
    assert.equal(created.view.givenOn, '2019-11-05', 'a view given at a meeting is dated the meeting’s day');
    assert.deepEqual(created.view.paper, {
      reference: PAPER,
      title: 'New Draft Proposals and Modification Proposals',
    });
    assert.equal(await storedViews(), before + 2);

    const rows = await database.db
      .select()
      .from(committeeViews)
      .where(eq(committeeViews.text, DP090_VIEW.trim()));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.source, 'meeting');
    assert.equal(rows[0]?.agendaItem, 16);
    assert.equal(rows[0]?.problemStatementVersion, 1, 'the version current on the paper’s date');
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(rows[0]?.id)));
    const recorded = audit.find((a) => a.action === 'view.recorded' && a.subjectType === 'committee_view');
    assert.ok(recorded, 'an audit record view.recorded');
    assert.equal(recorded.actor, `user:${userIds.analyst}`);
    assert.equal(recorded.before, null);
    assert.equal(recorded.after?.text, DP090_VIEW);
    assert.equal(recorded.after?.paper, PAPER);
  });

  it('they appear on each proposal’s page, to the public too (White), with the paper and the item', async () => {
    for (const [ref, text] of [
      ['DP090', 'OPSG sees <strong>no operational impact</strong> from NGNM alerts.'],
      ['DP092', DP092_VIEW],
    ] as const) {
      const page = await get('anonymous', `/proposals/${ref}`);
      assert.equal(page.statusCode, 200);
      const section = /<section class="app-section" id="views"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
      assert.ok(section.includes(text), `${ref}'s page shows its view, its Markdown rendered`);
      assert.match(section, /Operations Group \(OPSG\)/);
      assert.match(section, new RegExp(`href="/papers/${PAPER}"`));
      assert.match(section, /OPSG meeting 26<\/a>\s*on <time datetime="2019-11-05">/);
      assert.match(section, /agenda item 16/);
      assert.doesNotMatch(section, /Record a view|Collated views/, 'the public may add nothing');
    }
    const dp090 = await get('anonymous', '/proposals/DP090');
    assert.match(dp090.body, /Version 1/);
    assert.doesNotMatch((await get('anonymous', '/proposals/DP088')).body, /OPSG sees|OPSG asks/);
    const staffPage = await get('analyst', '/proposals/DP090?viewAdded=1');
    assert.match(staffPage.body, /Your view is recorded/);
    assert.match(staffPage.body, /href="\/proposals\/DP090\/views\/new">Record a view/);
    assert.match(staffPage.body, /href="\/proposals\/DP090\/views">Collated views/);
  });

  it('they are in the collated views: by committee for a proposal, and by proposal for the meeting and its paper', async () => {
    const proposal = await get('analyst', '/proposals/DP090/views');
    assert.equal(proposal.statusCode, 200);
    assert.match(proposal.body, /1 view from 1 committee, the latest given on <time datetime="2019-11-05">/);
    assert.ok(proposal.body.includes('OPSG sees <strong>no operational impact</strong>'));

    const meeting = await get('analyst', '/committees/OPSG/meetings/26/views');
    assert.equal(meeting.statusCode, 200);
    assert.match(meeting.body, /2 views on 2 proposals/);
    assert.ok(meeting.body.indexOf('id="proposal-DP090"') < meeting.body.indexOf('id="proposal-DP092"'));
    assert.ok(meeting.body.includes(DP092_VIEW));
    const byPaper = await get('analyst', `/committees/OPSG/meetings/26/views?paper=${PAPER}`);
    assert.match(byPaper.body, new RegExp(`Views given on ${PAPER}`));
    assert.match(byPaper.body, /2 views on 2 proposals/);
    const otherPaper = await get('analyst', '/committees/OPSG/meetings/26/views?paper=OPSG_26_0511_99');
    assert.match(otherPaper.body, /No views were recorded against this meeting and paper/);
    const otherMeeting = await get('analyst', '/committees/OPSG/meetings/27/views');
    assert.match(otherMeeting.body, /No views were recorded against this meeting/);
    assert.equal((await get('analyst', '/committees/OPSG/meetings/99/views')).statusCode, 404);
  });

  it('the collations are for staff: others are refused, the public sent to sign in', async () => {
    for (const url of ['/proposals/DP090/views', '/committees/OPSG/meetings/26/views']) {
      const anonymous = await get('anonymous', url);
      assert.equal(anonymous.statusCode, 303, url);
      assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
      for (const viewer of ['opsgMember', 'dccParty', 'regulator']) {
        const res = await get(viewer, url);
        assert.equal(res.statusCode, 403, `${viewer} ${url}`);
        assert.doesNotMatch(res.body, /OPSG sees|OPSG asks/);
      }
    }
  });
});

describe('a member sends in a view between meetings', () => {
  const MEMBER_VIEW = 'Between meetings: OPSG members would like the alert list first.';

  it('an OPSG member sends one through the member form: dated today, with them as its author, audited', async () => {
    const form = await get('opsgMember', '/proposals/DP090/views/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Send in your committee’s view/);
    assert.match(form.body, /value="OPSG"/);
    assert.doesNotMatch(
      form.body,
      /value="CB"|name="meeting"|name="author"/,
      'their committees only; no meeting',
    );
    const before = await storedViews();
    const res = await postForm('opsgMember', '/proposals/DP090/views/new', {
      committee: 'OPSG',
      text: MEMBER_VIEW,
      classification: 'white',
      version: '2',
      _csrf: await csrfOf('opsgMember'),
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(await storedViews(), before + 1);
    const [row] = await database.db.select().from(committeeViews).where(eq(committeeViews.text, MEMBER_VIEW));
    assert.equal(row?.source, 'member');
    assert.equal(row?.authorUserId, userIds.opsgMember);
    assert.equal(row?.givenOn, TODAY);
    assert.equal(row?.problemStatementVersion, 2);
    assert.equal(row?.meetingId, null);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'committee_view'), eq(auditEvents.subjectId, String(row?.id))));
    assert.equal(audit?.action, 'view.submitted');
    assert.equal(audit?.actor, `user:${userIds.opsgMember}`);

    const page = await get('anonymous', '/proposals/DP090');
    assert.ok(page.body.includes(MEMBER_VIEW));
    assert.match(page.body, /opsgMember Person/);
    assert.match(page.body, /Sent in by a member/);
    const collated = await get('analyst', '/proposals/DP090/views');
    assert.match(collated.body, /2 views from 1 committee, the latest given on <time datetime="2019-11-30">/);
  });

  it('a Change Board member cannot send an OPSG view: 403, nothing stored', async () => {
    const form = await get('cbMember', '/proposals/DP090/views/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="CB"/);
    assert.doesNotMatch(form.body, /value="OPSG"/);
    const before = await storedViews();
    const res = await postForm('cbMember', '/proposals/DP090/views/new', {
      committee: 'OPSG',
      text: 'A CB member speaking for OPSG.',
      _csrf: await csrfOf('cbMember'),
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /You do not sit on the OPSG/);
    const api = await postJson(
      'cbMember',
      '/api/v1/proposals/DP090/views',
      { committee: 'OPSG', text: 'A CB member speaking for OPSG.' },
      await csrfOf('cbMember'),
    );
    assert.equal(api.statusCode, 403);
    assert.equal(api.json<{ error: { code: string } }>().error.code, 'view.not_allowed');
    assert.equal(await storedViews(), before);
  });

  it('who else may not: users with no seat are refused, the public sent to sign in, a POST without its token refused', async () => {
    for (const viewer of ['dccParty', 'regulator', 'noRoles']) {
      assert.equal((await get(viewer, '/proposals/DP090/views/new')).statusCode, 403, viewer);
      const res = await postForm(viewer, '/proposals/DP090/views/new', {
        committee: 'OPSG',
        text: 'Not mine to give.',
        _csrf: await csrfOf(viewer),
      });
      assert.equal(res.statusCode, 403, viewer);
    }
    const anonymous = await get('anonymous', '/proposals/DP090/views/new');
    assert.equal(anonymous.statusCode, 303);
    const before = await storedViews();
    const noToken = await postForm('opsgMember', '/proposals/DP090/views/new', {
      committee: 'OPSG',
      text: 'x',
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(await storedViews(), before);
    // a proposal the member may not see does not exist for them
    assert.equal((await get('opsgMember', '/proposals/MP095/views/new')).statusCode, 404);
  });
});

describe('an Amber view', () => {
  const AMBER = 'Amber: OPSG has concerns about the maintenance windows.';

  it('is hidden from the public and a party of another organisation, shown to OPSG members, the proposer’s organisation and staff', async () => {
    await recordView(deps(), {
      reference: 'DP092',
      committee: 'OPSG',
      meeting: 26,
      item: 16,
      author: 'Operations Group',
      classification: 'amber',
      text: AMBER,
      by: 'cli',
    });
    const expected: Record<string, boolean> = {
      anonymous: false,
      britishGasParty: false,
      cbMember: false,
      regulator: false,
      opsgMember: true,
      dccParty: true,
      analyst: true,
    };
    for (const [viewer, sees] of Object.entries(expected)) {
      const page = await get(viewer, '/proposals/DP092');
      assert.equal(page.statusCode, 200, viewer);
      assert.equal(page.body.includes(AMBER), sees, `${viewer}: the page`);
      const api = await get(viewer, '/api/v1/proposals/DP092/views');
      assert.equal(api.statusCode, 200, viewer);
      assert.equal(api.body.includes(AMBER), sees, `${viewer}: the API`);
    }
    assert.ok((await get('analyst', '/committees/OPSG/meetings/26/views')).body.includes(AMBER));
  });
});

describe('views against each viewer (the classification matrix)', () => {
  // Each view's text is a mark; who may see it is written out from the policy. DP090: White, SSE's, OPSG impact.
  // MP095: Amber, the DCC's, no impacts (visible to staff and the DCC). DP099: Red, no one named.
  const VIEWS = {
    white: { reference: 'DP090', committee: 'OPSG', classification: 'white', text: 'Matrix white view.' },
    green: { reference: 'DP090', committee: 'OPSG', classification: 'green', text: 'Matrix green view.' },
    amberOpsg: {
      reference: 'DP090',
      committee: 'OPSG',
      classification: 'amber',
      text: 'Matrix amber OPSG view.',
    },
    amberCb: { reference: 'DP090', committee: 'CB', classification: 'amber', text: 'Matrix amber CB view.' },
    red: { reference: 'DP090', committee: 'OPSG', classification: 'red', text: 'Matrix red view.' },
    onAmberProposal: {
      reference: 'MP095',
      committee: 'OPSG',
      classification: 'white',
      text: 'Matrix white view on a hidden proposal.',
    },
    onRedProposal: {
      reference: 'DP099',
      committee: 'OPSG',
      classification: 'white',
      text: 'Matrix white view on a Red proposal.',
    },
  } as const;
  type View = keyof typeof VIEWS;
  const MAY_SEE: Record<string, readonly View[]> = {
    anonymous: ['white'],
    analyst: ['white', 'green', 'amberOpsg', 'amberCb', 'onAmberProposal'],
    opsgMember: ['white', 'green', 'amberOpsg'],
    cbMember: ['white', 'green', 'amberCb'],
    dccParty: ['white', 'green', 'onAmberProposal'],
    britishGasParty: ['white', 'green'],
    sseParty: ['white', 'green', 'amberOpsg', 'amberCb'],
    regulator: ['white', 'green'],
    noRoles: ['white'],
  };
  const AMBER_PAPER_VIEW = 'Matrix white view against an Amber paper.';

  before(async () => {
    for (const view of Object.values(VIEWS)) {
      if (view.classification === 'red') continue;
      // OPSG's views at its meeting 26, against the paper; the Change Board's by e-mail
      const given =
        view.committee === 'OPSG'
          ? { meeting: 26, paper: PAPER }
          : { source: 'email' as const, on: '2019-11-06' };
      await recordView(deps(), { ...view, ...given, author: `${view.committee} members`, by: 'cli' });
    }
    // a Red view cannot be recorded (no one could read it): one that got in another way is still shown to no one
    await queryRows(
      database.db,
      `insert into committee_views (proposal_id, committee_id, source, author_name, given_on, classification, text)
       select p.id, c.id, 'email', 'Someone', '2019-11-06', 'red', '${VIEWS.red.text}'
       from proposals p, committees c where p.reference = 'DP090' and c.ref = 'OPSG'`,
    );
    await recordView(deps(), {
      reference: 'DP088',
      committee: 'OPSG',
      meeting: 26,
      paper: 'OPSG_26_0511_17',
      author: 'Operations Group',
      classification: 'white',
      text: AMBER_PAPER_VIEW,
      by: 'cli',
    });
  });

  for (const viewer of Object.keys(MAY_SEE)) {
    it(`${viewer}: the proposal pages and the API show the views the policy lets them see, and no others`, async () => {
      const problems: string[] = [];
      for (const [name, view] of Object.entries(VIEWS) as [View, (typeof VIEWS)[View]][]) {
        const sees = MAY_SEE[viewer]?.includes(name) ?? false;
        for (const url of [`/proposals/${view.reference}`, `/api/v1/proposals/${view.reference}/views`]) {
          const res = await get(viewer, url);
          if (res.body.includes(view.text) !== sees)
            problems.push(`${url}: ${sees ? 'does not show' : 'shows'} the ${name} view (${res.statusCode})`);
        }
        if (viewer === 'analyst') {
          const meeting = await get(viewer, '/committees/OPSG/meetings/26/views');
          const atMeeting = view.committee === 'OPSG' && view.classification !== 'red';
          if (atMeeting && meeting.body.includes(view.text) !== sees)
            problems.push(`the meeting's views: ${sees ? 'do not show' : 'show'} the ${name} view`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('a view on a hidden proposal never shows: its page and its views are not found', async () => {
    for (const viewer of ['anonymous', 'opsgMember', 'britishGasParty', 'analyst']) {
      for (const url of ['/proposals/DP099', '/api/v1/proposals/DP099/views']) {
        const res = await get(viewer, url);
        assert.equal(res.statusCode, 404, `${viewer} ${url}`);
        assert.ok(!res.body.includes(VIEWS.onRedProposal.text), `${viewer} ${url}`);
      }
    }
    const meeting = await get('analyst', '/committees/OPSG/meetings/26/views');
    assert.ok(!meeting.body.includes('DP099'), 'not in the meeting’s collation, not even as a count');
    assert.equal((await get('anonymous', '/api/v1/proposals/MP095/views')).statusCode, 404);
  });

  it('the paper a view answers is named only to those who may see the paper', async () => {
    const pub = await get('anonymous', '/proposals/DP088');
    assert.ok(pub.body.includes(AMBER_PAPER_VIEW));
    assert.ok(!pub.body.includes('OPSG_26_0511_17'), 'the Amber paper stays hidden from the public');
    const member = await get('opsgMember', '/proposals/DP088');
    assert.ok(member.body.includes('href="/papers/OPSG_26_0511_17"'));
  });
});

describe('bad input is refused naming the field, and nothing is stored', () => {
  it('on the staff form: a paper of another meeting, an unknown committee, no text, an unknown version', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ paper: 'OPSG_27_0312_16' }, 'paper'],
      [{ committee: 'XYZ' }, 'committee'],
      [{ meeting: '99' }, 'meeting'],
      [{ meeting: 'twenty-six' }, 'meeting'],
      [{ item: '17' }, 'item'],
      [{ author: '  ' }, 'author'],
      [{ on: '2019-12-25' }, 'on'],
      [{ classification: 'red' }, 'classification'],
      [{ version: '3' }, 'version'],
    ];
    const before = await storedViews();
    for (const [change, field] of cases) {
      const res = await postForm('analyst', '/proposals/DP090/views/new', {
        ...staffForm('A view that must not be stored.', change),
        _csrf: await csrfOf('analyst'),
      });
      assert.equal(res.statusCode, 400, JSON.stringify(change));
      assert.deepEqual(summaryFields(res.body), [field], JSON.stringify(change));
      for (const [name, value] of Object.entries(change))
        if (['paper', 'meeting', 'item', 'on', 'version'].includes(name))
          assert.ok(res.body.includes(`value="${value}"`), `the ${name} is kept`);
    }
    const empty = await postForm('analyst', '/proposals/DP090/views/new', {
      ...staffForm('   '),
      _csrf: await csrfOf('analyst'),
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(summaryFields(empty.body), ['text']);
    assert.match(empty.body, /Enter the view/);
    const wrongPaper = await postForm('analyst', '/proposals/DP090/views/new', {
      ...staffForm('x', { paper: 'OPSG_27_0312_16' }),
      _csrf: await csrfOf('analyst'),
    });
    assert.match(
      wrongPaper.body,
      /OPSG_27_0312_16 is a paper for meeting 27 of the OPSG, not for meeting 26/,
    );
    assert.equal(await storedViews(), before);
  });

  it('in the use case, every problem at once, each naming its field', async () => {
    const input: RecordViewInput = {
      reference: 'DP090',
      committee: 'XYZ',
      meeting: 26,
      author: '',
      text: '',
      by: 'cli',
    };
    const before = await storedViews();
    await assert.rejects(recordView(deps(), input), (error: unknown) => {
      assert.ok(error instanceof ViewInputError);
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ['committee', 'author', 'text'],
      );
      assert.match(error.message, /^committee: There is no committee "XYZ"/);
      return true;
    });
    await assert.rejects(recordView(deps(), { ...input, reference: 'DP404', committee: 'OPSG' }), {
      code: 'proposal.not_found',
    });
    assert.equal(await storedViews(), before);
  });
});

describe('the API', () => {
  it('GET lists the visible views; POST records as the signed-in user, refusing bad input by field', async () => {
    const list = await get('anonymous', '/api/v1/proposals/DP090/views');
    assert.equal(list.statusCode, 200);
    const body = list.json<{ reference: string; views: { text: string; committee: { ref: string } }[] }>();
    assert.equal(body.reference, 'DP090');
    assert.ok(body.views.some((v) => v.text.startsWith('OPSG sees') && v.committee.ref === 'OPSG'));
    assert.equal((await get('anonymous', '/api/v1/proposals/DP404/views')).statusCode, 404);
    assert.equal((await get('anonymous', '/api/v1/proposals/MP090/views')).statusCode, 301);

    const text = 'Sent through the API by an OPSG member.';
    assert.equal((await postJson('anonymous', '/api/v1/proposals/DP090/views', { text })).statusCode, 401);
    assert.equal(
      (await postJson('opsgMember', '/api/v1/proposals/DP090/views', { committee: 'OPSG', text })).statusCode,
      403,
      'no CSRF token',
    );
    const csrf = await csrfOf('opsgMember');
    const before = await storedViews();
    const staffOnly = await postJson(
      'opsgMember',
      '/api/v1/proposals/DP090/views',
      { committee: 'OPSG', text, meeting: 26 },
      csrf,
    );
    assert.equal(staffOnly.statusCode, 400);
    const staffOnlyError = staffOnly.json<{ error: { code: string; field: string } }>().error;
    assert.deepEqual([staffOnlyError.code, staffOnlyError.field], ['request.invalid', 'meeting']);
    const noText = await postJson('opsgMember', '/api/v1/proposals/DP090/views', { committee: 'OPSG' }, csrf);
    assert.equal(noText.statusCode, 400);
    assert.equal(noText.json<{ error: { code: string; field: string } }>().error.code, 'view.invalid');
    assert.equal(noText.json<{ error: { field: string } }>().error.field, 'text');
    const badPaper = await postJson(
      'analyst',
      '/api/v1/proposals/DP090/views',
      { committee: 'OPSG', meeting: 26, paper: 'OPSG_27_0312_16', author: 'OPSG', text },
      await csrfOf('analyst'),
    );
    assert.equal(badPaper.statusCode, 400);
    assert.equal(badPaper.json<{ error: { field: string } }>().error.field, 'paper');
    assert.equal(
      (await postJson('opsgMember', '/api/v1/proposals/MP095/views', { committee: 'OPSG', text }, csrf))
        .statusCode,
      404,
    );
    assert.equal(await storedViews(), before);

    const ok = await postJson(
      'opsgMember',
      '/api/v1/proposals/DP090/views',
      { committee: 'OPSG', text },
      csrf,
    );
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.headers.location, '/api/v1/proposals/DP090/views');
    const view = ok.json<{ view: { author: string; source: string; givenOn: string } }>().view;
    assert.deepEqual([view.author, view.source, view.givenOn], ['opsgMember Person', 'member', TODAY]);
    assert.equal(await storedViews(), before + 1);
  });
});

describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-views-'));
  let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };
  const modgov = (...args: string[]) => runModgov([...args, ...storage.args], storage.env);
  const add = (...more: string[]) =>
    modgov(
      'views',
      'add',
      'DP090',
      '--committee',
      'OPSG',
      '--meeting',
      '26',
      '--author',
      'Operations Group',
      '--text',
      'Recorded from the command line.',
      ...more,
    );

  before(async () => {
    const pgUrl = process.env.DATABASE_URL;
    if (pgUrl) {
      const empty = await createEmptyPostgresDatabase(pgUrl);
      storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
    } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
    const more = join(dir, 'more.yaml');
    writeFileSync(more, MORE);
    const imported = await modgov('import', FIXTURES.opsg, more);
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(async () => {
    await storage.drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('views add exits 0 and the view shows in views list', async () => {
    const added = await add(
      '--paper',
      PAPER,
      '--item',
      '16',
      '--on',
      '2019-11-05',
      '--classification',
      'white',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(
      added.stdout,
      /Recorded the OPSG's view on DP090 \(view \d+\), given on 2019-11-05 at OPSG meeting 26, item 16, OPSG_26_0511_16; white\./,
    );
    const listed = await modgov('views', 'list', 'DP090');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stdout,
      /2019-11-05 {2}OPSG {2}Operations Group {2}\(Given at a meeting: OPSG meeting 26, item 16, OPSG_26_0511_16\) {2}White/,
    );
    assert.match(listed.stdout, /^ {4}Recorded from the command line\.$/m);
    const publicList = await modgov('views', 'list', 'DP090', '--as', 'public');
    assert.match(publicList.stdout, /Recorded from the command line/);
    const verified = await modgov('audit', 'verify');
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  });

  it('bad input exits 2 and names the field, and nothing is stored', async () => {
    const otherMeeting = await add('--paper', 'OPSG_27_0312_16');
    assert.equal(otherMeeting.code, 2);
    assert.match(otherMeeting.stderr, /paper: OPSG_27_0312_16 is a paper for meeting 27 of the OPSG/);
    const unknownCommittee = await modgov(
      'views',
      'add',
      'DP090',
      '--committee',
      'XYZ',
      '--meeting',
      '26',
      '--author',
      'Someone',
      '--text',
      'x',
    );
    assert.equal(unknownCommittee.code, 2);
    assert.match(unknownCommittee.stderr, /committee: There is no committee "XYZ"/);
    const noText = await modgov(
      'views',
      'add',
      'DP090',
      '--committee',
      'OPSG',
      '--meeting',
      '26',
      '--author',
      'A',
    );
    assert.equal(noText.code, 2);
    assert.match(noText.stderr, /--text/);
    const listed = await modgov('views', 'list', 'DP090');
    assert.equal(listed.stdout.match(/^\d{4}-\d{2}-\d{2} {2}/gm)?.length, 1, 'only the one good view');
    const unknownProposal = await modgov('views', 'list', 'DP404');
    assert.equal(unknownProposal.code, 2);
  });
});
