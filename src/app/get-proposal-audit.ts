// A proposal's change history: its audit records (the import, raising it, each event recorded), oldest first,
// with who made each change. Audit records name staff, so only a signed-in viewer who may see the proposal gets
// them; the anonymous public has the public timeline only (getProposal's history).
import { listAuditEventsOfSubject } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import { findVisibleProposalByReferences } from '../db/proposals.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

/** Who made a change: a user (by name), the import, or the system (the command line, a job). */
export type AuditWho =
  { kind: 'user'; userId: number; name: string } | { kind: 'import' } | { kind: 'system'; actor: string };

export interface ProposalAuditEntry {
  at: Date;
  who: AuditWho;
  /** The lifecycle actor a user acted as (analyst, proposer...), when recorded. */
  as: string | null;
  /** proposal.imported, proposal.raised, proposal.transitioned... */
  action: string;
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>> | null;
}

export interface ProposalAudit {
  reference: string;
  entries: ProposalAuditEntry[];
}

function whoOf(actor: string, userName: string | null): AuditWho {
  if (actor === 'import') return { kind: 'import' };
  const user = /^user:(\d+)$/.exec(actor);
  if (user) {
    const userId = Number(user[1]);
    return { kind: 'user', userId, name: userName ?? `User ${userId}` };
  }
  return { kind: 'system', actor };
}

/** null for the anonymous public, and for a proposal the viewer may not see (or that does not exist). */
export async function getProposalAudit(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: Viewer; reference: string },
): Promise<ProposalAudit | null> {
  const { db, rules } = deps;
  if (input.viewer.kind === 'anonymous') return null;
  const references = candidateReferences(rules.register, input.reference);
  const rows = await findVisibleProposalByReferences(
    db,
    { codeId: rules.id, viewer: input.viewer },
    references,
  );
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;
  const records = await listAuditEventsOfSubject(db, 'proposal', String(row.id));
  return {
    reference: row.reference,
    entries: records.map((r) => ({
      at: r.at,
      who: whoOf(r.actor, r.userName),
      as: typeof r.after?.as === 'string' ? r.after.as : null,
      action: r.action,
      before: r.before,
      after: r.after,
    })),
  };
}
