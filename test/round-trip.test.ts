import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { exportRegister } from '../src/app/export-register.ts';
import { importRegister } from '../src/app/import-register.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import { createTestDatabase } from './support/db.ts';
import { fixtureFile } from './support/fixtures.ts';

const open: Database[] = [];
after(async () => Promise.all(open.map((d) => d.close())));

async function freshImport(files: { name: string; text: string }[]) {
  const database = await createTestDatabase();
  open.push(database);
  const result = await importRegister({ db: database.db, rules: sec }, { files });
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
  return { db: database.db, rules: sec };
}

test('import, export, import again gives an identical register, in YAML and in JSON', async () => {
  const first = await freshImport([fixtureFile('opsg'), fixtureFile('lifecycle')]);
  const yaml = await exportRegister(first, { format: 'yaml' });
  const json = await exportRegister(first, { format: 'json' });
  assert.deepEqual(JSON.parse(json), parse(yaml), 'the two formats say the same');

  const second = await freshImport([{ name: 'export.yaml', text: yaml }]);
  assert.equal(await exportRegister(second, { format: 'yaml' }), yaml);
  const third = await freshImport([{ name: 'export.json', text: json }]);
  assert.equal(await exportRegister(third, { format: 'json' }), json);
});

test('the export holds every fact of the fixtures', async () => {
  const db = await freshImport([fixtureFile('opsg'), fixtureFile('lifecycle')]);
  const out = parse(await exportRegister(db, { format: 'yaml' })) as Record<string, unknown[]> & {
    code: unknown;
  };
  const opsg = parse(fixtureFile('opsg').text) as typeof out;
  assert.deepEqual(out.code, opsg.code);
  assert.equal(out.proposals?.length, 8);
  const dp090 = out.proposals?.find((p) => (p as { id: string }).id === 'DP090');
  const source = opsg.proposals?.find((p) => (p as { id: string }).id === 'DP090');
  assert.deepEqual(dp090, { ...(source as object), history: [{ on: '2019-10-16', event: 'raised' }] });
  const mp127 = out.proposals?.find((p) => (p as { id: string }).id === 'MP127') as {
    history: unknown[];
    stage: string;
  };
  const lifecycle = parse(fixtureFile('lifecycle').text) as typeof out;
  const sourceMp127 = lifecycle.proposals?.find((p) => (p as { id: string }).id === 'MP127') as {
    history: unknown[];
  };
  assert.deepEqual(mp127.history, sourceMp127.history);
  assert.equal(mp127.stage, 'implemented');
  assert.deepEqual(out.papers, opsg.papers);
});

test('exporting twice gives the same bytes', async () => {
  const db = await freshImport([fixtureFile('lifecycle'), fixtureFile('opsg')]);
  assert.equal(await exportRegister(db, { format: 'yaml' }), await exportRegister(db, { format: 'yaml' }));
});
