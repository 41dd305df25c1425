import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readRegisterFile } from '../src/app/interchange/read-register-file.ts';

test('the published JSON Schema in docs/ is the one the importer uses', () => {
  const used = readFileSync(
    new URL('../src/domain/interchange/modgov-v1.schema.json', import.meta.url),
    'utf8',
  );
  const published = readFileSync(new URL('../docs/modgov-v1.schema.json', import.meta.url), 'utf8');
  assert.equal(published, used, 'copy src/domain/interchange/modgov-v1.schema.json to docs/');
});

test('the schema knows the committee engagement records: an unknown field, a bad status or date is named with its line', () => {
  const lines = [
    'format: modgov/v1',
    'code: { id: SEC, name: Smart Energy Code }',
    'meetings:',
    '  - committee: OPSG',
    '    number: 26',
    '    date: 2019-11-05',
    '    outcomes: [{ item: 16, outcome: noted }]',
    '    actions: [{ text: Circulate the list, due: 2019-11-31 }]',
    'proposals:',
    '  - id: DP090',
    '    title: Alerts',
    '    proposer: emslie-law',
    '    raised: 2019-10-16',
    '    stage: development',
    '    problemStatementVersions:',
    '      - { version: 1, on: 2019-10-20, status: approved, sections: { issue: I } }',
    '    views:',
    '      - { committee: OPSG, on: 2019-11-05, source: meeting, meeting: 26, author: OPSG, text: Yes., mood: glad }',
    '    following: [{ committee: OPSG, decision: "yes", on: 2019-11-05, meeting: 26 }]',
  ];
  const file = readRegisterFile('engagement.yaml', `${lines.join('\n')}\n`);
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(
    file.issues.map((i) => [i.path, i.line]).sort(),
    [
      ['meetings[0].actions[0].due', lineOf('2019-11-31')],
      ['proposals[0].problemStatementVersions[0].status', lineOf('approved')],
      ['proposals[0].views[0].mood', lineOf('mood')],
    ].sort(),
  );
  assert.match(file.issues.find((i) => i.path.endsWith('mood'))?.message ?? '', /unknown field "mood"/);
});
