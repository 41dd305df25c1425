// Issue 7's committee engagement records in the modgov/v1 interchange. The register: the web seed (the October 2019
// OPSG fixture, the lifecycle examples, DP094 Green, MP095 Amber, DP096), then, through the use cases themselves,
// DP090's problem statement in three versions (the third agreed by the Change Sub-Committee), four views (one given
// at OPSG meeting 26 against the paper OPSG_26_0511_16, one sent by e-mail and classified Amber, one sent in by an
// OPSG member, and one on DP092), OPSG's following decisions on DP090 and DP092, and meeting 26's outcomes and
// actions (one owned by a user, one by a name and done). Export, import into an empty database, export again: the
// same bytes. Re-importing changes nothing; a view left out of the file is removed; a bad file is refused naming
// file, line and field; the export for the public holds no Amber view, the export for OPSG's member does.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { addMeetingAction } from '../src/app/add-meeting-action.ts';
import { addUser } from '../src/app/add-user.ts';
import { agreeProblemStatement } from '../src/app/agree-problem-statement.ts';
import { completeMeetingAction } from '../src/app/complete-meeting-action.ts';
import { buildRegisterDocument, exportRegister } from '../src/app/export-register.ts';
import { getViewer } from '../src/app/get-viewer.ts';
import { importRegister } from '../src/app/import-register.ts';
import { recordAgendaOutcome } from '../src/app/record-agenda-outcome.ts';
import { recordFollowing } from '../src/app/record-following.ts';
import { recordView } from '../src/app/record-view.ts';
import { submitView } from '../src/app/submit-view.ts';
import { writeProblemStatementVersion } from '../src/app/write-problem-statement-version.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import type { V1Register } from '../src/domain/interchange/modgov-v1.models.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';

const TODAY = '2019-11-30';
const PAPER = 'OPSG_26_0511_16';
const AMBER_TEXT = 'Our systems already filter two of these Alerts; the list is commercially sensitive.';
const MEMBER_TEXT = 'The Operations Group would like the Alerts documented in Appendix AB.';

const open: Database[] = [];
let source: Database;
let memberId = 0;
let analystId = 0;
after(async () => Promise.all(open.map((d) => d.close())));

async function fresh(): Promise<Database> {
  const database = await createTestDatabase();
  open.push(database);
  return database;
}
const deps = (database: Database) => ({ db: database.db, rules: sec, today: () => TODAY });
const exportYaml = (database: Database) => exportRegister(deps(database), { format: 'yaml' });

async function importText(database: Database, name: string, text: string) {
  return importRegister({ db: database.db, rules: sec }, { files: [{ name, text }] });
}
async function importClean(database: Database, name: string, text: string) {
  const result = await importText(database, name, text);
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
  return result.counts;
}

const countAudit = async (database: Database) =>
  Number((await queryRows<{ n: number }>(database.db, 'select count(*)::int as n from audit_events'))[0]?.n);
const viewRows = (database: Database) =>
  queryRows<{ id: number; author_user_id: number | null; author_name: string | null; text: string }>(
    database.db,
    'select id, author_user_id, author_name, text from committee_views order by id',
  );
const actionRows = (database: Database) =>
  queryRows<{ id: number; owner_user_id: number | null; owner_name: string | null; text: string }>(
    database.db,
    'select id, owner_user_id, owner_name, text from meeting_actions order by id',
  );
const versionRows = (database: Database) =>
  queryRows<{ id: number; version: number; written_by: string }>(
    database.db,
    'select id, version, written_by from problem_statement_versions order by id',
  );

before(async () => {
  source = await fresh();
  await seedWebRegister(source.db);
  const d = deps(source);
  analystId = (
    await addUser(d, {
      email: 'analyst@example.com',
      name: 'Alison Analyst',
      roles: [{ role: 'analyst' }],
      actor: 'test',
    })
  ).id;
  memberId = (
    await addUser(d, {
      email: 'opsg-member@example.com',
      name: 'Olive Member',
      roles: [{ role: 'committee_member', committee: 'OPSG' }],
      actor: 'test',
    })
  ).id;
  await addUser(d, {
    email: 'british-gas@example.com',
    name: 'Simon Party',
    person: 'simon-trivella',
    roles: [{ role: 'party_user' }],
    actor: 'test',
  });

  const sections = (n: number) => ({
    issue: `DCC Users receive Alerts they cannot recognise (version ${n}).`,
    impacts: 'Users monitor and define these Alerts by hand.',
    doNothing: 'The inefficient working practice continues.',
    context: 'Schedule 8 does not define these Alerts.',
  });
  for (const [n, on] of [
    [1, '2019-10-20'],
    [2, '2019-10-28'],
    [3, '2019-11-10'],
  ] as const)
    await writeProblemStatementVersion(d, {
      reference: 'DP090',
      sections: sections(n),
      on,
      by: { actor: 'cli' },
    });
  await agreeProblemStatement(d, { reference: 'DP090', version: 3, on: '2019-11-12', by: { actor: 'cli' } });

  // at the meeting, against the paper (its item, 16; the version current on the paper's day, 2)
  await recordView(d, {
    reference: 'DP090',
    committee: 'OPSG',
    meeting: 26,
    paper: PAPER,
    author: 'Operations Group',
    text: 'Members support migrating the Alerts into the SEC.',
    by: 'cli',
  });
  await recordView(d, {
    reference: 'DP090',
    committee: 'OPSG',
    source: 'email',
    author: 'Jane Smith (British Gas)',
    on: '2019-11-15',
    classification: 'amber',
    text: AMBER_TEXT,
    by: 'cli',
  });
  await submitView(d, {
    user: {
      id: memberId,
      name: 'Olive Member',
      personId: null,
      organisationId: null,
      roles: [{ role: 'committee_member', committee: 'OPSG' }],
    },
    reference: 'DP090',
    committee: 'OPSG',
    text: MEMBER_TEXT,
  });
  await recordView(d, {
    reference: 'DP092',
    committee: 'OPSG',
    meeting: 26,
    item: 16,
    author: 'Operations Group',
    text: 'Members asked the DCC to report on the trial.',
    by: 'cli',
  });

  await recordFollowing(d, {
    committee: 'OPSG',
    meeting: 26,
    proposal: 'DP090',
    decision: 'yes',
    actor: 'analyst',
  });
  await recordFollowing(d, {
    committee: 'OPSG',
    meeting: 26,
    proposal: 'DP092',
    decision: 'undecided',
    actor: 'analyst',
  });

  await recordAgendaOutcome(d, {
    committee: 'OPSG',
    meeting: 26,
    item: 16,
    outcome: 'noted',
    notes: 'Members noted the new Draft Proposals.',
    actor: 'analyst',
  });
  await recordAgendaOutcome(d, {
    committee: 'OPSG',
    meeting: 26,
    item: 17,
    outcome: 'deferred',
    actor: 'analyst',
  });
  await addMeetingAction(d, {
    committee: 'OPSG',
    meeting: 26,
    item: 16,
    text: 'Circulate the revised alert list to members',
    owner: 'analyst@example.com',
    dueOn: '2019-11-26',
    actor: 'analyst',
  });
  const done = await addMeetingAction(d, {
    committee: 'OPSG',
    meeting: 26,
    text: 'Ask the DCC for its trial report',
    owner: 'Bradley Baker',
    actor: 'analyst',
  });
  await completeMeetingAction(d, { id: done.id, on: '2019-11-20', actor: 'analyst' });
});

describe('committee engagement in modgov/v1', () => {
  let exported = '';

  it('exports every record, in order, as the register holds it', async () => {
    exported = await exportYaml(source);
    const doc = parse(exported) as V1Register;
    const dp090 = doc.proposals?.find((p) => p.id === 'DP090');
    assert.deepEqual(
      dp090?.problemStatementVersions?.map((v) => [v.version, v.on, v.status, v.agreedOn, v.agreedBy]),
      [
        [1, '2019-10-20', 'draft', undefined, undefined],
        [2, '2019-10-28', 'draft', undefined, undefined],
        [3, '2019-11-10', 'agreed', '2019-11-12', 'CSC'],
      ],
    );
    assert.equal(
      dp090?.problemStatementVersions?.[2]?.sections.issue,
      'DCC Users receive Alerts they cannot recognise (version 3).',
    );
    assert.deepEqual(dp090?.views, [
      {
        committee: 'OPSG',
        on: '2019-11-05',
        source: 'meeting',
        author: 'Operations Group',
        classification: 'white',
        text: 'Members support migrating the Alerts into the SEC.',
        version: 2,
        meeting: 26,
        paper: PAPER,
        item: 16,
      },
      {
        committee: 'OPSG',
        on: '2019-11-15',
        source: 'email',
        author: 'Jane Smith (British Gas)',
        classification: 'amber',
        text: AMBER_TEXT,
        version: 3,
      },
      {
        committee: 'OPSG',
        on: TODAY,
        source: 'member',
        author: 'Olive Member',
        classification: 'white',
        text: MEMBER_TEXT,
        version: 3,
      },
    ]);
    assert.deepEqual(dp090?.following, [
      { committee: 'OPSG', decision: 'yes', on: '2019-11-05', meeting: 26 },
    ]);
    const dp092 = doc.proposals?.find((p) => p.id === 'DP092');
    assert.deepEqual(dp092?.following, [
      { committee: 'OPSG', decision: 'undecided', on: '2019-11-05', meeting: 26 },
    ]);
    assert.equal(dp092?.views?.length, 1);
    assert.equal(dp092?.problemStatementVersions, undefined, 'a proposal without versions has no such list');
    const meeting = doc.meetings?.find((m) => m.committee === 'OPSG' && m.number === 26);
    assert.deepEqual(meeting, {
      committee: 'OPSG',
      number: 26,
      date: '2019-11-05',
      outcomes: [
        { item: 16, outcome: 'noted', notes: 'Members noted the new Draft Proposals.' },
        { item: 17, outcome: 'deferred' },
      ],
      actions: [
        { text: 'Ask the DCC for its trial report', owner: 'Bradley Baker', done: '2019-11-20' },
        {
          item: 16,
          text: 'Circulate the revised alert list to members',
          owner: 'Alison Analyst',
          due: '2019-11-26',
        },
      ],
    });
  });

  it('import into an empty database, then export again: the same bytes, in YAML and in JSON', async () => {
    const copy = await fresh();
    const counts = await importClean(copy, 'export.yaml', exported);
    assert.deepEqual(
      [counts.problemStatementVersions, counts.views, counts.following, counts.outcomes, counts.actions],
      [3, 4, 2, 2, 2],
    );
    assert.equal(await exportYaml(copy), exported);
    const json = await exportRegister(deps(source), { format: 'json' });
    const fromJson = await fresh();
    await importClean(fromJson, 'export.json', json);
    assert.equal(await exportRegister(deps(fromJson), { format: 'json' }), json);
    // what the import added names its authors and owners, and says it wrote the versions
    assert.deepEqual(
      (await viewRows(copy)).map((v) => [v.author_user_id, v.author_name]),
      [
        [null, 'Operations Group'],
        [null, 'Jane Smith (British Gas)'],
        [null, 'Olive Member'],
        [null, 'Operations Group'],
      ],
    );
    assert.deepEqual(
      (await versionRows(copy)).map((v) => v.written_by),
      ['import', 'import', 'import'],
    );
  });

  it('re-importing the export changes nothing: the same ids, the same user links, no audit record', async () => {
    const views = await viewRows(source);
    const actions = await actionRows(source);
    const versions = await versionRows(source);
    assert.ok(
      views.some((v) => v.author_user_id === memberId),
      'the member view is linked to its user',
    );
    assert.ok(
      actions.some((a) => a.owner_user_id === analystId),
      'the action is linked to its owner',
    );
    const audit = await countAudit(source);
    await importClean(source, 'export.yaml', exported);
    assert.deepEqual(await viewRows(source), views);
    assert.deepEqual(await actionRows(source), actions);
    assert.deepEqual(await versionRows(source), versions);
    assert.equal(await countAudit(source), audit, 'no audit record for an import that changes nothing');
    assert.equal(await exportYaml(source), exported);
  });

  it('a view the file no longer has is removed, audited on the view, and the others keep their ids', async () => {
    const copy = await fresh();
    await importClean(copy, 'export.yaml', exported);
    const before = await viewRows(copy);
    const doc = parse(exported) as V1Register;
    const dp090 = doc.proposals?.find((p) => p.id === 'DP090');
    assert.ok(dp090?.views);
    dp090.views = dp090.views.filter((v) => v.text !== AMBER_TEXT);
    const audit = await countAudit(copy);
    await importClean(copy, 'without-amber.yaml', stringify(doc, { lineWidth: 0 }));

    const removed = before.find((v) => v.text === AMBER_TEXT);
    assert.ok(removed);
    assert.deepEqual(
      await viewRows(copy),
      before.filter((v) => v.id !== removed.id),
    );
    assert.equal(await countAudit(copy), audit + 1, 'one audit record: the view removed');
    const [record] = await queryRows<{
      action: string;
      subject_type: string;
      subject_id: string;
      after: unknown;
    }>(copy.db, 'select action, subject_type, subject_id, after from audit_events order by id desc limit 1');
    assert.deepEqual(record, {
      action: 'view.imported',
      subject_type: 'committee_view',
      subject_id: String(removed.id),
      after: null,
    });
    // the proposal's change history, which anyone who may see DP090 reads, never holds an Amber view's text
    const onProposal = await queryRows<{ n: number }>(
      copy.db,
      `select count(*)::int as n from audit_events where subject_type = 'proposal' and (before::text like '%commercially sensitive%' or after::text like '%commercially sensitive%')`,
    );
    assert.equal(onProposal[0]?.n, 0);
    assert.ok(!(await exportYaml(copy)).includes(AMBER_TEXT));
  });

  it('a list the file leaves out keeps what the register holds', async () => {
    const copy = await fresh();
    await importClean(copy, 'export.yaml', exported);
    const doc = parse(exported) as V1Register;
    for (const p of doc.proposals ?? []) {
      delete p.views;
      delete p.problemStatementVersions;
      delete p.following;
    }
    for (const m of doc.meetings ?? []) {
      delete m.outcomes;
      delete m.actions;
    }
    const audit = await countAudit(copy);
    await importClean(copy, 'bare.yaml', stringify(doc, { lineWidth: 0 }));
    assert.equal(await countAudit(copy), audit);
    assert.equal(await exportYaml(copy), exported);
  });

  it('a bad file is refused, each problem naming file, line and field, and nothing is stored', async () => {
    const lines = [
      'format: modgov/v1',
      'code: { id: SEC, name: Smart Energy Code }',
      'proposals:',
      '  - id: DP092',
      '    title: New Planned Maintenance Methodology',
      '    proposer: chris-thompson',
      '    raised: 2019-10-23',
      '    stage: development',
      '    problemStatementVersions:',
      '      - { version: 1, on: 2019-10-24, status: draft, sections: { issue: I, impacts: M, doNothing: D, context: C } }',
      '      - { version: 3, on: 2019-10-25, status: draft, sections: { issue: I, impacts: M, doNothing: D, context: C } }',
      '    views:',
      '      - { committee: NOPE, on: 2019-11-05, source: email, author: Someone, text: A view. }',
      '      - { committee: OPSG, on: 2019-11-05, source: email, author: Someone, text: A secret., classification: red }',
      '    following:',
      '      - { committee: OPSG, decision: perhaps, on: 2019-11-05, meeting: 26 }',
    ];
    const text = `${lines.join('\n')}\n`;
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const views = await viewRows(source);
    const versions = await versionRows(source);
    const audit = await countAudit(source);

    const result = await importText(source, 'bad.yaml', text);
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    const found = (path: string) => errors.find((e) => e.path === path);
    const expectations: [string, number, RegExp][] = [
      ['proposals[0].problemStatementVersions[1].version', lineOf('version: 3'), /version 2 is missing/],
      ['proposals[0].views[0].committee', lineOf('committee: NOPE'), /unknown committee "NOPE"/],
      [
        'proposals[0].views[1].classification',
        lineOf('classification: red'),
        /red view could be read by no one/,
      ],
      [
        'proposals[0].following[0].decision',
        lineOf('decision: perhaps'),
        /"perhaps" is not a following decision/,
      ],
    ];
    for (const [path, line, message] of expectations) {
      const issue = found(path);
      assert.ok(issue, `${path} is named: ${errors.map(formatIssue).join('\n')}`);
      assert.equal(issue.file, 'bad.yaml');
      assert.equal(issue.line, line, path);
      assert.match(issue.message, message);
    }
    assert.equal(errors.length, expectations.length, errors.map(formatIssue).join('\n'));
    assert.deepEqual(await viewRows(source), views);
    assert.deepEqual(await versionRows(source), versions);
    assert.equal(await countAudit(source), audit);
  });

  it('the checks follow the use cases: agreement, dates, meetings, papers and items', async () => {
    const file = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
meetings:
  - committee: OPSG
    number: 26
    date: 2019-11-05
    outcomes:
      - { item: 16, outcome: noted }
      - { item: 16, outcome: adopted }
    actions:
      - { text: Too early, due: 2019-11-01 }
      - { item: 1000, text: Too far }
proposals:
  - id: DP092
    title: New Planned Maintenance Methodology
    proposer: chris-thompson
    raised: 2019-10-23
    stage: development
    problemStatementVersions:
      - { version: 1, on: 2019-10-24, status: agreed, sections: { issue: I, impacts: M, doNothing: D, context: C } }
      - { version: 2, on: 2019-10-22, status: draft, agreedOn: 2019-10-30, sections: { issue: I, impacts: M } }
    views:
      - { committee: OPSG, on: 2019-10-01, source: meeting, author: OPSG, text: Early and without its meeting. }
      - { committee: OPSG, on: 2019-11-05, source: email, author: OPSG, text: Wrong version., version: 7 }
      - { committee: CSC, on: 2019-11-05, source: email, author: CSC, text: Wrong paper., paper: ${PAPER} }
      - { committee: OPSG, on: 2019-11-05, source: letter, author: OPSG, text: Unknown source. }
      - { committee: OPSG, on: 2019-11-05, source: meeting, meeting: 99, author: OPSG, text: No such meeting. }
    following:
      - { committee: OPSG, decision: "yes", on: 2019-11-05 }
      - { committee: OPSG, decision: "no", on: 2019-11-06 }
`;
    const result = await importText(source, 'rules.yaml', file);
    assert.equal(result.ok, false);
    const got = (result.ok ? [] : result.errors).map((e) => `${e.path}: ${e.message}`);
    const expected: [string, RegExp][] = [
      ['meetings[0].outcomes[1].item', /item 16 again/],
      ['meetings[0].outcomes[1].outcome', /"adopted" is not a meeting outcome/],
      ['meetings[0].actions[0].due', /due on 2019-11-01, before the meeting \(2019-11-05\)/],
      ['meetings[0].actions[1].item', /from 1 to 999, not 1000/],
      ['proposals[0].problemStatementVersions[0].status', /give the day it was agreed as agreedOn/],
      ['proposals[0].problemStatementVersions[1].on', /before version 1/],
      ['proposals[0].problemStatementVersions[1].agreedOn', /a draft version has no agreedOn/],
      ['proposals[0].problemStatementVersions[1].sections', /"doNothing" is empty/],
      ['proposals[0].views[0].on', /before DP092 was raised/],
      ['proposals[0].views[0].source', /names the meeting/],
      ['proposals[0].views[1].version', /no problem statement version 7: its versions are 1, 2/],
      ['proposals[0].views[2].paper', /OPSG_26_0511_16 is a paper for the OPSG, not the CSC/],
      ['proposals[0].views[3].source', /"letter" is not a view source/],
      ['proposals[0].views[4].meeting', /OPSG has no meeting 99/],
      ['proposals[0].following[1].committee', /the OPSG again/],
    ];
    for (const [path, message] of expected)
      assert.ok(
        got.some((g) => g.startsWith(`${path}: `) && message.test(g)),
        `${path} ${String(message)} in:\n${got.join('\n')}`,
      );
  });

  it('a conversion needs the agreed problem statement its versions give; a decision cannot predate its meeting', async () => {
    const file = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: MP092
    title: New Planned Maintenance Methodology
    proposer: chris-thompson
    raised: 2019-10-23
    history:
      - { on: 2019-10-23, event: raised }
      - { on: 2019-11-20, event: converted, by: CSC }
    problemStatementVersions:
      - { version: 1, on: 2019-10-24, status: draft, sections: { issue: I, impacts: M, doNothing: D, context: C } }
    following:
      - { committee: OPSG, decision: "yes", meeting: 26, on: 2019-11-04 }
`;
    const target = await fresh();
    await seedWebRegister(target.db);
    const result = await importText(target, 'guard.yaml', file);
    assert.equal(result.ok, false);
    const got = (result.ok ? [] : result.errors).map((e) => `${e.path}: ${e.message}`);
    for (const [path, message] of [
      ['proposals[0].history[1]', /has not agreed its problem statement \(version 1 is a draft\)/],
      ['proposals[0].following[0].on', /decided on 2019-11-04, before meeting 26 \(2019-11-05\)/],
    ] as const)
      assert.ok(
        got.some((g) => g.startsWith(`${path}: `) && message.test(g)),
        `${path} ${String(message)} in:\n${got.join('\n')}`,
      );
    // agreed before the conversion, it imports
    const agreed = file
      .replace('status: draft,', 'status: agreed, agreedOn: 2019-11-13, agreedBy: CSC,')
      .replace('on: 2019-11-04 }', 'on: 2019-11-05 }');
    const ok = await importText(target, 'guard.yaml', agreed);
    assert.ok(ok.ok, ok.ok ? '' : ok.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  });

  it('the example in docs/INTERCHANGE.md imports', async () => {
    const doc = readFileSync(new URL('../docs/INTERCHANGE.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example, 'the example is there');
    const copy = await fresh();
    await seedWebRegister(copy.db);
    const counts = await importClean(copy, 'INTERCHANGE.md', example);
    assert.deepEqual(
      [counts.problemStatementVersions, counts.views, counts.following, counts.outcomes, counts.actions],
      [2, 2, 1, 1, 1],
    );
    const out = parse(await exportYaml(copy)) as V1Register;
    const dp090 = out.proposals?.find((p) => p.id === 'DP090');
    assert.deepEqual(
      dp090?.problemStatementVersions?.map((v) => v.status),
      ['draft', 'agreed'],
    );
    assert.equal(dp090?.views?.[1]?.classification, 'amber');
  });

  it('an export for the public holds no Amber view; one for a member of the committee does', async () => {
    const as = async (who: string) =>
      buildRegisterDocument(deps(source), { viewer: await getViewer({ db: source.db }, { as: who }) });
    const viewsOf = (doc: V1Register) => doc.proposals?.find((p) => p.id === 'DP090')?.views ?? [];

    const publicDoc = await as('public');
    assert.ok(!JSON.stringify(publicDoc).includes(AMBER_TEXT), 'no Amber text for the public');
    assert.deepEqual(
      viewsOf(publicDoc).map((v) => v.source),
      ['meeting', 'member'],
    );
    // the White records of what the public may see are there
    assert.equal(publicDoc.proposals?.find((p) => p.id === 'DP090')?.problemStatementVersions?.length, 3);
    assert.equal(publicDoc.meetings?.find((m) => m.number === 26)?.actions?.length, 2);
    // Green and Amber proposals, and so their records, are not
    assert.equal(
      publicDoc.proposals?.find((p) => p.id === 'MP095'),
      undefined,
    );

    const party = await as('british-gas@example.com');
    assert.ok(!JSON.stringify(party).includes(AMBER_TEXT), 'not for another organisation');

    const member = await as('opsg-member@example.com');
    assert.deepEqual(
      viewsOf(member).map((v) => v.source),
      ['meeting', 'email', 'member'],
    );
    assert.equal(viewsOf(member)[1]?.text, AMBER_TEXT);
    const staff = await as('analyst@example.com');
    assert.equal(viewsOf(staff)[1]?.text, AMBER_TEXT);

    // what the public export holds imports elsewhere
    const elsewhere = await fresh();
    await importClean(elsewhere, 'public.yaml', stringify(publicDoc, { lineWidth: 0 }));
  });

  it('the modgov command imports them, prints their counts, and exports them for the public without the Amber view', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modgov-engagement-'));
    const pgUrl = process.env.DATABASE_URL;
    const empty = pgUrl ? await createEmptyPostgresDatabase(pgUrl) : null;
    const storage = empty
      ? { args: [], env: { DATABASE_URL: empty.url } }
      : { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
    try {
      const file = join(dir, 'register.yaml');
      writeFileSync(file, exported);
      const run = await runModgov(['import', ...storage.args, file], storage.env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(
        run.stdout,
        /Committee engagement: 3 problem statement versions, 4 views, 2 following decisions, 2 meeting outcomes, 2 meeting actions\./,
      );
      const whole = await runModgov(['export', ...storage.args], storage.env);
      assert.equal(whole.code, 0, whole.stderr);
      assert.equal(whole.stdout, exported);
      const forPublic = await runModgov(['export', ...storage.args, '--as', 'public'], storage.env);
      assert.equal(forPublic.code, 0, forPublic.stderr);
      assert.ok(forPublic.stdout.includes(MEMBER_TEXT), 'the White views are there');
      assert.ok(!forPublic.stdout.includes(AMBER_TEXT), 'the Amber view is not');
    } finally {
      await empty?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
