// The audit log's queries: append records to the hash chain, read the chain back in order to verify it, and read
// one subject's records (a proposal's change history).
// Appends run inside the caller's transaction; the chain's rules (what a hash covers) are in src/domain/audit.
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { hashAuditRecord, type StoredAuditRecord } from '../domain/audit/audit-chain.ts';
import type { Tx } from './register.repository.ts';
import { auditEvents, users } from './schema.ts';

/** What a use case records; the id, the instant and the chain's hashes are the log's own. */
export type AuditEntry = Omit<typeof auditEvents.$inferInsert, 'id' | 'at' | 'prevHash' | 'hash'> & {
  at?: Date | undefined;
};

/** A constant key for pg_advisory_xact_lock: "audt" in ASCII. */
const AUDIT_CHAIN_LOCK_KEY = 0x61756474;
const CHUNK = 500;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Appends records to the chain, in the order given. Must run inside the caller's transaction: the transaction
 * lock makes concurrent appenders on PostgreSQL take turns (reading the last hash and taking ids), so the chain
 * never forks and its id order is its chain order. Returns the ids written.
 */
export async function appendChainedAuditEvents(db: Tx, entries: readonly AuditEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  const [last] = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.id} desc`)
    .limit(1);
  const ids = rowsOf<{ id: number | string }>(
    await db.execute(
      sql`select nextval(pg_get_serial_sequence('audit_events', 'id')) as id from generate_series(1, ${entries.length})`,
    ),
  )
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);

  // One instant, to the millisecond, computed here so the hash covers exactly the value stored.
  const now = new Date();
  let prevHash: string | null = last?.hash ?? null;
  const rows = entries.map((entry, i) => {
    const content = {
      id: ids[i] ?? 0,
      at: new Date((entry.at ?? now).getTime()),
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    };
    const hash = hashAuditRecord(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(auditEvents).values(rows.slice(i, i + CHUNK));
  return ids;
}

/** Up to `limit` records after `afterId`, in id order, as the chain check reads them. */
export async function readAuditBatch(db: Tx, afterId: number, limit: number): Promise<StoredAuditRecord[]> {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: auditEvents.actor,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      before: auditEvents.before,
      after: auditEvents.after,
      prevHash: auditEvents.prevHash,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .where(gt(auditEvents.id, afterId))
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

export async function countAuditEvents(db: Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents);
  return Number(row?.n ?? 0);
}

/**
 * One subject's records (a proposal: 'proposal' and its id), oldest first, with the name of the user behind an
 * actor written `user:<id>` (null for the import, the command line and other actors).
 */
export async function listAuditEventsOfSubject(db: Tx, subjectType: string, subjectId: string) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: auditEvents.actor,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      userName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, sql`${auditEvents.actor} = 'user:' || ${users.id}::text`)
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, subjectId)))
    .orderBy(asc(auditEvents.id));
}
