import type { Db } from '../../src/db/connect.ts';

/** Runs raw SQL in a test and returns its rows, on PGlite and PostgreSQL alike. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: string): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
