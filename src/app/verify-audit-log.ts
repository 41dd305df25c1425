// `modgov audit verify`: walks the audit log in id order and reports the first record whose chain breaks:
// its content changed, a record before it removed, or its link to the previous record not matching.
import type { Db } from '../db/connect.ts';
import { countAuditEvents, readAuditBatch } from '../db/audit.repository.ts';
import { checkAuditLink, type AuditBreak } from '../domain/audit/audit-chain.ts';

export type AuditVerification =
  { ok: true; count: number } | { ok: false; count: number; firstBroken: AuditBreak };

const BATCH = 1000;

export async function verifyAuditLog(
  deps: { db: Db },
  options: { batchSize?: number } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? BATCH;
  const count = await countAuditEvents(deps.db);
  let previous: { id: number; hash: string | null } | null = null;
  let afterId = 0;
  for (;;) {
    const batch = await readAuditBatch(deps.db, afterId, batchSize);
    for (const record of batch) {
      const broken = checkAuditLink(previous, record);
      if (broken) return { ok: false, count, firstBroken: broken };
      previous = { id: record.id, hash: record.hash };
    }
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) break;
    afterId = last.id;
  }
  return { ok: true, count };
}
