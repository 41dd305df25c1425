// `modgov recipients add|remove` and `modgov export --as`, through the real command: a Red proposal is in the
// export of the user named on it and of no one else; naming and un-naming are audited; bad input exits 2 and
// names the field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase } from './support/db.ts';
import { FIXTURES } from './support/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'modgov-recipients-'));
const pgUrl = process.env.DATABASE_URL;
let storage: { args: string[]; env: NodeJS.ProcessEnv; drop?: () => Promise<void> };

const RED = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP099
    title: A Red proposal for one reader
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
`;

const modgov = (...args: string[]) => runModgov([...args, ...storage.args], storage.env);
const exportedIds = async (as: string) => {
  const run = await modgov('export', '--format', 'json', '--as', as);
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { proposals: { id: string }[] }).proposals.map((p) => p.id);
};

before(async () => {
  if (pgUrl) {
    const empty = await createEmptyPostgresDatabase(pgUrl);
    storage = { args: [], env: { DATABASE_URL: empty.url }, drop: empty.drop };
  } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
  const red = join(dir, 'red.yaml');
  writeFileSync(red, RED);
  const imported = await modgov('import', FIXTURES.opsg, red);
  assert.equal(imported.code, 0, imported.stderr);
  for (const email of ['reader@example.com', 'other@example.com']) {
    const added = await modgov('user', 'add', '--email', email, '--name', email);
    assert.equal(added.code, 0, added.stderr);
  }
});
after(async () => {
  await storage.drop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('named recipients and the export for a viewer', () => {
  test('a Red proposal is exported for its named recipient only, and the whole export still has it', async () => {
    assert.ok(!(await exportedIds('reader@example.com')).includes('DP099'));
    const named = await modgov('recipients', 'add', 'DP099', 'reader@example.com');
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /DP099: reader@example\.com/);
    assert.ok((await exportedIds('reader@example.com')).includes('DP099'));
    assert.ok(!(await exportedIds('other@example.com')).includes('DP099'));
    assert.ok(!(await exportedIds('public')).includes('DP099'));
    const whole = await modgov('export', '--format', 'json');
    assert.match(whole.stdout, /"DP099"/);
    const removed = await modgov('recipients', 'remove', 'DP099', 'reader@example.com');
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /DP099: no named recipients/);
    assert.ok(!(await exportedIds('reader@example.com')).includes('DP099'));
    const verified = await modgov('audit', 'verify');
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  });

  test('bad input exits 2 and names what is wrong', async () => {
    const unknownItem = await modgov('recipients', 'add', 'DP404', 'reader@example.com');
    assert.equal(unknownItem.code, 2);
    assert.match(unknownItem.stderr, /reference: there is no proposal or paper DP404/);
    const unknownUser = await modgov('recipients', 'add', 'DP099', 'nobody@example.com');
    assert.equal(unknownUser.code, 2);
    assert.match(unknownUser.stderr, /email: there is no user nobody@example\.com/);
    const unknownViewer = await modgov('export', '--as', 'nobody@example.com');
    assert.equal(unknownViewer.code, 2);
    assert.match(unknownViewer.stderr, /--as: there is no user nobody@example\.com/);
  });
});
