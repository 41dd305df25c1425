// A proposal's timetable: its next milestones with due dates (recomputed from today's data, so slips move
// them), which are overdue, and what may happen next in its lifecycle.
import type { Db } from '../db/connect.ts';
import { findVisibleProposalByReferences } from '../db/proposals.repository.ts';
import { listClosures, listMeetingsFrom } from '../db/timetable.repository.ts';
import { listHistoriesForReplay } from '../db/transitions.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { createWorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { allowedEvents, replayHistory } from '../domain/lifecycle/lifecycle-engine.ts';
import type { LifecycleEvent } from '../domain/lifecycle/lifecycle.models.ts';
import { candidateReferences, parseReference } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { computeTimetable } from '../domain/timetable/compute-timetable.ts';
import type { Milestone } from '../domain/timetable/timetable.models.ts';

export interface ProposalTimetable {
  reference: string;
  stage: string;
  /** Today, as the timetable was computed. */
  asOf: string;
  milestones: Milestone[];
  /** The events that people may record next. */
  nextEvents: { slug: string; label: string }[];
}

export async function getProposalTimetable(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: { viewer: Viewer; reference: string },
): Promise<ProposalTimetable | null> {
  const { db, rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const scope = { codeId: rules.id, viewer: input.viewer };
  const rows = await findVisibleProposalByReferences(db, scope, references);
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;
  const [timetable] = await getProposalTimetables(deps, [row]);
  return timetable ?? null;
}

/** A proposal as its timetable needs it: the caller has already checked the viewer may see it. */
export interface TimetableSubject {
  id: number;
  reference: string;
  stage: string;
  path: string | null;
}

/**
 * The timetables of several proposals, in their order, from one read of their histories, the meetings ahead and
 * the closures: the workspace's queue and each proposal's page compute them the same way.
 */
export async function getProposalTimetables(
  deps: { db: Db; rules: RulesPack; today: () => string },
  subjects: readonly TimetableSubject[],
): Promise<ProposalTimetable[]> {
  const { db, rules } = deps;
  if (subjects.length === 0) return [];
  const today = deps.today();
  const histories = await listHistoriesForReplay(
    db,
    subjects.map((s) => s.id),
  );
  const calendar = createWorkingDayCalendar({
    region: rules.timetable.region,
    closures: await listClosures(db),
  });
  const meetings = await listMeetingsFrom(db, rules.id, today);
  return subjects.map((row) => {
    const history: LifecycleEvent[] = histories.get(row.id) ?? [];
    const context = { path: row.path, alternative: Boolean(parseReference(rules, row.reference)?.letter) };
    const replay = replayHistory(rules.lifecycle, context, history, 'import');
    return {
      reference: row.reference,
      stage: row.stage,
      asOf: today,
      milestones: computeTimetable({
        lifecycle: rules.lifecycle,
        timetable: rules.timetable,
        calendar,
        stage: row.stage,
        history,
        meetings,
        today,
      }),
      // what people may record next (not what only an import may)
      nextEvents: replay.ok
        ? allowedEvents(rules.lifecycle, context, replay.state)
            .filter((e) => e.recordedBy.some((actor) => actor !== 'import'))
            .map((e) => ({ slug: e.slug, label: e.label }))
        : [],
    };
  });
}
