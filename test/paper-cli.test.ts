// `modgov paper` and `modgov meeting`, run as the real command against a fresh data directory (or a new
// PostgreSQL database on the PostgreSQL pass): the stored paper in every format, a meeting added and the next
// month's paper composed and stored with the issue's own arguments, an Amber proposal reported as left out on
// standard error and absent from the paper, and the refusals (exit status 2) with their messages.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { composePaper } from '../src/app/compose-paper.ts';
import { runCli } from '../src/cli/program.ts';
import { sec } from '../src/codes/sec/index.ts';
import { renderText } from '../src/render/text.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { FIXTURES, fixtureFile } from './support/fixtures.ts';
import { importOrThrow } from './support/seed.ts';

const dir = mkdtempSync(join(tmpdir(), 'modgov-paper-cli-'));
const pgUrl = process.env.DATABASE_URL;
let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };

/** November 2019: a White proposal and an Amber one, both raised in the next paper's period. */
const NOVEMBER = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP094
    title: Faster meter exchanges
    proposer: simon-trivella
    leadAnalyst: jordan-crase
    raised: 2019-11-06
    stage: development
    classification: white
    summary: Meters would be exchanged **faster**.
    impacts:
      OPSG: Installers' appointments would be shorter.
  - id: DP095
    title: Zircon vault keys
    proposer: mari-toda
    raised: 2019-11-12
    stage: development
    classification: amber
    summary: Quartzite handling of the escrow.
    impacts:
      OPSG: Obsidian procedures change.
`;

const NEW_PAPER = [
  'paper',
  'new',
  '--type',
  'new_proposals_summary',
  '--committee',
  'OPSG',
  '--meeting',
  '27',
  '--item',
  '9',
  '--date',
  '2019-11-26',
  '--from',
  '2019-10-30',
  '--to',
  '2019-11-26',
];

const modgov = (args: string[]) => runModgov([...args, ...storage.args], storage.env);

before(async () => {
  if (pgUrl) {
    const empty = await createEmptyPostgresDatabase(pgUrl);
    storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
  } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
  const run = await modgov(['import', FIXTURES.opsg, FIXTURES.lifecycle]);
  assert.equal(run.code, 0, run.stderr);
});
after(async () => {
  await storage.drop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('modgov paper REF', () => {
  test('writes the stored paper as text by default: the text rendering of the composed paper', async () => {
    // the same register, composed in this process
    const database = await createTestDatabase();
    let expected: string;
    try {
      await importOrThrow(database.db, [fixtureFile('opsg'), fixtureFile('lifecycle')]);
      const { paper } = await composePaper({ db: database.db, rules: sec }, { reference: 'OPSG_26_0511_16' });
      expected = renderText(paper);
    } finally {
      await database.close();
    }
    const run = await modgov(['paper', 'OPSG_26_0511_16']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, expected);
    assert.match(run.stdout, /^This document is classified as \*\*White\*\*/);
    assert.ok(run.stdout.includes("DP093 'Implementing IRP511"), run.stdout);
    assert.equal(run.stderr, '', 'nothing was left out of the October paper');
  });

  test('--format md writes Markdown to standard output', async () => {
    const run = await modgov(['paper', 'OPSG_26_0511_16', '--format', 'md']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^# New Draft Proposals and Modification Proposals$/m);
    assert.match(run.stdout, /\*\*Paper Reference:\*\* OPSG_26_0511_16/);
  });

  test('--format pdf, docx and html --out write the files', async () => {
    const pdf = join(dir, 'f.pdf');
    const docx = join(dir, 'f.docx');
    const html = join(dir, 'f.html');
    for (const [format, file] of [
      ['pdf', pdf],
      ['docx', docx],
      ['html', html],
    ] as const) {
      const run = await modgov(['paper', 'OPSG_26_0511_16', '--format', format, '--out', file]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, new RegExp(`Wrote OPSG_26_0511_16 as .+ to ${file.replace(/\W/g, '\\$&')}`));
    }
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK');
    const page = readFileSync(html, 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<title>OPSG_26_0511_16: New Draft Proposals and Modification Proposals<\/title>/);
  });

  test('a binary format goes down a pipe, but is refused at a terminal without --out', async () => {
    const piped = await modgov(['paper', 'OPSG_26_0511_16', '--format', 'pdf']);
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(piped.stdout.startsWith('%PDF-'));

    // at a terminal: refused before the register is opened, so in this process with no data directory
    const isTTY = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    const write = process.stderr.write.bind(process.stderr);
    let stderr = '';
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    process.stderr.write = (chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    };
    let code: number;
    try {
      code = await runCli(['paper', 'OPSG_26_0511_16', '--format', 'docx', '--data', join(dir, 'never')]);
    } finally {
      process.stderr.write = write;
      if (isTTY) Object.defineProperty(process.stdout, 'isTTY', isTTY);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
    assert.equal(code, 2);
    assert.match(
      stderr,
      /A Word document is binary and this is a terminal: give --out OPSG_26_0511_16\.docx/,
    );
  });

  test('an unknown paper is exit status 2, with a message', async () => {
    const run = await modgov(['paper', 'OPSG_99_0101_1', '--format', 'pdf', '--out', join(dir, 'no.pdf')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /There is no paper OPSG_99_0101_1 in the register\./);
    assert.equal(run.stdout, '');
  });

  test('an unknown format is exit status 2', async () => {
    const run = await modgov(['paper', 'OPSG_26_0511_16', '--format', 'rtf']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Allowed choices are text, md, html, docx, pdf/);
  });
});

describe('modgov meeting add, then modgov paper new', () => {
  test('adds meeting 27 of the Operations Group', async () => {
    const run = await modgov([
      'meeting',
      'add',
      '--committee',
      'OPSG',
      '--number',
      '27',
      '--date',
      '2019-12-03',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Added meeting 27 of the Operations Group (OPSG) on 2019-12-03.\n');
    const list = await modgov(['meeting', 'list', '--committee', 'OPSG']);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout, '2019-12-03  OPSG 27\n2019-11-05  OPSG 26\n');
  });

  test('refuses the same number again, an unknown committee and a date that does not exist', async () => {
    const again = await modgov([
      'meeting',
      'add',
      '--committee',
      'OPSG',
      '--number',
      '27',
      '--date',
      '2019-12-10',
    ]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /The OPSG already has a meeting 27 \(on 2019-12-03\)/);
    const unknown = await modgov([
      'meeting',
      'add',
      '--committee',
      'XYZ',
      '--number',
      '1',
      '--date',
      '2019-12-10',
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /There is no committee "XYZ" in the SEC register\./);
    const badDate = await modgov([
      'meeting',
      'add',
      '--committee',
      'OPSG',
      '--number',
      '28',
      '--date',
      '2019-02-30',
    ]);
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /a real date as YYYY-MM-DD/);
  });

  test("composes and stores the issue's paper, reports the Amber proposal left out, and prints the reference", async () => {
    const file = join(dir, 'november.yaml');
    writeFileSync(file, NOVEMBER);
    const imported = await modgov(['import', file]);
    assert.equal(imported.code, 0, imported.stderr);

    const run = await modgov(NEW_PAPER);
    assert.equal(run.code, 0, run.stderr);
    // the reference carries the meeting's day and month (3 December), not the paper's date
    assert.equal(run.stdout, 'Created OPSG_27_0312_9\n');
    assert.equal(run.stderr, 'DP095 is classified Amber, above this White paper: left out.\n');

    const text = await modgov(['paper', 'OPSG_27_0312_9']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Paper Reference:\tOPSG_27_0312_9/);
    assert.ok(text.stdout.includes("DP094 'Faster meter exchanges'"), text.stdout);
    assert.match(text.stdout, /^26 November 2019$/m);
    for (const secret of ['DP095', 'Zircon', 'Quartzite', 'Obsidian'])
      assert.ok(!text.stdout.includes(secret), `${secret} reached the White paper`);
    // and the author is told again whenever the paper is written out
    assert.equal(text.stderr, 'DP095 is classified Amber, above this White paper: left out.\n');
  });

  test('refuses the same paper twice, and a meeting not in the register', async () => {
    const again = await modgov(NEW_PAPER);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /There is already a paper OPSG_27_0312_9 in the register\./);
    const noMeeting = await modgov(NEW_PAPER.map((a, i) => (NEW_PAPER[i - 1] === '--meeting' ? '28' : a)));
    assert.equal(noMeeting.code, 2);
    assert.match(noMeeting.stderr, /There is no meeting 28 of the committee "OPSG" in the register\./);
  });

  test('takes a given reference, action, classification and author', async () => {
    const run = await modgov([
      ...NEW_PAPER.map((a, i) => (NEW_PAPER[i - 1] === '--item' ? '10' : a)),
      '--reference',
      'OPSG_27_0312_10A',
      '--action',
      'for_information',
      '--classification',
      'amber',
      '--author',
      'bradley-baker',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Created OPSG_27_0312_10A\n');
    assert.equal(run.stderr, '', 'an Amber paper may show the Amber proposal');
    const text = await modgov(['paper', 'OPSG_27_0312_10A']);
    assert.match(text.stdout, /classified as \*\*Amber\*\*/);
    assert.ok(text.stdout.includes("DP095 'Zircon vault keys'"));
    assert.match(text.stdout, /^Bradley Baker$/m);
  });
});
