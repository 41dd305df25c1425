import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEmptyPostgresDatabase } from './support/db.ts';
import { FIXTURES } from './support/fixtures.ts';
import { runModgov, startModgovServer, stopChild } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'modgov-cli-'));
const pgUrl = process.env.DATABASE_URL;
/** The storage of this pass: a new PostgreSQL database, or a new PGlite data directory. */
let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };

before(async () => {
  if (pgUrl) {
    const empty = await createEmptyPostgresDatabase(pgUrl);
    storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
  } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
});
after(async () => {
  await storage.drop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('the modgov command', () => {
  test('imports the fixtures, exits 0, and exports them again', async () => {
    const run = await runModgov(['import', ...storage.args, FIXTURES.opsg, FIXTURES.lifecycle], storage.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Imported 2 files: 8 proposals/);
    const out = join(dir, 'export.json');
    const exp = await runModgov(['export', ...storage.args, '--format', 'json', '--out', out], storage.env);
    assert.equal(exp.code, 0, exp.stderr);
    const register = JSON.parse(readFileSync(out, 'utf8')) as { proposals: { id: string }[] };
    assert.deepEqual(
      register.proposals.map((p) => p.id),
      ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093', 'MP112', 'MP127'],
    );
  });

  test('refuses a file with three mistakes with exit status 2, naming each with its line, and changes nothing', async () => {
    const before = await runModgov(['export', ...storage.args], storage.env);
    const text = readFileSync(FIXTURES.opsg, 'utf8')
      .replace('organisation: sse }', 'organisation: sse-energy-plc }')
      .replace('raised: 2019-10-16', 'raised: 2019-02-30')
      .replace(
        '    stage: development\n    classification: white\n    summary: |\n      Once',
        '    stage: development\n    colour: blue\n    classification: white\n    summary: |\n      Once',
      )
      .replace('title: Power to raise modifications', 'title: Power to raise modifications, changed');
    const file = join(dir, 'three-mistakes.yaml');
    writeFileSync(file, text);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

    const run = await runModgov(['import', ...storage.args, file], storage.env);
    assert.equal(run.code, 2);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 3, run.stdout);
    assert.match(
      lines[0] ?? '',
      new RegExp(
        `three-mistakes\\.yaml:${line('sse-energy-plc')}:\\d+: people\\[2\\]\\.organisation: unknown organisation "sse-energy-plc"`,
      ),
    );
    assert.match(
      lines[1] ?? '',
      new RegExp(
        `three-mistakes\\.yaml:${line('2019-02-30')}:\\d+: proposals\\[2\\]\\.raised: "2019-02-30" is not a valid date`,
      ),
    );
    assert.match(
      lines[2] ?? '',
      new RegExp(
        `three-mistakes\\.yaml:${line('colour: blue')}:\\d+: proposals\\[3\\]\\.colour: unknown field "colour"`,
      ),
    );
    assert.match(run.stderr, /Nothing was imported: 3 problems found\. The register is unchanged\./);

    const after = await runModgov(['export', ...storage.args], storage.env);
    assert.equal(after.stdout, before.stdout);
    assert.doesNotMatch(after.stdout, /Power to raise modifications, changed/);
  });

  test('bad usage is exit status 2 and --help is 0', async () => {
    assert.equal((await runModgov(['export', '--format', 'xml'])).code, 2);
    assert.equal(
      (await runModgov(['import', join(dir, 'missing.yaml'), ...storage.args], storage.env)).code,
      2,
    );
    const help = await runModgov(['import', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: modgov import/);
  });
});

describe('the embedded database directory', () => {
  test('a second process on the same data directory is refused with a message naming the holder', async () => {
    const data = join(dir, 'shared-data');
    const server = await startModgovServer(['--port', '0', '--data', data], { DATABASE_URL: '' });
    try {
      const second = await runModgov(['import', '--data', data, FIXTURES.opsg], { DATABASE_URL: '' });
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`in use by process ${server.child.pid} .*"modgov serve"`));
      assert.match(second.stderr, /stop that process first, or point DATABASE_URL at a PostgreSQL server/);
    } finally {
      await stopChild(server.child);
    }
    assert.equal(existsSync(join(data, 'modgov.lock')), false, 'the server let go of its lock on SIGTERM');
    const third = await runModgov(['migrate', '--data', data], { DATABASE_URL: '' });
    assert.equal(third.code, 0, third.stderr);
  });

  test('a lock left by a process that died is taken over', async () => {
    const data = join(dir, 'stale');
    const first = await runModgov(['migrate', '--data', data], { DATABASE_URL: '' });
    assert.equal(first.code, 0, first.stderr);
    writeFileSync(
      join(data, 'modgov.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 7,
        host: (await import('node:os')).hostname(),
        command: 'gone',
        since: '2020-01-01',
      }),
    );
    const second = await runModgov(['migrate', '--data', data], { DATABASE_URL: '' });
    assert.equal(second.code, 0, second.stderr);
  });
});
