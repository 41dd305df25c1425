// The actions meetings gave that are not done yet, across the code or for one committee, optionally only those
// from meetings before a day (the next agenda's "Actions from previous meetings"); those due soonest first,
// then those with no due date. Actions are White committee business: anyone may see them.
import type { Db } from '../db/connect.ts';
import { listOpenMeetingActions } from '../db/meeting-outcomes.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface OpenAction {
  id: number;
  committee: { ref: string; name: string };
  meeting: { number: number; date: string };
  item: number | null;
  text: string;
  owner: { userId: number | null; name: string };
  dueOn: string | null;
}

export interface ListOpenActionsInput {
  /** A committee's reference: OPSG. */
  committee?: string | undefined;
  /** YYYY-MM-DD: only actions from meetings held before this day. */
  meetingsBefore?: string | undefined;
}

export async function listOpenActions(
  deps: { db: Db | Tx; rules: RulesPack },
  input: ListOpenActionsInput = {},
): Promise<OpenAction[]> {
  const rows = await listOpenMeetingActions(deps.db, {
    codeId: deps.rules.id,
    committeeRef: input.committee?.trim(),
    meetingsBefore: input.meetingsBefore,
  });
  return rows.map((r) => ({
    id: r.id,
    committee: { ref: r.committeeRef, name: r.committeeName },
    meeting: { number: r.meetingNumber, date: r.meetingDate },
    item: r.item,
    text: r.text,
    owner: { userId: r.ownerUserId, name: r.ownerName },
    dueOn: r.dueOn,
  }));
}
