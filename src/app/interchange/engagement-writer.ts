// What the engagement writers share (write-engagement.ts, write-meeting-decisions.ts): the register's ids for what
// a file's records name, the way back from an id to the name a file uses, and the audit records gathered while
// writing (appended together at the end, in the import's transaction, actor `import`).
import type { Tx } from '../../db/register.repository.ts';
import type { appendAuditEvents } from '../../db/transitions.repository.ts';

/** The register's ids for what the file's records name. */
export interface EngagementIds {
  /** By the file's reference. */
  proposals: ReadonlyMap<string, number>;
  committees: ReadonlyMap<string, number>;
  /** `${committee}#${number}` */
  meetings: ReadonlyMap<string, number>;
  papers: ReadonlyMap<string, number>;
}

export const IMPORT_ACTOR = 'import';

export type EngagementWriter = ReturnType<typeof engagementWriter>;

export function engagementWriter(tx: Tx, ids: EngagementIds) {
  const reverse = <K>(map: ReadonlyMap<K, number>) => new Map([...map].map(([k, id]) => [id, k]));
  const committeeRef = reverse(ids.committees);
  const meetingKey = reverse(ids.meetings);
  const paperRef = reverse(ids.papers);
  const audit: Parameters<typeof appendAuditEvents>[1] = [];
  const need = <K>(map: ReadonlyMap<K, number>, key: K, what: string): number => {
    const id = map.get(key);
    if (id === undefined) throw new Error(`internal: ${what} "${String(key)}" was checked but is missing`);
    return id;
  };
  return {
    tx,
    ids,
    audit,
    need,
    committeeId: (ref: string) => need(ids.committees, ref, 'committee'),
    meetingId: (committee: string, number: number) => need(ids.meetings, `${committee}#${number}`, 'meeting'),
    /** A committee's reference from its id. */
    refOf: (id: number | null) => (id === null ? null : (committeeRef.get(id) ?? null)),
    /** A meeting's number (in its committee's series) from its id. */
    meetingNumberOf: (id: number | null) => {
      const key = id === null ? undefined : meetingKey.get(id);
      return key === undefined ? null : Number(key.slice(key.lastIndexOf('#') + 1));
    },
    paperOf: (id: number | null) => (id === null ? null : (paperRef.get(id) ?? null)),
    /** One audit record: before null for a record added, after null for one removed. */
    record: (
      subjectType: string,
      subjectId: number,
      action: string,
      before: object | null,
      after: object | null,
    ) => {
      audit.push({
        actor: IMPORT_ACTOR,
        action,
        subjectType,
        subjectId: String(subjectId),
        before: before as Record<string, unknown> | null,
        after: after as Record<string, unknown> | null,
      });
    },
  };
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}
