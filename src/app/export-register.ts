// Exports the whole register as modgov/v1. Deterministic: stable order, no timestamps of the export itself,
// so two exports of one register are byte for byte the same and import -> export -> import is the identity.
import { stringify } from 'yaml';
import type { Db } from '../db/connect.ts';
import { readEngagement } from '../db/engagement-interchange.repository.ts';
import { listPaperRecipients } from '../db/papers.repository.ts';
import { listVisibleProposalIds } from '../db/proposals.repository.ts';
import { readRegister } from '../db/register.repository.ts';
import { canSeePaper, type Viewer } from '../domain/access/visibility.ts';
import type { V1Event, V1Proposal, V1Register } from '../domain/interchange/modgov-v1.models.ts';
import { V1_EVENT_FACTS } from '../domain/interchange/modgov-v1.models.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { engagementOf } from './interchange/export-engagement.ts';

export type ExportFormat = 'yaml' | 'json';

export class EmptyRegisterError extends Error {
  readonly code = 'register.empty';
}

/** Drops undefined and null fields so the output only says what the register holds. */
function compact<T extends object>(o: { [K in keyof T]?: T[K] | undefined | null }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/**
 * The register as modgov/v1. Without a viewer, everything (the administrator's own export; views as
 * list-views.ts shows the whole register: all but a Red one, which no one may read); with one, only the proposals,
 * papers and views that viewer may see (the same policy as every other way out), with the problem statement
 * versions and following of those proposals, and every meeting's outcomes and actions (White committee business
 * that the meeting page shows to everyone).
 */
export async function buildRegisterDocument(
  deps: { db: Db; rules: RulesPack },
  options: { viewer?: Viewer | undefined } = {},
): Promise<V1Register> {
  const stored = await readRegister(deps.db, deps.rules.id);
  if (!stored.code)
    throw new EmptyRegisterError(`The register holds no ${deps.rules.id} data yet: import some first.`);
  const whole = { ...stored, engagement: await readEngagement(deps.db, deps.rules.id) };
  const r = options.viewer ? await keepVisible(deps, whole, options.viewer) : whole;
  if (!r.code) throw new Error('internal: the register lost its code');
  const orgSlug = new Map(r.organisations.map((o) => [o.id, o.slug]));
  const personSlug = new Map(r.people.map((p) => [p.id, p.slug]));
  const committeeRef = new Map(r.committees.map((c) => [c.id, c.ref]));
  const releaseRef = new Map(r.releases.map((x) => [x.id, x.ref]));
  const meetingKey = new Map(
    r.meetings.map((m) => [m.id, { committee: committeeRef.get(m.committeeId) ?? '', number: m.number }]),
  );
  const ref = <K>(map: Map<K, string>, id: K | null): string | undefined =>
    id === null ? undefined : map.get(id);

  const impactsOf = new Map<number, Record<string, string>>();
  for (const i of r.impacts) {
    const list = impactsOf.get(i.proposalId) ?? {};
    list[committeeRef.get(i.committeeId) ?? String(i.committeeId)] = i.text;
    impactsOf.set(i.proposalId, list);
  }
  const historyOf = new Map<number, V1Event[]>();
  for (const e of r.events) {
    const list = historyOf.get(e.proposalId) ?? [];
    const step = compact<V1Event>({ on: e.on, event: e.event, by: ref(committeeRef, e.byCommitteeId) });
    for (const f of V1_EVENT_FACTS) if (e.facts[f] !== undefined) step[f] = e.facts[f];
    const release = ref(releaseRef, e.releaseId);
    if (release) step.release = release;
    list.push(step);
    historyOf.set(e.proposalId, list);
  }

  const engagement = await engagementOf(deps, r.engagement, options.viewer ?? 'whole-register');
  const proposals = r.proposals.map((p) =>
    compact<V1Proposal>({
      id: p.reference,
      title: p.title,
      proposer: personSlug.get(p.proposerId) ?? '',
      leadAnalyst: ref(personSlug, p.leadAnalystId),
      raised: p.raised,
      stage: p.stage,
      path: p.path ?? undefined,
      urgent: p.urgent || undefined,
      fastTrack: p.fastTrack || undefined,
      classification: p.classification,
      summary: p.summary ?? undefined,
      problemStatement: p.problemStatement ?? undefined,
      impacts: impactsOf.get(p.id),
      affectedDocuments: p.affectedDocuments.length ? p.affectedDocuments : undefined,
      impactedParties: p.impactedParties.length ? p.impactedParties : undefined,
      history: historyOf.get(p.id),
      problemStatementVersions: engagement.versions.get(p.id),
      views: engagement.views.get(p.id),
      following: engagement.following.get(p.id),
    }),
  );

  return compact<V1Register>({
    format: 'modgov/v1' as const,
    code: compact<V1Register['code']>({
      id: r.code.id,
      name: r.code.name,
      administrator: ref(orgSlug, r.code.administratorOrganisationId),
      changeTeamEmail: r.code.changeTeamEmail ?? undefined,
    }),
    organisations: r.organisations.map((o) =>
      compact({
        id: o.slug,
        name: o.name,
        shortName: o.shortName,
        category: o.category,
        referredToAs: o.referredToAs,
      }),
    ),
    people: r.people.map((p) =>
      compact({
        id: p.slug,
        name: p.name,
        organisation: orgSlug.get(p.organisationId) ?? '',
        kind: p.kind === 'team' ? ('team' as const) : undefined,
        team: p.team,
      }),
    ),
    committees: r.committees.map((c) =>
      compact({
        id: c.ref,
        name: c.name,
        parent: ref(committeeRef, c.parentId),
        impactHeading: c.impactHeading,
      }),
    ),
    releases: r.releases.map((x) =>
      compact({ id: x.ref, name: x.name, date: x.date, codeVersion: x.codeVersion }),
    ),
    meetings: r.meetings.map((m) =>
      compact({
        ...meetingKey.get(m.id)!,
        date: m.date,
        outcomes: engagement.outcomes.get(m.id),
        actions: engagement.actions.get(m.id),
      }),
    ),
    proposals,
    papers: r.papers.map((p) =>
      compact({
        reference: p.reference,
        type: p.type,
        meeting: p.meetingId === null ? undefined : meetingKey.get(p.meetingId),
        item: p.item,
        title: p.title,
        action: p.action,
        classification: p.classification,
        date: p.date,
        author: ref(personSlug, p.authorId),
        covers: p.coversFrom && p.coversTo ? { from: p.coversFrom, to: p.coversTo } : undefined,
      }),
    ),
  });
}

type StoredRegister = Awaited<ReturnType<typeof readRegister>> & {
  engagement: Awaited<ReturnType<typeof readEngagement>>;
};

/**
 * The register without what the viewer may not see: hidden proposals (and their impacts, events, problem statement
 * versions, views and following), hidden papers. Views of visible proposals are filtered one by one afterwards.
 */
async function keepVisible(
  deps: { db: Db; rules: RulesPack },
  r: StoredRegister,
  viewer: Viewer,
): Promise<StoredRegister> {
  const visible = await listVisibleProposalIds(deps.db, { codeId: deps.rules.id, viewer });
  const recipients = await listPaperRecipients(
    deps.db,
    r.papers.map((p) => p.id),
  );
  const committeeOfMeeting = new Map(
    r.meetings.map((m) => [m.id, r.committees.find((c) => c.id === m.committeeId)?.ref ?? null]),
  );
  return {
    ...r,
    proposals: r.proposals.filter((p) => visible.has(p.id)),
    impacts: r.impacts.filter((i) => visible.has(i.proposalId)),
    events: r.events.filter((e) => visible.has(e.proposalId)),
    engagement: {
      ...r.engagement,
      versions: r.engagement.versions.filter((v) => visible.has(v.proposalId)),
      views: r.engagement.views.filter((v) => visible.has(v.proposalId)),
      following: r.engagement.following.filter((f) => visible.has(f.proposalId)),
    },
    papers: r.papers.filter((p) =>
      canSeePaper(viewer, {
        classification: p.classification,
        committeeRef: p.meetingId === null ? null : (committeeOfMeeting.get(p.meetingId) ?? null),
        recipientUserIds: recipients.get(p.id) ?? [],
      }),
    ),
  };
}

export async function exportRegister(
  deps: { db: Db; rules: RulesPack },
  options: { format: ExportFormat; viewer?: Viewer | undefined },
): Promise<string> {
  const doc = await buildRegisterDocument(deps, { viewer: options.viewer });
  return options.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 });
}
