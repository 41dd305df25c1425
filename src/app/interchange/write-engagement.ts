// Writes a checked import's committee engagement records (issue 7), inside the import's transaction: problem
// statement versions, views and following under each proposal, outcomes and actions under each meeting.
//
// A list the file gives is the file's for that proposal or meeting; a list it leaves out keeps what is stored.
// Records are matched so that importing the same file again changes nothing: versions on their number, following
// on the committee, outcomes on the agenda item, views on (committee, day, source, text) and actions on (item,
// text), in turn. A matched record keeps its id and its link to a user (the member who sent a view in, the user
// who owns an action) unless the file names someone else; a new one is stored with the name the file gives. What
// the file no longer has is deleted. Every change is audited (actor `import`) with its before and after (null for
// a record added or removed): versions and following on the proposal, as their use cases audit them; a view on
// the view itself (`committee_view`), as record-view.ts does, since a proposal's change history is shown to
// anyone who may see the proposal and must not show an Amber view's text; outcomes and actions on the meeting.
import * as repo from '../../db/engagement-interchange.repository.ts';
import type { Tx } from '../../db/register.repository.ts';
import { appendAuditEvents } from '../../db/transitions.repository.ts';
import type { V1Meeting, V1Proposal } from '../../domain/interchange/modgov-v1.models.ts';
import {
  normaliseSection,
  normaliseSections,
  sameSections,
  sectionsOf,
} from '../../domain/proposals/problem-statement.ts';
import {
  engagementWriter,
  groupBy,
  IMPORT_ACTOR,
  type EngagementIds,
  type EngagementWriter,
} from './engagement-writer.ts';
import { writeActions, writeOutcomes } from './write-meeting-decisions.ts';

export type { EngagementIds } from './engagement-writer.ts';

export interface EngagementCounts {
  problemStatementVersions: number;
  views: number;
  following: number;
  outcomes: number;
  actions: number;
}

/** A view's fields that the file gives, as stored (the author apart). */
interface ViewFields {
  committeeId: number;
  source: string;
  givenOn: string;
  text: string;
  classification: string;
  problemStatementVersion: number | null;
  meetingId: number | null;
  paperId: number | null;
  agendaItem: number | null;
}

export async function writeEngagement(
  tx: Tx,
  input: { proposals: readonly V1Proposal[]; meetings: readonly V1Meeting[] },
  ids: EngagementIds,
): Promise<EngagementCounts> {
  const w = engagementWriter(tx, ids);
  await writeVersions(w, input.proposals);
  await writeViews(w, input.proposals);
  await writeFollowing(w, input.proposals);
  await writeOutcomes(w, input.meetings);
  await writeActions(w, input.meetings);
  await appendAuditEvents(tx, w.audit);
  const total = <T>(list: readonly T[], of: (x: T) => readonly unknown[] | undefined) =>
    list.reduce((n, x) => n + (of(x)?.length ?? 0), 0);
  return {
    problemStatementVersions: total(input.proposals, (p) => p.problemStatementVersions),
    views: total(input.proposals, (p) => p.views),
    following: total(input.proposals, (p) => p.following),
    outcomes: total(input.meetings, (m) => m.outcomes),
    actions: total(input.meetings, (m) => m.actions),
  };
}

const proposalIdOf = (w: EngagementWriter) => (p: V1Proposal) => w.need(w.ids.proposals, p.id, 'proposal');

/** Problem statement versions, matched on their number; the audit on the proposal, as the use cases write it. */
async function writeVersions(w: EngagementWriter, proposals: readonly V1Proposal[]) {
  const proposalId = proposalIdOf(w);
  const withVersions = proposals.filter((p) => p.problemStatementVersions);
  const storedVersions = groupBy(
    await repo.listStoredVersions(w.tx, withVersions.map(proposalId)),
    (v) => v.proposalId,
  );
  const describeVersion = (v: {
    version: number;
    status: string;
    writtenOn: string;
    agreedOn: string | null;
    agreedByCommitteeId: number | null;
    sections: Record<string, string>;
  }) => ({
    version: v.version,
    status: v.status,
    on: v.writtenOn,
    agreedOn: v.agreedOn,
    agreedBy: w.refOf(v.agreedByCommitteeId),
    sections: v.sections,
  });
  const newVersions: Parameters<typeof repo.insertVersions>[1] = [];
  for (const p of withVersions) {
    const pid = proposalId(p);
    const stored = new Map((storedVersions.get(pid) ?? []).map((v) => [v.version, v]));
    for (const v of p.problemStatementVersions ?? []) {
      const want = {
        version: v.version,
        sections: { ...normaliseSections(v.sections) },
        status: v.status,
        writtenOn: v.on,
        agreedOn: v.agreedOn ?? null,
        agreedByCommitteeId: v.agreedBy ? w.committeeId(v.agreedBy) : null,
      };
      const was = stored.get(v.version);
      stored.delete(v.version);
      if (!was) {
        newVersions.push({ proposalId: pid, ...want, writtenBy: IMPORT_ACTOR });
        w.record('proposal', pid, 'problem_statement.version_imported', null, describeVersion(want));
      } else if (
        !sameSections(sectionsOf(was.sections), sectionsOf(want.sections)) ||
        was.status !== want.status ||
        was.writtenOn !== want.writtenOn ||
        was.agreedOn !== want.agreedOn ||
        was.agreedByCommitteeId !== want.agreedByCommitteeId
      ) {
        await repo.updateVersion(w.tx, was.id, want);
        w.record(
          'proposal',
          pid,
          'problem_statement.version_imported',
          describeVersion(was),
          describeVersion(want),
        );
      }
    }
    for (const gone of stored.values())
      w.record('proposal', pid, 'problem_statement.version_imported', describeVersion(gone), null);
    await repo.deleteVersions(
      w.tx,
      [...stored.values()].map((v) => v.id),
    );
  }
  await repo.insertVersions(w.tx, newVersions);
}

/** Views, matched on (committee, day, source, text) in turn; the audit on the view, as record-view.ts writes it. */
async function writeViews(w: EngagementWriter, proposals: readonly V1Proposal[]) {
  const proposalId = proposalIdOf(w);
  const withViews = proposals.filter((p) => p.views);
  const storedViews = groupBy(
    await repo.listStoredViews(w.tx, withViews.map(proposalId)),
    (v) => v.proposalId,
  );
  const describeView = (reference: string, v: ViewFields, author: string) => ({
    reference,
    committee: w.refOf(v.committeeId),
    source: v.source,
    givenOn: v.givenOn,
    author,
    classification: v.classification,
    problemStatementVersion: v.problemStatementVersion,
    meeting: w.meetingNumberOf(v.meetingId),
    paper: w.paperOf(v.paperId),
    item: v.agendaItem,
    text: v.text,
  });
  for (const p of withViews) {
    const pid = proposalId(p);
    const pool = [...(storedViews.get(pid) ?? [])];
    const added: { want: ViewFields; author: string }[] = [];
    for (const v of p.views ?? []) {
      const want: ViewFields = {
        committeeId: w.committeeId(v.committee),
        source: v.source,
        givenOn: v.on,
        text: normaliseSection(v.text),
        classification: v.classification ?? p.classification ?? 'white',
        problemStatementVersion: v.version ?? null,
        meetingId: v.meeting === undefined ? null : w.meetingId(v.committee, v.meeting),
        paperId: v.paper === undefined ? null : w.need(w.ids.papers, v.paper, 'paper'),
        agendaItem: v.item ?? null,
      };
      const author = v.author.trim();
      const at = pool.findIndex(
        (s) =>
          s.committeeId === want.committeeId &&
          s.source === want.source &&
          s.givenOn === want.givenOn &&
          s.text === want.text,
      );
      const was = at < 0 ? undefined : pool.splice(at, 1)[0];
      if (!was) {
        added.push({ want, author });
        continue;
      }
      const shownAuthor = was.authorUserName ?? was.authorName ?? was.committeeName;
      const authorChange = author === shownAuthor ? {} : { authorUserId: null, authorName: author };
      const changed =
        author !== shownAuthor ||
        was.classification !== want.classification ||
        was.problemStatementVersion !== want.problemStatementVersion ||
        was.meetingId !== want.meetingId ||
        was.paperId !== want.paperId ||
        was.agendaItem !== want.agendaItem;
      if (changed) {
        await repo.updateView(w.tx, was.id, { ...want, ...authorChange });
        w.record(
          'committee_view',
          was.id,
          'view.imported',
          describeView(p.id, was, shownAuthor),
          describeView(p.id, want, author),
        );
      }
    }
    await repo.deleteViews(
      w.tx,
      pool.map((v) => v.id),
    );
    for (const gone of pool)
      w.record(
        'committee_view',
        gone.id,
        'view.imported',
        describeView(p.id, gone, gone.authorUserName ?? gone.authorName ?? gone.committeeName),
        null,
      );
    const newIds = await repo.insertViews(
      w.tx,
      added.map((a) => ({ proposalId: pid, ...a.want, authorUserId: null, authorName: a.author })),
    );
    added.forEach((a, i) =>
      w.record('committee_view', newIds[i] ?? 0, 'view.imported', null, describeView(p.id, a.want, a.author)),
    );
  }
}

/** Following, one decision per committee; the audit on the proposal, as record-following.ts writes it. */
async function writeFollowing(w: EngagementWriter, proposals: readonly V1Proposal[]) {
  const proposalId = proposalIdOf(w);
  const withFollowing = proposals.filter((p) => p.following);
  const storedFollowing = groupBy(
    await repo.listStoredFollowing(w.tx, withFollowing.map(proposalId)),
    (f) => f.proposalId,
  );
  const describeFollowing = (reference: string, f: Omit<repo.StoredFollowing, 'proposalId'>) => ({
    reference,
    committee: w.refOf(f.committeeId),
    decision: f.decision,
    on: f.decidedOn,
    meeting: w.meetingNumberOf(f.meetingId),
  });
  const followingRows: Parameters<typeof repo.upsertFollowingRows>[1] = [];
  for (const p of withFollowing) {
    const pid = proposalId(p);
    const stored = new Map((storedFollowing.get(pid) ?? []).map((f) => [f.committeeId, f]));
    for (const f of p.following ?? []) {
      const want = {
        committeeId: w.committeeId(f.committee),
        decision: f.decision,
        decidedOn: f.on,
        meetingId: f.meeting === undefined ? null : w.meetingId(f.committee, f.meeting),
      };
      const was = stored.get(want.committeeId);
      stored.delete(want.committeeId);
      if (
        was &&
        was.decision === want.decision &&
        was.decidedOn === want.decidedOn &&
        was.meetingId === want.meetingId
      )
        continue;
      followingRows.push({ proposalId: pid, ...want });
      w.record(
        'proposal',
        pid,
        'following.imported',
        was ? describeFollowing(p.id, was) : null,
        describeFollowing(p.id, want),
      );
    }
    for (const gone of stored.values()) {
      await repo.deleteFollowing(w.tx, { proposalId: pid, committeeId: gone.committeeId });
      w.record('proposal', pid, 'following.imported', describeFollowing(p.id, gone), null);
    }
  }
  await repo.upsertFollowingRows(w.tx, followingRows);
}
