// Writes a checked import's meeting decisions (see write-engagement.ts): each meeting's outcomes, matched on their
// agenda item, and its actions, matched on (item, text) in turn, so an action keeps its id and its owner's user
// link while the file names the same owner. Audited on the meeting, as record-agenda-outcome.ts and
// add-meeting-action.ts write theirs.
import * as repo from '../../db/engagement-interchange.repository.ts';
import type { V1Meeting } from '../../domain/interchange/modgov-v1.models.ts';
import { groupBy, type EngagementWriter } from './engagement-writer.ts';

interface ActionFields {
  item: number | null;
  text: string;
  dueOn: string | null;
  doneOn: string | null;
}

export async function writeOutcomes(w: EngagementWriter, meetings: readonly V1Meeting[]) {
  const meetingId = (m: V1Meeting) => w.meetingId(m.committee, m.number);
  const withOutcomes = meetings.filter((m) => m.outcomes);
  const storedOutcomes = groupBy(
    await repo.listStoredOutcomes(w.tx, withOutcomes.map(meetingId)),
    (o) => o.meetingId,
  );
  const outcomeRows: Parameters<typeof repo.upsertOutcomes>[1] = [];
  for (const m of withOutcomes) {
    const mid = meetingId(m);
    const facts = { committee: m.committee, meeting: m.number };
    const stored = new Map((storedOutcomes.get(mid) ?? []).map((o) => [o.item, o]));
    for (const o of m.outcomes ?? []) {
      const want = { item: o.item, outcome: o.outcome, notes: o.notes?.trim() || null };
      const was = stored.get(o.item);
      stored.delete(o.item);
      if (was && was.outcome === want.outcome && was.notes === want.notes) continue;
      outcomeRows.push({ meetingId: mid, ...want });
      const before = was ? { ...facts, item: was.item, outcome: was.outcome, notes: was.notes } : null;
      w.record('meeting', mid, 'meeting.outcome_imported', before, { ...facts, ...want });
    }
    await repo.deleteOutcomes(
      w.tx,
      [...stored.values()].map((o) => o.id),
    );
    for (const gone of stored.values())
      w.record(
        'meeting',
        mid,
        'meeting.outcome_imported',
        { ...facts, item: gone.item, outcome: gone.outcome, notes: gone.notes },
        null,
      );
  }
  await repo.upsertOutcomes(w.tx, outcomeRows);
}

export async function writeActions(w: EngagementWriter, meetings: readonly V1Meeting[]) {
  const meetingId = (m: V1Meeting) => w.meetingId(m.committee, m.number);
  const withActions = meetings.filter((m) => m.actions);
  const storedActions = groupBy(
    await repo.listStoredActions(w.tx, withActions.map(meetingId)),
    (a) => a.meetingId,
  );
  for (const m of withActions) {
    const mid = meetingId(m);
    const describeAction = (id: number, a: ActionFields, owner: string | null) => ({
      action: id,
      committee: m.committee,
      meeting: m.number,
      item: a.item,
      text: a.text,
      owner,
      dueOn: a.dueOn,
      doneOn: a.doneOn,
    });
    const pool = [...(storedActions.get(mid) ?? [])];
    const added: { want: ActionFields; owner: string | null }[] = [];
    for (const a of m.actions ?? []) {
      const want: ActionFields = {
        item: a.item ?? null,
        text: a.text.trim(),
        dueOn: a.due ?? null,
        doneOn: a.done ?? null,
      };
      const owner = a.owner?.trim() ?? null;
      const at = pool.findIndex((s) => s.item === want.item && s.text === want.text);
      const was = at < 0 ? undefined : pool.splice(at, 1)[0];
      if (!was) {
        added.push({ want, owner });
        continue;
      }
      const shownOwner = was.ownerUserName ?? was.ownerName;
      if (owner === shownOwner && was.dueOn === want.dueOn && was.doneOn === want.doneOn) continue;
      await repo.updateAction(w.tx, was.id, {
        dueOn: want.dueOn,
        doneOn: want.doneOn,
        ...(owner === shownOwner ? {} : { ownerUserId: null, ownerName: owner }),
      });
      w.record(
        'meeting',
        mid,
        'meeting.action_imported',
        describeAction(was.id, was, shownOwner),
        describeAction(was.id, want, owner),
      );
    }
    await repo.deleteActions(
      w.tx,
      pool.map((a) => a.id),
    );
    for (const gone of pool)
      w.record(
        'meeting',
        mid,
        'meeting.action_imported',
        describeAction(gone.id, gone, gone.ownerUserName ?? gone.ownerName),
        null,
      );
    const newIds = await repo.insertActions(
      w.tx,
      added.map((a) => ({ meetingId: mid, ...a.want, ownerUserId: null, ownerName: a.owner })),
    );
    added.forEach((a, i) =>
      w.record(
        'meeting',
        mid,
        'meeting.action_imported',
        null,
        describeAction(newIds[i] ?? 0, a.want, a.owner),
      ),
    );
  }
}
