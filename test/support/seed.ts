// Registers for the web tests, loaded through the real importer: the two shared fixtures, plus proposals
// the public must not see (Green, Amber) and one whose summary carries an XSS payload.
import type { Db } from '../../src/db/connect.ts';
import { importRegister } from '../../src/app/import-register.ts';
import { sec } from '../../src/codes/sec/index.ts';
import { fixtureFile } from './fixtures.ts';

const HEADER = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
`;

export const XSS_SUMMARY = [
  'Before <script>alert("xss")</script> after.',
  '',
  '<img src=x onerror="alert(1)">',
  '',
  '[a link](javascript:alert(1)) and [a good link](https://smartenergycodecompany.co.uk/)',
  '',
  '- first point',
  '- second point',
].join('\n');

/** Proposals beside the fixtures: DP094 Green, MP095 Amber (both hidden), DP096 White with hostile Markdown. */
export const EXTRA_PROPOSALS = `${HEADER}
proposals:
  - id: DP094
    title: A Green proposal the public must not see
    proposer: simon-trivella
    leadAnalyst: jordan-crase
    raised: 2019-10-25
    stage: development
    classification: green
    summary: Secret green summary.
  - id: MP095
    title: An Amber proposal the public must not see
    proposer: mari-toda
    raised: 2019-10-26
    stage: modification_proposal
    classification: amber
  - id: DP096
    title: A proposal with hostile Markdown
    proposer: emslie-law
    leadAnalyst: alison-beard
    raised: 2019-10-27
    stage: development
    classification: white
    summary: ${JSON.stringify(XSS_SUMMARY)}
    problemStatement: "The problem, in **bold**."
`;

export async function importOrThrow(db: Db, files: { name: string; text: string }[]): Promise<void> {
  const result = await importRegister({ db, rules: sec }, { files });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors, null, 2)}`);
}

/** The October 2019 fixture, the two lifecycle examples and the extra proposals above. */
export async function seedWebRegister(db: Db): Promise<void> {
  await importOrThrow(db, [fixtureFile('opsg'), fixtureFile('lifecycle')]);
  await importOrThrow(db, [{ name: 'extra.yaml', text: EXTRA_PROPOSALS }]);
}

/** A register of `count` White proposals, DP1000 upwards, one a day from 1 January 2021, for paging. */
export function generatedRegister(count: number): { name: string; text: string } {
  const lines = [
    HEADER,
    'organisations:',
    '  - { id: gen-org, name: Generated Organisation Ltd, shortName: GEN, category: other_sec_party }',
    'people:',
    '  - { id: gen-person, name: Gen Person, organisation: gen-org }',
    'proposals:',
  ];
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const raised = new Date(start + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `  - { id: DP${1000 + i}, title: Generated proposal ${i + 1}, proposer: gen-person, raised: ${raised}, stage: development, classification: white }`,
    );
  }
  return { name: 'generated.yaml', text: `${lines.join('\n')}\n` };
}
