import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importRegister } from '../src/app/import-register.ts';
import { transitionProposal } from '../src/app/transition-proposal.ts';
import { verifyAuditLog } from '../src/app/verify-audit-log.ts';
import { sec } from '../src/codes/sec/index.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/db/connect.ts';
import { readAuditBatch } from '../src/db/audit.repository.ts';
import { appendAuditEvent } from '../src/db/transitions.repository.ts';
import {
  canonicalAuditContent,
  hashAuditRecord,
  type AuditRecordContent,
} from '../src/domain/audit/audit-chain.ts';
import { formatIssue } from '../src/domain/interchange/import-issue.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { FIXTURES, fixtureFile } from './support/fixtures.ts';
import { queryRows } from './support/sql.ts';

const pgUrl = process.env.DATABASE_URL;

describe('the canonical form of an audit record', () => {
  const record: AuditRecordContent = {
    id: 7,
    at: new Date('2026-01-02T03:04:05.678Z'),
    actor: 'analyst:alison-beard',
    action: 'proposal.transitioned',
    subjectType: 'proposal',
    subjectId: '42',
    before: { reference: 'DP090', stage: 'development' },
    after: { stage: 'modification_proposal', reference: 'MP090', facts: { b: 1, a: [{ y: 2, x: 1 }] } },
  };
  const prev = 'ab'.repeat(32);

  test('key order, at any depth, does not change it; the instant is ISO with milliseconds, Date or text', () => {
    const reordered: AuditRecordContent = {
      ...record,
      at: '2026-01-02T03:04:05.678+00:00',
      before: { stage: 'development', reference: 'DP090' },
      after: { facts: { a: [{ x: 1, y: 2 }], b: 1 }, reference: 'MP090', stage: 'modification_proposal' },
    };
    assert.equal(canonicalAuditContent(reordered), canonicalAuditContent(record));
    assert.equal(hashAuditRecord(prev, reordered), hashAuditRecord(prev, record));
    assert.match(canonicalAuditContent(record), /"2026-01-02T03:04:05\.678Z"/);
    assert.match(hashAuditRecord(prev, record), /^[0-9a-f]{64}$/);
  });

  test('a change in any field, or in the previous hash, changes the hash', () => {
    const base = hashAuditRecord(prev, record);
    const changes: Partial<AuditRecordContent>[] = [
      { id: 8 },
      { at: new Date('2026-01-02T03:04:05.679Z') },
      { actor: 'analyst' },
      { action: 'proposal.imported' },
      { subjectType: 'paper' },
      { subjectId: '43' },
      { before: null },
      { before: { reference: 'DP090', stage: 'modification_proposal' } },
      { after: { ...(record.after as object), facts: { b: 1, a: [{ y: 2, x: 2 }] } } },
    ];
    const hashes = changes.map((c) => hashAuditRecord(prev, { ...record, ...c }));
    for (const [i, h] of hashes.entries()) assert.notEqual(h, base, `change ${i} left the hash unchanged`);
    assert.equal(new Set(hashes).size, hashes.length);
    assert.notEqual(hashAuditRecord(null, record), base);
    assert.notEqual(hashAuditRecord('cd'.repeat(32), record), base);
    // array order is content, not presentation
    assert.notEqual(
      hashAuditRecord(prev, { ...record, after: { list: [1, 2] } }),
      hashAuditRecord(prev, { ...record, after: { list: [2, 1] } }),
    );
  });
});

describe('verifying the audit log', () => {
  let database: Database;
  const deps = () => ({ db: database.db, rules: sec });
  const ids = async () =>
    (await queryRows<{ id: number }>(database.db, 'select id from audit_events order by id')).map((r) =>
      Number(r.id),
    );

  before(async () => {
    database = await createTestDatabase();
    const result = await importRegister(deps(), {
      files: [fixtureFile('opsg'), fixtureFile('lifecycle')],
    });
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatIssue).join('\n'));
    await transitionProposal(deps(), {
      reference: 'DP090',
      event: 'converted',
      on: '2019-12-04',
      by: 'CSC',
      actor: 'analyst',
      actorName: 'alison-beard',
    });
  });
  after(async () => {
    await database.close();
  });

  test('every record written by an import and a transition is chained, and the chain is intact', async () => {
    const rows = await queryRows<{ id: number; prev_hash: string | null; hash: string | null }>(
      database.db,
      'select id, prev_hash, hash from audit_events order by id',
    );
    assert.ok(rows.length >= 3, `only ${rows.length} audit records`);
    assert.equal(rows[0]?.prev_hash, null);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
    assert.deepEqual(await verifyAuditLog({ db: database.db }), { ok: true, count: rows.length });
    // batches of any size walk the same chain
    assert.deepEqual(await verifyAuditLog({ db: database.db }, { batchSize: 2 }), {
      ok: true,
      count: rows.length,
    });
  });

  test('editing a record directly in the database makes verify fail and name it; putting it back mends it', async () => {
    const all = await ids();
    const target = all[1] ?? 0;
    const [original] = await queryRows<{ after: unknown }>(
      database.db,
      `select after from audit_events where id = ${target}`,
    );
    await database.db.execute(
      `update audit_events set after = '{"reference":"MP999","stage":"withdrawn"}'::jsonb where id = ${target}`,
    );
    const result = await verifyAuditLog({ db: database.db }, { batchSize: 1 });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.count, all.length);
    assert.equal(result.firstBroken.id, target);
    assert.equal(result.firstBroken.kind, 'content_changed');
    assert.match(result.firstBroken.reason, /content does not match its hash/);

    await database.db.execute(
      `update audit_events set after = '${JSON.stringify(original?.after)}'::jsonb where id = ${target}`,
    );
    assert.equal((await verifyAuditLog({ db: database.db })).ok, true);

    // a changed actor, or a changed instant, is caught too
    await database.db.execute(`update audit_events set actor = 'someone-else' where id = ${target}`);
    const actor = await verifyAuditLog({ db: database.db });
    assert.ok(!actor.ok && actor.firstBroken.id === target);
  });

  test('rewriting a record together with its hash breaks the link from the record after it', async () => {
    const fresh = await createTestDatabase();
    try {
      const result = await importRegister(
        { db: fresh.db, rules: sec },
        { files: [fixtureFile('opsg'), fixtureFile('lifecycle')] },
      );
      assert.ok(result.ok);
      const rows = await queryRows<{ id: number }>(fresh.db, 'select id from audit_events order by id');
      const target = Number(rows[1]?.id);
      const next = Number(rows[2]?.id);
      const [row] = await readAuditBatch(fresh.db, target - 1, 1);
      assert.equal(row?.id, target);
      const forged = { reference: 'MP999', stage: 'withdrawn' };
      const hash = hashAuditRecord(row.prevHash, { ...row, after: forged });
      await fresh.db.execute(
        `update audit_events set after = '${JSON.stringify(forged)}'::jsonb, hash = '${hash}' where id = ${target}`,
      );
      const verdict = await verifyAuditLog({ db: fresh.db });
      assert.ok(!verdict.ok);
      assert.equal(verdict.firstBroken.id, next);
      assert.equal(verdict.firstBroken.kind, 'chain_broken');
      assert.match(verdict.firstBroken.reason, new RegExp(`record #${target}`));
    } finally {
      await fresh.close();
    }
  });

  test('deleting a record in the middle makes verify fail at the record after the gap', async () => {
    // the actor edit above is still there: mend it first by rewriting the row as it was
    await database.db.execute(`update audit_events set actor = 'import' where actor = 'someone-else'`);
    assert.equal((await verifyAuditLog({ db: database.db })).ok, true);
    const all = await ids();
    const gone = all[2] ?? 0;
    const next = all[3] ?? 0;
    await database.db.execute(`delete from audit_events where id = ${gone}`);
    const result = await verifyAuditLog({ db: database.db });
    assert.ok(!result.ok);
    assert.equal(result.count, all.length - 1);
    assert.equal(result.firstBroken.id, next);
    assert.equal(result.firstBroken.kind, 'record_removed');
    assert.match(result.firstBroken.reason, /removed/);

    // and deleting the very first record is noticed at the one that follows it
    const fresh = await createTestDatabase();
    try {
      await importRegister({ db: fresh.db, rules: sec }, { files: [fixtureFile('opsg')] });
      const [first, second] = (
        await queryRows<{ id: number }>(fresh.db, 'select id from audit_events order by id limit 2')
      ).map((r) => Number(r.id));
      await fresh.db.execute(`delete from audit_events where id = ${first}`);
      const verdict = await verifyAuditLog({ db: fresh.db });
      assert.ok(!verdict.ok);
      assert.equal(verdict.firstBroken.id, second);
      assert.equal(verdict.firstBroken.kind, 'record_removed');
    } finally {
      await fresh.close();
    }
  });
});

describe('modgov audit verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-audit-'));
  let storage: { args: string[]; env: NodeJS.ProcessEnv; url?: string; drop?: () => Promise<void> };
  /** Opens the pass's storage directly, as someone with database access would, while no command runs. */
  const openDirect = () =>
    storage.url ? openDatabase({ databaseUrl: storage.url }) : openDatabase({ dataDir: join(dir, 'data') });

  before(async () => {
    if (pgUrl) {
      const empty = await createEmptyPostgresDatabase(pgUrl);
      storage = { args: [], env: { DATABASE_URL: empty.url }, url: empty.url, drop: empty.drop };
    } else storage = { args: ['--data', join(dir, 'data')], env: { DATABASE_URL: '' } };
  });
  after(async () => {
    await storage.drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('says the chain is intact with exit 0, then exit 1 naming a record edited in the database', async () => {
    const imported = await runModgov(
      ['import', ...storage.args, FIXTURES.opsg, FIXTURES.lifecycle],
      storage.env,
    );
    assert.equal(imported.code, 0, imported.stderr);
    const recorded = await runModgov(
      ['record', 'DP090', 'converted', '--on', '2019-12-04', '--by', 'CSC', ...storage.args],
      storage.env,
    );
    assert.equal(recorded.code, 0, recorded.stderr);

    const direct = await openDirect();
    let total: number;
    let target: number;
    try {
      const rows = await queryRows<{ id: number }>(direct.db, 'select id from audit_events order by id');
      total = rows.length;
      target = Number(rows[Math.floor(rows.length / 2)]?.id);
    } finally {
      await direct.close();
    }

    const ok = await runModgov(['audit', 'verify', ...storage.args], storage.env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, `The audit log holds ${total} records; the chain is intact.\n`);

    const edit = await openDirect();
    try {
      await edit.db.execute(
        `update audit_events set after = jsonb_set(after, '{stage}', '"withdrawn"') where id = ${target}`,
      );
    } finally {
      await edit.close();
    }
    const broken = await runModgov(['audit', 'verify', ...storage.args], storage.env);
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.equal(broken.stdout, '');
    assert.match(
      broken.stderr,
      new RegExp(`^The audit log is broken at record #${target}: its content does not match its hash`),
    );
  });
});

test(
  '20 concurrent transactions appending audit records through separate pools leave one intact chain',
  { skip: pgUrl ? false : 'runs in the PostgreSQL pass, with DATABASE_URL' },
  async () => {
    const empty = await createEmptyPostgresDatabase(pgUrl ?? '');
    const pools: Database[] = [];
    try {
      for (let i = 0; i < 4; i++) pools.push(await openDatabase({ databaseUrl: empty.url }));
      await migrateDatabase(pools[0] as Database);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (pools[i % pools.length] as Database).db.transaction(async (tx) => {
            await tx.execute('select pg_sleep(0.01)'); // overlap the transactions
            await appendAuditEvent(tx, {
              actor: 'analyst',
              action: 'test.appended',
              subjectType: 'test',
              subjectId: String(i),
              before: null,
              after: { i },
            });
          }),
        ),
      );
      const db = (pools[0] as Database).db;
      const rows = await queryRows<{ prev_hash: string | null; hash: string }>(
        db,
        'select prev_hash, hash from audit_events order by id',
      );
      assert.equal(rows.length, 20);
      assert.equal(new Set(rows.map((r) => r.prev_hash)).size, 20, 'two records share a previous record');
      assert.deepEqual(await verifyAuditLog({ db }), { ok: true, count: 20 });
    } finally {
      for (const p of pools) await p.close();
      await empty.drop();
    }
  },
);
