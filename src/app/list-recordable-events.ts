// What a signed-in user may record on a proposal now: the events the proposal page's "Record an event" form
// offers, each with the committees that may make it and the facts it takes. The policy is canRecordEvent /
// eventsUserMayRecord (src/domain/access/can.ts); recordProposalEvent enforces the same policy on the way in.
import { findProposerOfProposal, listCommitteeNames } from '../db/proposal-access.repository.ts';
import type { Db } from '../db/connect.ts';
import { findVisibleProposalByReferences } from '../db/proposals.repository.ts';
import { listHistoryForReplay } from '../db/transitions.repository.ts';
import { eventsUserMayRecord, type ActingUser, type ProposalForAccess } from '../domain/access/can.ts';
import { viewerOf } from '../domain/access/visibility.ts';
import { findEvent, replayHistory } from '../domain/lifecycle/lifecycle-engine.ts';
import type {
  Actor,
  FactDef,
  LifecycleState,
  ProposalContext,
} from '../domain/lifecycle/lifecycle.models.ts';
import { candidateReferences, parseReference } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { SignedInUser } from './get-session.ts';

/** The facts about the signed-in user that decide what they may do. */
export type ActionUser = Pick<SignedInUser, 'id' | 'personId' | 'organisationId' | 'roles'>;

export function actingUserOf(user: ActionUser): ActingUser {
  return {
    personId: user.personId,
    organisationId: user.organisationId,
    roles: user.roles.map((r) => ({ role: r.role, committee: 'committee' in r ? r.committee : null })),
  };
}

/** A proposal the user may see, with what the policy needs: its proposer and where it is in its lifecycle. */
export interface ProposalForAction {
  id: number;
  reference: string;
  access: ProposalForAccess & { context: ProposalContext; state: LifecycleState };
}

/** The proposal as `user` may see it (null: unknown or hidden from them), ready for the policy. */
/** The proposal's stored history does not replay under today's rules: nothing can be recorded on it. */
export class StoredHistoryError extends Error {
  readonly code = 'proposal.invalid_transition';
  readonly status = 409;
  override name = 'StoredHistoryError';
}

export async function findProposalForAction(
  deps: { db: Db; rules: RulesPack },
  input: { user: ActionUser; reference: string },
): Promise<ProposalForAction | null> {
  const { db, rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const rows = await findVisibleProposalByReferences(
    db,
    { codeId: rules.id, viewer: viewerOf(input.user) },
    references,
  );
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;
  const proposer = await findProposerOfProposal(db, row.id);
  if (!proposer) return null;
  const context = { path: row.path, alternative: Boolean(parseReference(rules, row.reference)?.letter) };
  // What is stored was allowed when it was recorded: replay it as such.
  const replay = replayHistory(rules.lifecycle, context, await listHistoryForReplay(db, row.id), 'import');
  if (!replay.ok)
    throw new StoredHistoryError(
      `${row.reference}: the stored history no longer replays (event ${replay.index + 1}: ${replay.message}), so nothing can be recorded on it until it is mended.`,
    );
  return { id: row.id, reference: row.reference, access: { ...proposer, context, state: replay.state } };
}

/** One event the user may record now, with what the form asks for. */
export interface RecordableEvent {
  event: string;
  label: string;
  /** The lifecycle actor the user records it as. */
  as: Actor;
  /** The committees that may make it (by reference, with their names), when it is a committee's act. */
  by: { committees: { ref: string; name: string }[]; required: boolean } | null;
  facts: readonly FactDef[];
}

export interface RecordableEvents {
  reference: string;
  /** The date of the last event: a new one cannot be earlier. */
  lastOn: string | null;
  events: RecordableEvent[];
}

/** null when the user may not see the proposal; otherwise the events they may record now (perhaps none). */
export async function listRecordableEvents(
  deps: { db: Db; rules: RulesPack },
  input: { user: ActionUser; reference: string },
): Promise<RecordableEvents | null> {
  const { db, rules } = deps;
  let proposal: ProposalForAction | null;
  try {
    proposal = await findProposalForAction(deps, input);
  } catch (error) {
    // the page still shows the proposal; it offers nothing to record (recording is refused with the reason)
    if (error instanceof StoredHistoryError) return { reference: input.reference, lastOn: null, events: [] };
    throw error;
  }
  if (!proposal) return null;
  const allowed = eventsUserMayRecord(rules.lifecycle, actingUserOf(input.user), proposal.access);
  const defs = allowed.map((a) => ({ ...a, def: findEvent(rules.lifecycle, a.event) }));
  const names = await listCommitteeNames(db, rules.id, [
    ...new Set(defs.flatMap((d) => d.def?.by?.committees ?? [])),
  ]);
  return {
    reference: proposal.reference,
    lastOn: proposal.access.state.lastOn,
    events: defs.map(({ event, label, as, def }) => ({
      event,
      label,
      as,
      by: def?.by
        ? {
            committees: def.by.committees.map((ref) => ({ ref, name: names.get(ref) ?? ref })),
            required: def.by.required,
          }
        : null,
      facts: def?.facts ?? [],
    })),
  };
}
