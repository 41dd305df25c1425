// The actions meetings gave, for `modgov action list`: the open ones (listOpenActions: due soonest first, then
// those with no due date), and with `includeDone` the done ones after them (most recently done first); of one
// committee, and of one owner (a user, by e-mail), when asked. Each says whether it is overdue: open, and due
// before today. An unknown committee or owner is refused, naming the field. White committee business, like the
// meeting page's actions: anyone may see them.
//
// Cost: the done actions are read meeting by meeting (one small query per meeting of the code, or of the
// committee); fine for the few hundred meetings a code holds, and only when the done ones are asked for.
import { findUserByEmail } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { listMeetingActions } from '../db/meeting-outcomes.repository.ts';
import { listMeetings } from '../db/meetings.repository.ts';
import { findCommitteeByRef } from '../db/papers.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { normaliseEmail } from './add-user.ts';
import { listOpenActions, type OpenAction } from './list-open-actions.ts';

export interface ListedAction extends OpenAction {
  /** YYYY-MM-DD, or null while it is open. */
  doneOn: string | null;
  /** Open, with a due date before today. */
  overdue: boolean;
}

export interface ListActionsInput {
  /** A committee's reference: OPSG. */
  committee?: string | undefined;
  /** Only the actions of the user with this e-mail address. */
  ownerEmail?: string | undefined;
  /** The done actions too. */
  includeDone?: boolean | undefined;
}

/** A committee or owner the caller can correct, naming the field. */
export class ActionListInputError extends Error {
  readonly code = 'meeting.invalid_action_list';
  readonly status = 400;
  override name = 'ActionListInputError';
  constructor(
    message: string,
    readonly field: 'committee' | 'owner',
  ) {
    super(message);
  }
}

export async function listActions(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: ListActionsInput = {},
): Promise<ListedAction[]> {
  const { db, rules } = deps;
  const today = deps.today();
  const committeeRef = input.committee?.trim();
  const committee = committeeRef === undefined ? null : await findCommitteeByRef(db, rules.id, committeeRef);
  if (committeeRef !== undefined && !committee)
    throw new ActionListInputError(
      `There is no committee "${committeeRef}" in the ${rules.id} register.`,
      'committee',
    );

  let ownerUserId: number | null = null;
  if (input.ownerEmail !== undefined) {
    const email = normaliseEmail(input.ownerEmail);
    if (!email) throw new ActionListInputError(`"${input.ownerEmail}" is not an e-mail address.`, 'owner');
    const user = await findUserByEmail(db, email);
    if (!user) throw new ActionListInputError(`There is no user with the e-mail address ${email}.`, 'owner');
    ownerUserId = user.id;
  }
  const isTheirs = (a: { owner: { userId: number | null } }) =>
    ownerUserId === null || a.owner.userId === ownerUserId;

  const open: ListedAction[] = (await listOpenActions({ db, rules }, { committee: committeeRef }))
    .filter(isTheirs)
    .map((a) => ({ ...a, doneOn: null, overdue: a.dueOn !== null && a.dueOn < today }));
  if (!input.includeDone) return open;

  const done: ListedAction[] = [];
  for (const meeting of await listMeetings(db, rules.id, committee?.id)) {
    for (const a of await listMeetingActions(db, meeting.id)) {
      if (a.doneOn === null) continue;
      const action: ListedAction = {
        id: a.id,
        committee: { ref: a.committeeRef, name: a.committeeName },
        meeting: { number: a.meetingNumber, date: a.meetingDate },
        item: a.item,
        text: a.text,
        owner: { userId: a.ownerUserId, name: a.ownerName },
        dueOn: a.dueOn,
        doneOn: a.doneOn,
        overdue: false,
      };
      if (isTheirs(action)) done.push(action);
    }
  }
  done.sort((a, b) => (b.doneOn ?? '').localeCompare(a.doneOn ?? '') || b.id - a.id);
  return [...open, ...done];
}
