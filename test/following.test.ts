// What a committee follows (issue 7): the Operations Group decides at meeting 26 (5 November 2019) that it wants
// to give further input on DP090 and DP092. Its next monthly paper, for meeting 27 (3 December 2019, dated
// 26 November, covering 30 October to 26 November), carries an update on DP090, which the Change Sub-Committee
// converted to MP090 on 20 November, and nothing on DP092, which did not move. The Amber MP095 (DCC's, with no
// impact on OPSG) that OPSG also follows moved too, and is left out of the White paper with a notice. Without any
// following the paper has no such section. The committee page lists what OPSG follows, as each viewer may see it;
// the staff form records a decision with an audit record and refuses everyone else; `modgov follow` records one
// from the command line. Then the section's pure composer on its own, and the problem statement appendix when the
// register holds versions: the version current at the paper's date, draft or agreed as at that date.
// Dates in November and December 2019 are illustrative.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { addMeeting } from '../src/app/add-meeting.ts';
import { composePaper } from '../src/app/compose-paper.ts';
import { createPaper } from '../src/app/create-paper.ts';
import { listFollowedProposals } from '../src/app/list-followed-proposals.ts';
import { FollowingInputError, FollowingNotFoundError, recordFollowing } from '../src/app/record-following.ts';
import { transitionProposal } from '../src/app/transition-proposal.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { auditEvents, committeeFollowing, problemStatementVersions, proposals } from '../src/db/schema.ts';
import { anonymousViewer } from '../src/domain/access/visibility.ts';
import {
  composeFollowedUpdates,
  type FollowedProposalFacts,
} from '../src/domain/papers/compose-followed-updates.ts';
import { problemStatementVersionAsOf } from '../src/domain/papers/compose-new-proposals-summary.ts';
import type { Block, ComposedPaper, PaperModel } from '../src/domain/papers/paper.models.ts';
import { renderText } from '../src/render/text.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { FIXTURES } from './support/fixtures.ts';
import { seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';
import { createWebApp } from './support/web.ts';

const UPDATES = 'Updates on proposals the committee follows';
const FORM = '/committees/OPSG/meetings/26/following';

let database: Database;
const deps = () => ({ db: database.db, rules: sec });
let reference: string;
/** The meeting 27 paper composed before OPSG followed anything, and after. */
let unfollowed: ComposedPaper;
let followed: ComposedPaper;
const web = createWebApp({
  today: '2019-11-26',
  users: {
    analyst: [{ role: 'analyst' }],
    partyUser: { roles: [{ role: 'party_user' }], person: 'chris-thompson' },
    opsgMember: [{ role: 'committee_member', committee: 'OPSG' }],
  },
});
const { tokens } = web;

const textOf = (runs: readonly { text: string }[]) => runs.map((r) => r.text).join('');
const blockText = (b: Block): string[] => (b.type === 'list' ? b.items.map(textOf) : [textOf(b.runs)]);
const sectionOf = (paper: PaperModel, title: string) => paper.sections.find((s) => s.title === title);

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await addMeeting(deps(), { committee: 'OPSG', number: 27, date: '2019-12-03', actor: 'analyst' });
  const created = await createPaper(deps(), {
    type: 'new_proposals_summary',
    committee: 'OPSG',
    meeting: 27,
    item: 9,
    date: '2019-11-26',
    period: { from: '2019-10-30', to: '2019-11-26' },
    author: 'bradley-baker',
    actor: 'analyst',
  });
  reference = created.reference;
  // in the period: the Change Sub-Committee converts DP090; the Panel sends the Amber MP095 to refinement
  await transitionProposal(deps(), {
    reference: 'DP090',
    event: 'converted',
    on: '2019-11-20',
    by: 'CSC',
    actor: 'analyst',
  });
  await transitionProposal(deps(), {
    reference: 'MP095',
    event: 'refinement_started',
    on: '2019-11-12',
    by: 'PANEL',
    actor: 'analyst',
  });
  unfollowed = await composePaper(deps(), { reference });
  for (const proposal of ['DP090', 'DP092', 'MP095'])
    await recordFollowing(deps(), {
      committee: 'OPSG',
      meeting: 26,
      proposal,
      decision: 'yes',
      actor: 'analyst',
    });
  followed = await composePaper(deps(), { reference });

  await web.start(database);
});

after(() => web.close());

describe('the Operations Group paper after it followed DP090 and DP092', () => {
  it('is the paper for meeting 27, with the update section before the recommendations', () => {
    assert.equal(reference, 'OPSG_27_0312_9');
    assert.deepEqual(
      followed.paper.sections.map((s) => `${s.number}. ${s.title}`),
      [
        '1. Purpose',
        '2. New Draft Proposals',
        '3. Draft Proposals converted to Modification Proposals',
        `4. ${UPDATES}`,
        '5. Recommendations',
      ],
    );
  });

  it("has DP090's conversion, under its current reference MP090, with the lifecycle's label and the date", () => {
    const section = sectionOf(followed.paper, UPDATES);
    assert.ok(section);
    const headings = section.blocks.flatMap((b) => (b.type === 'heading' ? [textOf(b.runs)] : []));
    assert.deepEqual(headings, ["MP090 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC'"]);
    const items = section.blocks.flatMap((b) => (b.type === 'list' ? b.items.map(textOf) : []));
    assert.deepEqual(items, [
      'Converted to Modification Proposal by the Change Sub-Committee on 20 November 2019.',
    ]);
    const intro = section.blocks[0];
    assert.ok(intro && intro.type === 'paragraph');
    assert.match(
      textOf(intro.runs),
      /The Operations Group has said .* between 30 October 2019 and 26 November 2019\./,
    );
  });

  it('says nothing about DP092, which did not move in the period', () => {
    const text = renderText(followed.paper);
    assert.ok(!text.includes('DP092'), 'DP092 is not in the paper');
    assert.ok(!text.includes('New Planned Maintenance Methodology'));
    assert.ok(
      text.includes('Converted to Modification Proposal by the Change Sub-Committee on 20 November 2019.'),
    );
  });

  it('leaves out the Amber MP095 OPSG may not see in a White paper, with the same notice as the rest of the paper', () => {
    assert.deepEqual(followed.notices, [
      {
        code: 'paper.classified_item_omitted',
        message: 'MP095 is classified Amber, above this White paper: left out.',
        subject: 'MP095',
      },
    ]);
    const text = JSON.stringify(followed.paper);
    for (const mark of ['MP095', 'DP095', 'An Amber proposal the public must not see', 'Refinement Process'])
      assert.ok(!text.includes(mark), `the paper shows "${mark}"`);
  });

  it('an Amber paper for OPSG leaves MP095 out too: it names no impact on OPSG, so not all OPSG may see it', async () => {
    const amber = await createPaper(deps(), {
      type: 'new_proposals_summary',
      committee: 'OPSG',
      meeting: 27,
      item: 10,
      date: '2019-11-26',
      period: { from: '2019-10-30', to: '2019-11-26' },
      classification: 'amber',
      actor: 'analyst',
    });
    const composed = await composePaper(deps(), { reference: amber.reference });
    assert.deepEqual(
      composed.notices.map((n) => n.message),
      [
        'MP095 is classified Amber, and not everyone this paper goes to may see it (an Amber proposal must name OPSG; a Red one is for its named recipients only; a Red paper shows White proposals only): left out.',
      ],
    );
    assert.deepEqual(
      sectionOf(composed.paper, UPDATES)?.blocks.flatMap((b) =>
        b.type === 'heading' ? [textOf(b.runs)] : [],
      ),
      ["MP090 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC'"],
    );
    assert.ok(!JSON.stringify(composed.paper).includes('MP095'));
  });

  it('without any following, there is no update section and the rest of the paper is the same', () => {
    assert.equal(sectionOf(unfollowed.paper, UPDATES), undefined);
    assert.deepEqual(unfollowed.notices, []);
    const without = followed.paper.sections
      .filter((s) => s.title !== UPDATES)
      .map((s, i) => ({ ...s, number: i + 1 }));
    assert.deepEqual(without, unfollowed.paper.sections);
    assert.deepEqual(followed.paper.appendices, unfollowed.paper.appendices);
  });

  it('a decision taken after the paper’s date does not change it', async () => {
    await addMeeting(deps(), { committee: 'OPSG', number: 28, date: '2020-01-07', actor: 'analyst' });
    await recordFollowing(deps(), {
      committee: 'OPSG',
      meeting: 28,
      proposal: 'DP088',
      decision: 'yes',
      actor: 'analyst',
    });
    await transitionProposal(deps(), {
      reference: 'DP088',
      event: 'withdrawn',
      on: '2019-11-25',
      actor: 'analyst',
    });
    const again = await composePaper(deps(), { reference });
    assert.ok(!renderText(again.paper).includes('DP088'));
  });
});

describe('recording a decision', () => {
  it('stores it with the meeting and its date, and an audit record with before and after', async () => {
    const rows = await database.db
      .select({ decision: committeeFollowing.decision, decidedOn: committeeFollowing.decidedOn })
      .from(committeeFollowing)
      .innerJoin(proposals, eq(proposals.id, committeeFollowing.proposalId))
      .where(eq(proposals.reference, 'DP092'));
    assert.deepEqual(rows, [{ decision: 'yes', decidedOn: '2019-11-05' }]);
    const changed = await recordFollowing(deps(), {
      committee: 'OPSG',
      meeting: 27,
      proposal: 'DP092',
      decision: 'undecided',
      on: '2019-12-04',
      actor: 'analyst',
    });
    assert.equal(changed.changed, true);
    assert.deepEqual(changed.previous, { decision: 'yes', decidedOn: '2019-11-05', meeting: 26 });
    const audits = await database.db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'following.recorded'));
    assert.deepEqual(audits.at(-1), {
      before: { reference: 'DP092', committee: 'OPSG', decision: 'yes', on: '2019-11-05', meeting: 26 },
      after: { reference: 'DP092', committee: 'OPSG', decision: 'undecided', on: '2019-12-04', meeting: 27 },
    });
    // the same decision again writes nothing
    const count = audits.length;
    const same = await recordFollowing(deps(), {
      committee: 'OPSG',
      meeting: 27,
      proposal: 'DP092',
      decision: 'undecided',
      on: '2019-12-04',
      actor: 'analyst',
    });
    assert.equal(same.changed, false);
    const after = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'following.recorded'));
    assert.equal(after.length, count);
    // back as it was, for the pages below
    await recordFollowing(deps(), {
      committee: 'OPSG',
      meeting: 26,
      proposal: 'DP092',
      decision: 'yes',
      actor: 'analyst',
    });
  });

  it('refuses a decision, date, meeting, committee or proposal it does not know, naming the field', async () => {
    const base = { committee: 'OPSG', meeting: 26, proposal: 'DP090', decision: 'yes', actor: 'analyst' };
    const refusals: [Partial<typeof base> & { on?: string }, string][] = [
      [{ decision: 'maybe' }, 'decision'],
      [{ on: '2019-02-30' }, 'on'],
      [{ on: '2019-11-04' }, 'on'], // the day before meeting 26, which decided it
      [{ meeting: 2147483648 }, 'meeting'],
      [{ meeting: 99 }, 'meeting'],
      [{ committee: 'NOPE' }, 'committee'],
      [{ proposal: 'DP999' }, 'proposal'],
      [{ proposal: 'not a reference' }, 'proposal'],
    ];
    for (const [change, field] of refusals)
      await assert.rejects(
        recordFollowing(deps(), { ...base, ...change }),
        (e: unknown) =>
          (e instanceof FollowingInputError || e instanceof FollowingNotFoundError) && e.field === field,
        field,
      );
  });

  it('a viewer who may not see the proposal cannot record a decision on it: it is not found', async () => {
    await assert.rejects(
      recordFollowing(deps(), {
        committee: 'OPSG',
        meeting: 26,
        proposal: 'DP094',
        decision: 'yes',
        actor: 'x',
        viewer: anonymousViewer,
      }),
      (e: unknown) => e instanceof FollowingNotFoundError && e.field === 'proposal',
    );
  });
});

describe('the committee page', () => {
  it('lists MP090 (DP090 as it is now) and DP092 as followed, and only what the viewer may see', async () => {
    const page = await web.app.inject({ url: '/committees/OPSG' });
    assert.equal(page.statusCode, 200);
    const section =
      /id="following"[\s\S]*?<h2 class="govuk-heading-m">Meetings<\/h2>/.exec(page.body)?.[0] ?? '';
    assert.match(section, /Proposals this committee follows/);
    assert.match(
      section,
      /href="\/proposals\/MP090">MP090<\/a> Incorporation of Non GBCS Non-Mandated Alerts/,
    );
    assert.match(section, /href="\/proposals\/DP092">DP092<\/a> New Planned Maintenance Methodology/);
    assert.match(section, /meeting 26/);
    assert.ok(!page.body.includes('MP095'), 'the public does not see the Amber MP095');
    const staff = await web.app.inject({
      url: '/committees/OPSG',
      cookies: { modgov_session: tokens.analyst ?? '' },
    });
    assert.match(staff.body, /href="\/proposals\/MP095">MP095<\/a>/);
  });

  it('the use case groups the decisions, each with its date and meeting', async () => {
    const list = await listFollowedProposals(deps(), { committee: 'OPSG', viewer: anonymousViewer });
    assert.ok(list);
    assert.deepEqual(
      list.yes.map((f) => [f.reference, f.decision, f.decidedOn, f.meeting]),
      [
        ['DP088', 'yes', '2020-01-07', 28],
        ['MP090', 'yes', '2019-11-05', 26],
        ['DP092', 'yes', '2019-11-05', 26],
      ],
    );
    assert.equal(await listFollowedProposals(deps(), { committee: 'NOPE', viewer: anonymousViewer }), null);
  });
});

describe('the staff form', () => {
  const { cookiesOf, csrfOf } = web;
  const post = (viewer: string, form: Record<string, string>) =>
    web.postForm(viewer, FORM, form, { csrf: false });
  const followingRows = () =>
    database.db
      .select({ reference: proposals.reference, decision: committeeFollowing.decision })
      .from(committeeFollowing)
      .innerJoin(proposals, eq(proposals.id, committeeFollowing.proposalId))
      .orderBy(proposals.number);

  it('shows the meeting paper’s proposals with the decision held now', async () => {
    const page = await web.app.inject({ url: FORM, cookies: cookiesOf('analyst') });
    assert.equal(page.statusCode, 200);
    for (const ref of ['DP088', 'DP089', 'MP090', 'DP091', 'DP092', 'DP093'])
      assert.ok(page.body.includes(`name="decision-${ref}"`), ref);
    assert.match(page.body, /name="decision-DP092" type="radio" value="yes" checked/);
    assert.match(page.body, /name="other"/);
  });

  it('records a decision, with an audit record naming the user, and says how many', async () => {
    const before = await followingRows();
    const res = await post('analyst', {
      _csrf: await csrfOf('analyst'),
      other: 'DP089',
      otherDecision: 'no',
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${FORM}?recorded=1`);
    const rows = await followingRows();
    assert.deepEqual(
      rows.filter((r) => !before.some((b) => b.reference === r.reference)),
      [{ reference: 'DP089', decision: 'no' }],
    );
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'following.recorded'), eq(auditEvents.actor, `user:${await analystId()}`)),
      );
    assert.ok(audit, 'the audit record names the user');
    assert.deepEqual(audit.after, {
      reference: 'DP089',
      committee: 'OPSG',
      decision: 'no',
      on: '2019-11-05',
      meeting: 26,
    });
    assert.equal(audit.before, null);
    const page = await web.app.inject({ url: String(res.headers.location), cookies: cookiesOf('analyst') });
    assert.match(page.body, /1 decision recorded/);
  });

  it('answers 400 naming the field when a decision has no proposal, and records nothing', async () => {
    const before = await followingRows();
    const res = await post('analyst', { _csrf: await csrfOf('analyst'), otherDecision: 'yes' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#other"/);
    const unknown = await post('analyst', {
      _csrf: await csrfOf('analyst'),
      other: 'DP999',
      otherDecision: 'yes',
      'decision-DP091': 'yes',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /There is no proposal DP999/);
    assert.deepEqual(await followingRows(), before);
  });

  it('refuses a party user and a committee member (403), sends the public to sign in, and records nothing', async () => {
    const before = await followingRows();
    for (const viewer of ['partyUser', 'opsgMember']) {
      assert.equal((await web.app.inject({ url: FORM, cookies: cookiesOf(viewer) })).statusCode, 403, viewer);
      const res = await post(viewer, { _csrf: await csrfOf(viewer), other: 'DP091', otherDecision: 'yes' });
      assert.equal(res.statusCode, 403, viewer);
    }
    const anonymous = await web.app.inject({ url: FORM });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(FORM)}`);
    assert.equal(
      (await web.app.inject({ url: '/committees/OPSG/meetings/99/following', cookies: cookiesOf('analyst') }))
        .statusCode,
      404,
    );
    assert.deepEqual(await followingRows(), before);
  });
});

async function analystId(): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    database.db,
    "select id from users where email = 'analyst@example.com'",
  );
  return Number(row?.id);
}

describe('modgov follow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-follow-'));
  const pgUrl = process.env.DATABASE_URL;
  let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };
  const modgov = (args: string[]) => runModgov([...args, ...storage.args], storage.env);

  before(async () => {
    if (pgUrl) {
      const empty = await createEmptyPostgresDatabase(pgUrl);
      storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
    } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
    const run = await modgov(['import', FIXTURES.opsg]);
    assert.equal(run.code, 0, run.stderr);
  });
  after(async () => {
    await storage.drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the decision, on the meeting’s date unless given, and exits 0', async () => {
    const run = await modgov(['follow', '--committee', 'OPSG', '--meeting', '26', 'DP090']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'OPSG meeting 26: DP090 yes on 2019-11-05 (recorded).\n');
    const no = await modgov([
      'follow',
      '--committee',
      'OPSG',
      '--meeting',
      '26',
      'DP092',
      '--decision',
      'no',
      '--on',
      '2019-11-06',
    ]);
    assert.equal(no.code, 0, no.stderr);
    assert.equal(no.stdout, 'OPSG meeting 26: DP092 no on 2019-11-06 (recorded).\n');
  });

  it('bad input exits 2, naming the field', async () => {
    const cases: [string[], RegExp][] = [
      [['--decision', 'maybe', 'DP090'], /--decision/],
      [['DP999'], /<proposal>: There is no proposal DP999/],
      [['--meeting', '99', 'DP090'], /--meeting: There is no meeting 99/],
    ];
    for (const [args, message] of cases) {
      const full = ['follow', '--committee', 'OPSG', '--meeting', '26', ...args];
      const run = await modgov(full);
      assert.equal(run.code, 2, `${full.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });
});

describe('the updates section, composed on its own', () => {
  const wording = sec.papers.newProposalsSummary.followed;
  const proposal = (over: Partial<FollowedProposalFacts>): FollowedProposalFacts => ({
    reference: 'MP112',
    title: 'Alerts',
    classification: 'white',
    namesCommittee: false,
    events: [],
    ...over,
  });
  const compose = (followed: FollowedProposalFacts[], classification = 'white') =>
    composeFollowedUpdates(sec.register, wording, {
      paper: { classification, period: { from: '2020-03-01', to: '2020-03-31' } },
      committee: { ref: 'OPSG', name: 'Operations Group' },
      followed,
    });
  const event = (
    e: string,
    label: string,
    on: string,
    facts: Record<string, string> = {},
    by: string | null = null,
  ) => ({
    event: e,
    label,
    on,
    by,
    facts,
  });

  it('lists each event in the period in date order with its facts, in number order of the proposals', () => {
    const { section, notices } = compose([
      proposal({
        reference: 'MP127',
        title: 'Votes',
        events: [
          event(
            'change_board_vote',
            'Change Board vote',
            '2020-03-25',
            { outcome: 'deferred' },
            'Change Board',
          ),
          event('consultation_closed', 'Consultation closed', '2020-03-10', {
            consultation: 'modification_report',
          }),
        ],
      }),
      proposal({
        events: [
          event('working_group_meeting', 'Working Group meeting', '2020-02-28'),
          event('consultation_opened', 'Consultation issued', '2020-03-02', {
            consultation: 'refinement',
            closes: '2020-03-23',
          }),
          event('stage_declared', 'Entered in the register at this stage', '2020-03-03', {
            stage: 'refinement',
          }),
        ],
      }),
      proposal({ reference: 'MP150', events: [event('raised', 'Draft Proposal raised', '2020-04-01')] }),
    ]);
    assert.deepEqual(notices, []);
    assert.ok(section);
    assert.equal(section.title, UPDATES);
    assert.deepEqual(section.blocks.slice(1).flatMap(blockText), [
      "MP112 'Alerts'",
      'Consultation issued (Refinement Consultation, closes 23 March 2020) on 2 March 2020.',
      "MP127 'Votes'",
      'Consultation closed (Modification Report Consultation) on 10 March 2020.',
      'Change Board vote (outcome: deferred) by the Change Board on 25 March 2020.',
    ]);
  });

  it('is absent when nothing followed moved, and leaves out what the paper may not show, with a notice', () => {
    assert.deepEqual(compose([]), { section: null, notices: [] });
    assert.deepEqual(compose([proposal({ events: [event('raised', 'raised', '2020-02-01')] })]), {
      section: null,
      notices: [],
    });
    const moved = [event('withdrawn', 'Withdrawn', '2020-03-05')];
    const red = compose([proposal({ classification: 'red', namesCommittee: true, events: moved })], 'red');
    assert.equal(red.section, null);
    assert.deepEqual(
      red.notices.map((n) => [n.code, n.subject]),
      [['paper.classified_item_omitted', 'MP112']],
    );
    const above = compose([proposal({ classification: 'green', events: moved })]);
    assert.deepEqual(
      above.notices.map((n) => n.message),
      ['MP112 is classified Green, above this White paper: left out.'],
    );
    const amber = compose(
      [proposal({ classification: 'amber', namesCommittee: true, events: moved })],
      'amber',
    );
    assert.ok(amber.section);
  });
});

describe('the problem statement appendix, when the register holds versions', () => {
  const sections = (issue: string) => ({
    issue,
    impacts: `Impacts of ${issue}`,
    doNothing: '',
    context: 'Section D',
  });

  it('picks the version current at the date, agreed only if agreed by then', () => {
    const versions = [
      { version: 1, status: 'draft', writtenOn: '2019-10-10', agreedOn: null, sections: sections('one') },
      {
        version: 2,
        status: 'agreed',
        writtenOn: '2019-10-20',
        agreedOn: '2019-11-01',
        sections: sections('two'),
      },
    ];
    assert.equal(problemStatementVersionAsOf(versions, '2019-10-01'), null);
    assert.deepEqual(problemStatementVersionAsOf(versions, '2019-10-15')?.version, 1);
    assert.deepEqual(problemStatementVersionAsOf(versions, '2019-10-29'), {
      version: 2,
      status: 'draft',
      agreedOn: null,
      sections: sections('two'),
    });
    assert.equal(problemStatementVersionAsOf(versions, '2019-11-01')?.status, 'agreed');
  });

  it('the October paper attaches DP088’s version 1 (draft), not version 2 written after its date', async () => {
    const id = async (reference: string) =>
      (
        await database.db
          .select({ id: proposals.id })
          .from(proposals)
          .where(eq(proposals.reference, reference))
      )[0]?.id ?? 0;
    await database.db.insert(problemStatementVersions).values([
      {
        proposalId: await id('DP088'),
        version: 1,
        sections: sections('Zebra issue'),
        status: 'draft',
        writtenOn: '2019-10-10',
        writtenBy: 'test',
      },
      {
        proposalId: await id('DP088'),
        version: 2,
        sections: sections('Yak issue'),
        status: 'agreed',
        writtenOn: '2019-11-01',
        writtenBy: 'test',
        agreedOn: '2019-11-02',
      },
      {
        proposalId: await id('DP089'),
        version: 1,
        sections: sections('Walrus issue'),
        status: 'agreed',
        writtenOn: '2019-10-09',
        writtenBy: 'test',
        agreedOn: '2019-10-28',
      },
    ]);
    const { paper } = await composePaper(deps(), { reference: 'OPSG_26_0511_16' });
    const [a, b, c] = paper.appendices;
    assert.equal(a?.title, 'DP088 problem statement version 1 (draft)');
    assert.deepEqual(a?.blocks?.flatMap(blockText), [
      'The issue',
      'Zebra issue',
      'The impacts',
      'Impacts of Zebra issue',
      'Context within the SEC',
      'Section D',
    ]);
    assert.equal(b?.title, 'DP089 problem statement version 1 (agreed on 28 October 2019)');
    assert.equal(c?.title, 'DP090 draft problem statement', 'no versions: as before');
    const text = renderText(paper);
    assert.ok(!text.includes('Yak issue'));
    assert.ok(text.includes('Appendix A: DP088 problem statement version 1 (draft)'), text);
    assert.ok(text.includes('The agreed problem statement can be found in Appendix B.'));
    assert.ok(
      text.includes(
        'The draft problem statement containing the information provided by the Proposer can be found in Appendix A.',
      ),
    );
  });
});
