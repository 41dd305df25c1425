import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { exportRegister } from '../src/app/export-register.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import { createTestDatabase } from './support/db.ts';
import { queryRows } from './support/sql.ts';
import { fixtureFile, FIXTURES } from './support/fixtures.ts';

let database: Database;
const deps = () => ({ db: database.db, rules: sec });
const count = async (table: string) => {
  const [row] = await queryRows<{ n: number }>(database.db, `select count(*)::int as n from ${table}`);
  return row?.n ?? 0;
};
const stages = async () => {
  const rows = await queryRows<{ reference: string; stage: string }>(
    database.db,
    'select reference, stage from proposals order by number, reference',
  );
  return Object.fromEntries(rows.map((x) => [x.reference, x.stage]));
};

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

describe('importing modgov/v1', () => {
  test('the examples are the shared fixtures, unchanged', () => {
    const shared = '../shared/fixtures';
    for (const [which, path] of Object.entries(FIXTURES)) {
      const name = path.split('/').pop() ?? '';
      if (existsSync(`${shared}/${name}`))
        assert.equal(readFileSync(path, 'utf8'), readFileSync(`${shared}/${name}`, 'utf8'), which);
    }
  });

  test('both fixture files import, and the stages follow from stage or history', async () => {
    const result = await importRegister(deps(), { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] });
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
    assert.deepEqual(await stages(), {
      DP088: 'development',
      DP089: 'development',
      DP090: 'development',
      DP091: 'development',
      DP092: 'development',
      DP093: 'development',
      MP112: 'implemented',
      MP127: 'implemented',
    });
    assert.equal(await count('proposal_events'), 6 + 7 + 8);
    assert.equal(await count('papers'), 1);
  });

  test('importing the same files again leaves one copy of everything', async () => {
    const before = await exportRegister(deps(), { format: 'yaml' });
    const counts = await Promise.all(
      [
        'organisations',
        'people',
        'committees',
        'proposals',
        'proposal_events',
        'proposal_impacts',
        'papers',
      ].map(count),
    );
    const again = await importRegister(deps(), { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] });
    assert.ok(again.ok);
    assert.deepEqual(
      await Promise.all(
        [
          'organisations',
          'people',
          'committees',
          'proposals',
          'proposal_events',
          'proposal_impacts',
          'papers',
        ].map(count),
      ),
      counts,
    );
    assert.equal(await exportRegister(deps(), { format: 'yaml' }), before);
  });

  test('a person defined in two files keeps the fields either gives', async () => {
    const rows = await queryRows(
      database.db,
      `select team, kind from people where slug in ('bradley-baker', 'sec-change') order by slug`,
    );
    assert.deepEqual(rows, [
      { team: 'SECAS Team', kind: null },
      { team: null, kind: 'team' },
    ]);
  });

  test('a file with three mistakes is refused with all three, with lines, and nothing changes', async () => {
    const before = await exportRegister(deps(), { format: 'yaml' });
    const text = fixtureFile('opsg')
      .text.replace(
        '{ id: emslie-law, name: Emslie Law, organisation: sse }',
        '{ id: emslie-law, name: Emslie Law, organisation: no-such-org }',
      )
      .replace('raised: 2019-10-16', 'raised: 2019-02-30')
      .replace(
        '    title: New Planned Maintenance Methodology\n',
        '    title: New Planned Maintenance Methodology\n    colour: blue\n',
      )
      .replace(
        '    title: Power to raise modifications\n',
        '    title: Power to raise modifications (changed)\n',
      );
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const result = await importRegister(deps(), { files: [{ name: 'three-mistakes.yaml', text }] });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.errors.map((e) => [e.line, e.path]),
      [
        [lineOf('no-such-org'), 'people[2].organisation'],
        [lineOf('2019-02-30'), 'proposals[2].raised'],
        [lineOf('colour: blue'), 'proposals[4].colour'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const messages = result.errors.map(formatIssue).join('\n');
    assert.match(
      messages,
      /three-mistakes\.yaml:\d+:\d+: people\[2\]\.organisation: unknown organisation "no-such-org"/,
    );
    assert.match(messages, /"2019-02-30" is not a valid date/);
    assert.match(messages, /unknown field "colour"/);
    assert.equal(await exportRegister(deps(), { format: 'yaml' }), before, 'the register is unchanged');
  });

  test('duplicate identifiers, unknown committees and releases, and a bad JSON file are all reported in one pass', async () => {
    const yaml = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - { id: DP500, title: One, proposer: mari-toda, raised: 2020-01-01, stage: development }
  - { id: DP500, title: Two, proposer: mari-toda, raised: 2020-01-02, stage: development }
  - id: MP501
    title: Three
    proposer: mari-toda
    raised: 2020-01-01
    path: self_governance
    impacts: { NOPE: text }
    history:
      - { on: 2020-01-01, event: raised }
      - { on: 2020-02-01, event: converted, by: GHOST }
      - { on: 2020-03-01, event: implemented, release: 2099-01 }
`;
    const json = '{ "format": "modgov/v1", "code": { "id": "SEC" ';
    const result = await importRegister(deps(), {
      files: [
        { name: 'a.yaml', text: yaml },
        { name: 'b.json', text: json },
      ],
    });
    assert.equal(result.ok, false);
    if (result.ok) return;
    const text = result.errors.map(formatIssue).join('\n');
    assert.match(text, /a\.yaml:5:\d+: proposals\[1\]\.id: duplicate id "DP500"/);
    assert.match(text, /a\.yaml:11:\d+: proposals\[2\]\.impacts\.NOPE: unknown committee "NOPE"/);
    assert.match(text, /a\.yaml:14:\d+: proposals\[2\]\.history\[1\]\.by: unknown committee "GHOST"/);
    assert.match(text, /a\.yaml:15:\d+: proposals\[2\]\.history\[2\]\.release: unknown release "2099-01"/);
    assert.match(text, /b\.json:1:\d+: not valid JSON/);
    assert.equal(await count('proposals'), 8);
  });

  test('a stage that disagrees with the history is refused, naming both', async () => {
    const yaml = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: MP600
    title: Disagreeing
    proposer: mari-toda
    raised: 2020-01-01
    stage: refinement
    path: self_governance
    history:
      - { on: 2020-01-01, event: raised }
      - { on: 2020-02-01, event: converted, by: CSC }
`;
    const result = await importRegister(deps(), { files: [{ name: 'x.yaml', text: yaml }] });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.map(formatIssue), [
      'x.yaml:8:12: proposals[0].stage: the stage "refinement" disagrees with the history, which leads to "modification_proposal"',
    ]);
  });

  test('a history with a Change Board vote on an unconverted Draft Proposal is refused at that event, and nothing is stored', async () => {
    const before = await exportRegister(deps(), { format: 'yaml' });
    const yaml = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP700
    title: Voted too early
    proposer: mari-toda
    raised: 2020-01-01
    path: self_governance
    history:
      - { on: 2020-01-01, event: raised }
      - { on: 2020-02-01, event: change_board_vote, by: CB, outcome: approve }
`;
    const result = await importRegister(deps(), { files: [{ name: 'early.yaml', text: yaml }] });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.map(formatIssue), [
      'early.yaml:11:9: proposals[0].history[1]: "change_board_vote" cannot happen in the stage "Development (Draft Proposal)"; allowed now: stage_declared, converted, withdrawn',
    ]);
    assert.equal(await exportRegister(deps(), { format: 'yaml' }), before);
  });

  test('a proposal given by its stage records its raising on the raised date', async () => {
    const rows = await queryRows(
      database.db,
      `select e.event, e.on::text as on from proposal_events e join proposals p on p.id = e.proposal_id where p.reference = 'DP090'`,
    );
    assert.deepEqual(rows, [{ event: 'raised', on: '2019-10-16' }]);
  });

  test('a Draft Proposal in a later file finds its Modification Proposal by number', async () => {
    const yaml = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - { id: MP090, title: Incorporation of Non GBCS Non-Mandated Alerts into the SEC, proposer: emslie-law, raised: 2019-10-16, path: self_governance,
      history: [ { on: 2019-10-16, event: raised }, { on: 2019-12-04, event: converted, by: CSC } ] }
`;
    const result = await importRegister(deps(), { files: [{ name: 'mp090.yaml', text: yaml }] });
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
    const s = await stages();
    assert.equal(s.MP090, 'modification_proposal');
    assert.equal(s.DP090, undefined);
    assert.equal(await count('proposals'), 8);
  });
});
