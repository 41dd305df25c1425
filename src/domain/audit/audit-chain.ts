// The audit log's hash chain: the canonical text of a record's content and the hash that links it to the record
// before it. Pure: the same record hashes the same wherever it was written and whichever database stores it.
import { createHash } from 'node:crypto';

/** What a record's hash covers, besides the previous record's hash. */
export interface AuditRecordContent {
  id: number;
  /** When, to the millisecond (a stored timestamp reads back as the same instant). */
  at: Date | string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

/** A value as JSON stores it (undefined fields dropped, dates as ISO text), with object keys sorted at every depth. */
function canonicalValue(value: unknown): unknown {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return sortKeys(plain);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The instant as ISO 8601 UTC with milliseconds, whether given as a Date or as text. */
export function canonicalInstant(at: Date | string): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new Error(`Not an instant: ${String(at)}`);
  return date.toISOString();
}

/** The canonical serialisation of a record's content: fixed field order, sorted keys, ISO instant. */
export function canonicalAuditContent(content: AuditRecordContent): string {
  return JSON.stringify([
    content.id,
    canonicalInstant(content.at),
    content.actor,
    content.action,
    content.subjectType,
    content.subjectId,
    canonicalValue(content.before),
    canonicalValue(content.after),
  ]);
}

/** The record's hash: sha256 (hex) of the previous record's hash ('' for the first), a newline and its content. */
export function hashAuditRecord(prevHash: string | null, content: AuditRecordContent): string {
  return createHash('sha256')
    .update(`${prevHash ?? ''}\n${canonicalAuditContent(content)}`)
    .digest('hex');
}

/** Why a record breaks the chain. */
export type AuditBreakKind = 'unhashed' | 'content_changed' | 'record_removed' | 'chain_broken';

export interface AuditBreak {
  id: number;
  kind: AuditBreakKind;
  reason: string;
}

/** The stored record as the chain check reads it. */
export interface StoredAuditRecord extends AuditRecordContent {
  prevHash: string | null;
  hash: string | null;
}

/**
 * Checks one record against the one before it in id order (null for the first record). Ids may skip numbers
 * (a rolled-back transaction uses one up), so a skipped id is evidence only when the link does not match.
 */
export function checkAuditLink(
  previous: { id: number; hash: string | null } | null,
  record: StoredAuditRecord,
): AuditBreak | null {
  const { id } = record;
  if (!record.hash)
    return { id, kind: 'unhashed', reason: 'it carries no hash (it was written outside the chain)' };
  if (hashAuditRecord(record.prevHash, record) !== record.hash)
    return {
      id,
      kind: 'content_changed',
      reason: 'its content does not match its hash (the record was changed after it was written)',
    };
  const expected = previous?.hash ?? null;
  if ((record.prevHash ?? null) === expected) return null;
  if (previous === null)
    return {
      id,
      kind: 'record_removed',
      reason: 'it links to an earlier record that is no longer there (a record was removed)',
    };
  if (id > previous.id + 1)
    return {
      id,
      kind: 'record_removed',
      reason: `it does not link to record #${previous.id} before it (a record between them was removed)`,
    };
  return {
    id,
    kind: 'chain_broken',
    reason: `its link does not match the hash of record #${previous.id} (the chain is broken)`,
  };
}
