// A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server named by DATABASE_URL (dropped again by close()). Real databases only, never mocks.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/connect.ts';

export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ memory: {} });
    await migrateDatabase(database);
    return database;
  }
  const empty = await createEmptyPostgresDatabase(url);
  const database = await openDatabase({ databaseUrl: empty.url });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await empty.drop();
    },
  };
}

/** A URL for a new empty PostgreSQL database (for tests that start several processes on one server). */
export async function createEmptyPostgresDatabase(
  url: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `modgov_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
