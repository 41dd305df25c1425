// The composition root: the one place that chooses and creates the adapters (database, rules pack, clock...).
import { sec } from './codes/sec/index.ts';
import { migrateDatabase, openDatabase, storageFromEnv, type Database } from './db/connect.ts';
import type { RulesPack } from './domain/rules-pack.ts';
import { createMailerFromEnv, type Mailer } from './mail/mailer.ts';

export interface AppContext {
  database: Database;
  rules: RulesPack;
  /** Where e-mail goes: files under <data dir>/mail (or MODGOV_MAIL_DIR), or SMTP when MODGOV_SMTP_URL is set. */
  mailer: Mailer;
}

export interface ContextOptions {
  dataDir?: string | undefined;
  command: string;
  migrate?: boolean;
}

export async function openContext(options: ContextOptions): Promise<AppContext> {
  const storage = { ...storageFromEnv(process.env, options.dataDir), command: options.command };
  const database = await openDatabase(storage);
  try {
    if (options.migrate !== false) await migrateDatabase(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  return { database, rules: sec, mailer: createMailerFromEnv(process.env, storage.dataDir) };
}
