// Imports modgov/v1 files into the register: every file is read and checked first, and every problem in every
// file is reported in one pass; only a clean import is written, in one transaction. Importing the same file
// again changes nothing: records are matched on their identifiers (a proposal on its number, so DP090 and
// MP090 are one), stored fields the file leaves out are kept, and a proposal's history is the file's. The
// committee engagement records (problem statement versions, views, following, meetings' outcomes and actions)
// are checked by the rules of the use cases that write them, and written by interchange/write-engagement.ts.
import type { Db } from '../db/connect.ts';
import { listEngagementKeys, listPaperIds } from '../db/engagement-interchange.repository.ts';
import * as repo from '../db/register.repository.ts';
import { appendAuditEvents } from '../db/transitions.repository.ts';
import { checkRegister, type CheckedFile } from '../domain/interchange/check-register.ts';
import { sortIssues, type ImportIssue } from '../domain/interchange/import-issue.ts';
import type { V1Event, V1Proposal, V1Register } from '../domain/interchange/modgov-v1.models.ts';
import { eventFacts, parseReference } from '../domain/proposals/proposal-reference.ts';
import { replayHistory } from '../domain/lifecycle/lifecycle-engine.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { readRegisterFile } from './interchange/read-register-file.ts';
import { ENGAGEMENT_VOCABULARY } from './interchange/engagement-vocabulary.ts';
import { writeEngagement, type EngagementCounts } from './interchange/write-engagement.ts';

export interface ImportCounts extends EngagementCounts {
  organisations: number;
  people: number;
  committees: number;
  releases: number;
  meetings: number;
  proposals: number;
  events: number;
  papers: number;
}
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: ImportIssue[] };
export type ImportProgress = (step: { phase: 'check' | 'write'; done: number; total: number }) => void;

export async function importRegister(
  deps: { db: Db; rules: RulesPack },
  input: { files: readonly { name: string; text: string }[] },
  options: { onProgress?: ImportProgress } = {},
): Promise<ImportResult> {
  const { db, rules } = deps;
  const read = input.files.map((f) => readRegisterFile(f.name, f.text));
  const errors = read.flatMap((f) => f.issues);
  const files: CheckedFile[] = read.flatMap((f) =>
    f.checkable ? [{ name: f.name, register: f.checkable.register, locate: (path) => f.locate(path) }] : [],
  );
  const known = await repo.listKeys(db, rules.id);
  const engagement = await listEngagementKeys(db, rules.id);
  errors.push(
    ...checkRegister(
      rules,
      files,
      {
        organisations: new Set(known.organisations.keys()),
        people: new Set(known.people.keys()),
        committees: new Set(known.committees.keys()),
        releases: new Set(known.releases.keys()),
        meetings: new Set(known.meetings.keys()),
        meetingDates: engagement.meetingDates,
        papers: engagement.papers,
        problemStatementVersions: new Map(
          [...engagement.versionsByReference].map(([reference, versions]) => [
            parseReference(rules, reference)?.key ?? reference,
            versions,
          ]),
        ),
      },
      ENGAGEMENT_VOCABULARY,
    ),
  );
  options.onProgress?.({ phase: 'check', done: 1, total: 1 });
  if (errors.length > 0)
    return {
      ok: false,
      errors: sortIssues(
        errors,
        input.files.map((f) => f.name),
      ),
    };

  const merged = mergeFiles(read.map((f) => f.register).filter((r): r is V1Register => r !== null));
  const counts = await db.transaction(async (tx) => writeRegister(tx, rules, merged, options.onProgress));
  await repo.refreshStatistics(db);
  return { ok: true, counts };
}

/** Several files make one register: a record defined twice takes the later file's fields over the earlier's. */
function mergeFiles(registers: readonly V1Register[]) {
  const byKey = <T extends object>(lists: (T[] | undefined)[], key: (x: T) => string, merge: boolean) => {
    const out = new Map<string, T>();
    for (const list of lists)
      for (const x of list ?? []) out.set(key(x), merge ? { ...out.get(key(x)), ...x } : x);
    return [...out.values()];
  };
  const first = registers[0];
  if (!first) throw new Error('nothing to import');
  return {
    code: registers.reduce((c, r) => ({ ...c, ...r.code }), first.code),
    organisations: byKey(
      registers.map((r) => r.organisations),
      (o) => o.id,
      true,
    ),
    people: byKey(
      registers.map((r) => r.people),
      (p) => p.id,
      true,
    ),
    committees: byKey(
      registers.map((r) => r.committees),
      (c) => c.id,
      true,
    ),
    releases: byKey(
      registers.map((r) => r.releases),
      (x) => x.id,
      true,
    ),
    meetings: byKey(
      registers.map((r) => r.meetings),
      (m) => `${m.committee}#${m.number}`,
      true,
    ),
    proposals: byKey(
      registers.map((r) => r.proposals),
      (p) => p.id,
      false,
    ),
    papers: byKey(
      registers.map((r) => r.papers),
      (p) => p.reference,
      true,
    ),
  };
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

async function writeRegister(
  tx: repo.Tx,
  rules: RulesPack,
  r: ReturnType<typeof mergeFiles>,
  onProgress: ImportProgress | undefined,
): Promise<ImportCounts> {
  const codeId = rules.id;
  const known = await repo.listKeys(tx, codeId);
  const lookup = (map: Map<string, number>, slug: string, what: string) => {
    const id = map.get(slug);
    if (id === undefined) throw new Error(`internal: ${what} "${slug}" was checked but is missing`);
    return id;
  };

  await repo.upsertCode(tx, {
    id: codeId,
    name: r.code.name,
    changeTeamEmail: orNull(r.code.changeTeamEmail),
    administratorOrganisationId: null,
  });
  const orgIds = new Map([
    ...known.organisations,
    ...(await repo.upsertOrganisations(
      tx,
      r.organisations.map((o) => ({
        slug: o.id,
        name: o.name,
        shortName: orNull(o.shortName),
        category: o.category,
        referredToAs: orNull(o.referredToAs),
      })),
    )),
  ]);
  if (r.code.administrator)
    await repo.upsertCode(tx, {
      id: codeId,
      name: r.code.name,
      administratorOrganisationId: lookup(orgIds, r.code.administrator, 'organisation'),
    });

  const personIds = new Map([
    ...known.people,
    ...(await repo.upsertPeople(
      tx,
      r.people.map((p) => ({
        slug: p.id,
        name: p.name,
        organisationId: lookup(orgIds, p.organisation, 'organisation'),
        kind: p.kind === 'team' ? 'team' : null,
        team: orNull(p.team),
      })),
    )),
  ]);

  const committeeIds = new Map([
    ...known.committees,
    ...(await repo.upsertCommittees(
      tx,
      r.committees.map((c) => ({
        codeId,
        ref: c.id,
        name: c.name,
        impactHeading: orNull(c.impactHeading),
        parentId: null,
      })),
    )),
  ]);
  for (const c of r.committees)
    if (c.parent)
      await repo.setCommitteeParent(
        tx,
        lookup(committeeIds, c.id, 'committee'),
        lookup(committeeIds, c.parent, 'committee'),
      );

  const releaseIds = new Map([
    ...known.releases,
    ...(await repo.upsertReleases(
      tx,
      r.releases.map((x) => ({
        codeId,
        ref: x.id,
        name: x.name,
        date: x.date,
        codeVersion: orNull(x.codeVersion),
      })),
    )),
  ]);
  const meetingIds = new Map(known.meetings);
  const refOfCommittee = new Map([...committeeIds].map(([ref, id]) => [id, ref]));
  for (const m of await repo.upsertMeetings(
    tx,
    r.meetings.map((m) => ({
      committeeId: lookup(committeeIds, m.committee, 'committee'),
      number: m.number,
      date: m.date,
    })),
  ))
    meetingIds.set(`${refOfCommittee.get(m.committeeId)}#${m.number}`, m.id);

  // Proposals: matched on their number, so DP090 in a file finds MP090 in the register.
  const existing = new Map(
    known.proposals.map((p) => [parseReference(rules, p.reference)?.key ?? p.reference, p.id]),
  );
  const stageOf = new Map<string, string>();
  const rowOf = (p: V1Proposal) => {
    const parsed = parseReference(rules, p.id);
    const history = p.history ?? declaredHistory(rules, p);
    // checked already: the history replays, and agrees with any stage given
    const stage =
      replayHistory(
        rules.lifecycle,
        { path: p.path ?? null, alternative: Boolean(parsed?.letter) },
        history.map(eventFacts),
        'import',
      ).state.stage ?? rules.lifecycle.initialStage;
    stageOf.set(p.id, stage);
    return {
      codeId,
      reference: p.id,
      number: parsed?.number ?? 0,
      title: p.title,
      proposerId: lookup(personIds, p.proposer, 'person'),
      leadAnalystId: p.leadAnalyst ? lookup(personIds, p.leadAnalyst, 'person') : null,
      raised: p.raised,
      stage,
      path: orNull(p.path),
      urgent: p.urgent ?? false,
      fastTrack: p.fastTrack ?? false,
      classification: p.classification ?? 'white',
      summary: orNull(p.summary),
      problemStatement: orNull(p.problemStatement),
      affectedDocuments: p.affectedDocuments ?? [],
      impactedParties: p.impactedParties ?? [],
    };
  };
  const total = r.proposals.length;
  let done = 0;
  const proposalIds = new Map<string, number>();
  const fresh: V1Proposal[] = [];
  for (const p of r.proposals) {
    const id = existing.get(parseReference(rules, p.id)?.key ?? p.id);
    if (id === undefined) {
      fresh.push(p);
      continue;
    }
    await repo.updateProposal(tx, id, rowOf(p));
    proposalIds.set(p.id, id);
    onProgress?.({ phase: 'write', done: ++done, total });
  }
  for (const batch of repo.chunks(fresh, 250)) {
    for (const row of await repo.insertProposals(tx, batch.map(rowOf)))
      proposalIds.set(row.reference, row.id);
    done += batch.length;
    onProgress?.({ phase: 'write', done, total });
  }

  const impacts = r.proposals.flatMap((p) =>
    Object.entries(p.impacts ?? {}).map(([committee, text]) => ({
      proposalId: lookup(proposalIds, p.id, 'proposal'),
      committeeId: lookup(committeeIds, committee, 'committee'),
      text,
    })),
  );
  const events = r.proposals.flatMap((p) =>
    (p.history ?? declaredHistory(rules, p)).map((step, seq) => {
      const { release, ...facts } = eventFacts(step).facts;
      return {
        proposalId: lookup(proposalIds, p.id, 'proposal'),
        seq,
        on: step.on,
        event: step.event,
        byCommitteeId: step.by ? lookup(committeeIds, step.by, 'committee') : null,
        releaseId: release ? lookup(releaseIds, release, 'release') : null,
        facts,
      };
    }),
  );
  await repo.replaceProposalDetails(tx, [...proposalIds.values()], impacts, events);

  // The audit trail: one record for each proposal the import adds or moves.
  const before = new Map(known.proposals.map((p) => [p.id, { reference: p.reference, stage: p.stage }]));
  await appendAuditEvents(
    tx,
    r.proposals.flatMap((p) => {
      const id = lookup(proposalIds, p.id, 'proposal');
      const after = { reference: p.id, stage: stageOf.get(p.id) ?? '' };
      const was = before.get(id);
      if (was && was.reference === after.reference && was.stage === after.stage) return [];
      return [
        {
          actor: 'import',
          action: 'proposal.imported',
          subjectType: 'proposal',
          subjectId: String(id),
          before: was ?? null,
          after,
        },
      ];
    }),
  );

  await repo.upsertPapers(
    tx,
    r.papers.map((p) => ({
      codeId,
      reference: p.reference,
      type: p.type,
      meetingId: p.meeting
        ? lookup(meetingIds, `${p.meeting.committee}#${p.meeting.number}`, 'meeting')
        : null,
      item: orNull(p.item),
      title: p.title,
      action: p.action,
      classification: p.classification ?? 'white',
      date: p.date,
      authorId: p.author ? lookup(personIds, p.author, 'person') : null,
      coversFrom: p.covers?.from ?? null,
      coversTo: p.covers?.to ?? null,
    })),
  );

  const engagement = await writeEngagement(
    tx,
    { proposals: r.proposals, meetings: r.meetings },
    {
      proposals: proposalIds,
      committees: committeeIds,
      meetings: meetingIds,
      papers: await listPaperIds(tx, codeId),
    },
  );

  return {
    ...engagement,
    organisations: r.organisations.length,
    people: r.people.length,
    committees: r.committees.length,
    releases: r.releases.length,
    meetings: r.meetings.length,
    proposals: r.proposals.length,
    events: events.length,
    papers: r.papers.length,
  };
}

/** A proposal given by its stage: the register records its raising, and the stage it was entered at. */
function declaredHistory(rules: RulesPack, p: V1Proposal): V1Event[] {
  const raised: V1Event = { on: p.raised, event: 'raised' };
  if (!p.stage || p.stage === rules.lifecycle.initialStage) return [raised];
  return [raised, { on: p.raised, event: 'stage_declared', stage: p.stage }];
}
