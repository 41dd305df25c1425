// The dashboard's figures, over the proposals the viewer may see: how many are in each stage now, how long
// proposals spend in each stage, and how many were raised in each of the last months. The web page draws them;
// any other way out (an API, the CLI) can call this too.
import type { Db } from '../db/connect.ts';
import {
  countVisibleProposalsByStage,
  countVisibleProposalsRaisedByMonth,
  listVisibleProposalHistories,
} from '../db/dashboard.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { LifecycleEvent } from '../domain/lifecycle/lifecycle.models.ts';
import {
  summariseTimeInStage,
  type ProposalHistory,
  type StageTime,
} from '../domain/lifecycle/time-in-stage.ts';
import { parseReference } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

/** How many months the "raised per month" figure covers, ending with the current month. */
export const DASHBOARD_MONTHS = 24;

export interface GetDashboardDeps {
  db: Db;
  rules: RulesPack;
  /** Today as YYYY-MM-DD. */
  today: () => string;
}

export interface Dashboard {
  /** The date the figures were computed for. */
  asOf: string;
  /** The visible proposals, all stages together. */
  total: number;
  /** Every stage in lifecycle order (none is left out for having no proposals), then any stage not in it. */
  byStage: { stage: string; label: string; count: number }[];
  /** The stages that are not final, in lifecycle order (see src/domain/lifecycle/time-in-stage.ts). */
  timeInStage: StageTime[];
  /** The last DASHBOARD_MONTHS months, oldest first, each as YYYY-MM; a month with none raised is 0. */
  raisedByMonth: { month: string; count: number }[];
}

/** The `count` months ending with the month of `today`, oldest first, as YYYY-MM. */
export function monthsEnding(today: string, count: number): string[] {
  parseIsoDate(today); // a malformed date fails here, not as an odd month
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const n = year * 12 + month - (count - 1 - i);
    return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

export async function getDashboard(deps: GetDashboardDeps, input: { viewer: Viewer }): Promise<Dashboard> {
  const { db, rules } = deps;
  const today = deps.today();
  const scope = { codeId: rules.id, viewer: input.viewer };

  const counts = new Map(
    (await countVisibleProposalsByStage(db, scope)).map((row) => [row.stage, row.total]),
  );
  const known = new Set(rules.lifecycle.stages.map((s) => s.slug));
  const byStage = [
    ...rules.lifecycle.stages.map((s) => ({ stage: s.slug, label: s.label, count: counts.get(s.slug) ?? 0 })),
    ...[...counts]
      .filter(([stage]) => !known.has(stage))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([stage, count]) => ({ stage, label: stage, count })),
  ];

  const months = monthsEnding(today, DASHBOARD_MONTHS);
  const raised = new Map(
    (
      await countVisibleProposalsRaisedByMonth(db, scope, {
        from: `${months[0] ?? today.slice(0, 7)}-01`,
        to: today,
      })
    ).map((row) => [row.month, row.total]),
  );

  return {
    asOf: today,
    total: byStage.reduce((sum, s) => sum + s.count, 0),
    byStage,
    timeInStage: summariseTimeInStage(
      rules.lifecycle,
      groupHistories(rules, await listVisibleProposalHistories(db, scope)),
      today,
    ),
    raisedByMonth: months.map((month) => ({ month, count: raised.get(month) ?? 0 })),
  };
}

type HistoryRow = Awaited<ReturnType<typeof listVisibleProposalHistories>>[number];

/** The rows of many proposals' events (a proposal's together, in order) as one history per proposal. */
function groupHistories(rules: RulesPack, rows: readonly HistoryRow[]): ProposalHistory[] {
  const byProposal = new Map<number, ProposalHistory & { history: LifecycleEvent[] }>();
  for (const row of rows) {
    let entry = byProposal.get(row.proposalId);
    if (!entry) {
      entry = {
        proposal: { path: row.path, alternative: Boolean(parseReference(rules, row.reference)?.letter) },
        history: [],
      };
      byProposal.set(row.proposalId, entry);
    }
    entry.history.push({
      event: row.event,
      on: row.on,
      by: row.by ?? undefined,
      facts: row.release ? { ...row.facts, release: row.release } : row.facts,
    });
  }
  return [...byProposal.values()];
}
