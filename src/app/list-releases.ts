// The release schedule: every release of the code (name, date, code version) with the proposals in it that the
// viewer may see: upcoming releases soonest first, then past ones most recent first. A proposal is in a release
// when an event of its history names the release (implemented in it, for the SEC).
import type { Db } from '../db/connect.ts';
import { listCodeReleases, listVisibleReleaseEvents } from '../db/releases.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface ReleaseProposal {
  reference: string;
  title: string;
  stage: string;
  stageLabel: string;
  /** The latest event naming the release ("Implemented") and its date. */
  event: string;
  eventLabel: string;
  on: string;
}

export interface ReleaseSummary {
  ref: string;
  name: string;
  date: string;
  codeVersion: string | null;
  /** On or after today. */
  upcoming: boolean;
  proposals: ReleaseProposal[];
}

export interface ReleaseSchedule {
  asOf: string;
  /** Soonest first. */
  upcoming: ReleaseSummary[];
  /** Most recent first. */
  past: ReleaseSummary[];
}

type ReleaseRow = Awaited<ReturnType<typeof listCodeReleases>>[number];

/** Releases with the proposals the viewer may see in each, one entry per proposal (its latest event). */
export async function releasesWithProposals(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: Viewer; releases: readonly ReleaseRow[]; today: string },
): Promise<ReleaseSummary[]> {
  const { db, rules } = deps;
  const events = await listVisibleReleaseEvents(
    db,
    { codeId: rules.id, viewer: input.viewer },
    input.releases.map((r) => r.id),
  );
  const label = (list: readonly { slug: string; label: string }[], slug: string) =>
    list.find((item) => item.slug === slug)?.label ?? slug;
  return input.releases.map((release) => {
    const inRelease = new Map<string, ReleaseProposal>();
    for (const e of events.filter((x) => x.releaseId === release.id))
      inRelease.set(e.reference, {
        reference: e.reference,
        title: e.title,
        stage: e.stage,
        stageLabel: label(rules.lifecycle.stages, e.stage),
        event: e.event,
        eventLabel: label(rules.lifecycle.events, e.event),
        on: e.on,
      });
    return {
      ref: release.ref,
      name: release.name,
      date: release.date,
      codeVersion: release.codeVersion,
      upcoming: release.date >= input.today,
      proposals: [...inRelease.values()],
    };
  });
}

export async function listReleases(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: { viewer: Viewer },
): Promise<ReleaseSchedule> {
  const { db, rules } = deps;
  const asOf = deps.today();
  const all = await releasesWithProposals(
    { db, rules },
    { viewer: input.viewer, releases: await listCodeReleases(db, rules.id), today: asOf },
  );
  return {
    asOf,
    upcoming: all.filter((r) => r.upcoming),
    past: all.filter((r) => !r.upcoming).reverse(),
  };
}
