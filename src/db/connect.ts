// Opens the register's database: embedded PGlite in a data directory by default, PostgreSQL when a URL is given.
// One schema and one migration folder serve both.
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import * as schema from './schema.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory, "memory" or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** A PostgreSQL URL; when set, the data directory is not used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; ignored when databaseUrl is set. */
  dataDir?: string | undefined;
  /** An in-memory PGlite (tests), optionally started from a dump of a migrated one. */
  memory?: { from?: Blob } | undefined;
  /** The command holding the data directory, recorded in its lock file. */
  command?: string | undefined;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** A constant key for pg_advisory_lock: "modgov" in ASCII. */
const MIGRATION_LOCK_KEY = 0x6d6f6467;

export function storageFromEnv(env: NodeJS.ProcessEnv, dataDirFlag?: string): StorageOptions {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(dataDirFlag ?? env.MODGOV_DATA_DIR ?? './data'),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export async function openDatabase(options: StorageOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.memory) {
    const client = options.memory.from ? new PGlite({ loadDataDir: options.memory.from }) : new PGlite();
    await client.waitReady;
    return {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      kind: 'pglite',
      location: 'memory',
      close: () => client.close(),
    };
  }
  const dir = resolve(options.dataDir ?? './data');
  const release = acquireDataDirLock(dir, options.command ?? process.argv.slice(1).join(' '));
  try {
    const client = new PGlite(`${dir}/pgdata`);
    await client.waitReady;
    return {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      kind: 'pglite',
      location: dir,
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.MODGOV_PG_POOL ?? 10) });
  // An idle client whose connection the server ends (a restart, a dropped database) is replaced by the pool on
  // next use; without a listener node-postgres would raise it as an uncaught exception and stop the process.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01')
      process.stderr.write(`modgov: an idle database connection failed: ${error.message}\n`);
  });
  await pool.query('select 1'); // fail early with the server's own message
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    kind: 'postgres',
    location: redactUrl(url),
    close: () => pool.end(),
  };
}

/**
 * Applies the migrations. On PostgreSQL it holds an advisory lock on a dedicated connection, so several
 * instances starting at once migrate one after the other (drizzle's migrate takes no lock: STACK.md 4).
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const session = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await session.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
