import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataDirInUseError, acquireDataDirLock } from '../src/db/data-dir-lock.ts';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '../src/db/connect.ts';
import { runModgov } from './support/cli.ts';
import { createEmptyPostgresDatabase } from './support/db.ts';
import { queryRows } from './support/sql.ts';

const pgUrl = process.env.DATABASE_URL;
const migrationCount = () =>
  (
    JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;

test('the data directory lock refuses a second holder and names the first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-lock-'));
  try {
    const release = acquireDataDirLock(dir, 'modgov serve');
    assert.throws(
      () => acquireDataDirLock(dir, 'modgov import'),
      (e: unknown) =>
        e instanceof DataDirInUseError && e.holder.pid === process.pid && /"modgov serve"/.test(e.message),
    );
    release();
    acquireDataDirLock(dir, 'modgov import')();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'several instances starting at once migrate one PostgreSQL database one after the other',
  { skip: pgUrl ? false : 'runs in the PostgreSQL pass, with DATABASE_URL' },
  async () => {
    const empty = await createEmptyPostgresDatabase(pgUrl ?? '');
    try {
      const runs = await Promise.all(
        [1, 2, 3].map(() => runModgov(['migrate'], { DATABASE_URL: empty.url })),
      );
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      const database = await openDatabase({ databaseUrl: empty.url });
      try {
        await migrateDatabase(database); // and once more is a no-op
        const applied = await queryRows<{ n: number }>(
          database.db,
          'select count(*)::int as n from drizzle.__drizzle_migrations',
        );
        assert.equal(applied[0]?.n, migrationCount(), 'each migration applied once');
      } finally {
        await database.close();
      }
    } finally {
      await empty.drop();
    }
  },
);
