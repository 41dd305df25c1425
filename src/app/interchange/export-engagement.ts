// The committee engagement records (issue 7) as modgov/v1, for export-register.ts: problem statement versions,
// views and following by proposal; outcomes and actions by meeting; each list in a stable order (versions by
// number; views by day, committee and the order they were stored in; following by committee; outcomes by item;
// actions by item, due date and the order they were stored in). Views pass through list-views.ts's presentViews,
// so an export shows exactly the views (and the papers they answer) its viewer may see, by the one policy.
import type { Db } from '../../db/connect.ts';
import type { StoredEngagement } from '../../db/engagement-interchange.repository.ts';
import type {
  V1Action,
  V1Following,
  V1Outcome,
  V1ProblemStatementVersion,
  V1View,
} from '../../domain/interchange/modgov-v1.models.ts';
import { PROBLEM_STATEMENT_SECTIONS, sectionsOf } from '../../domain/proposals/problem-statement.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';
import { presentViews, type ViewsViewer } from '../list-views.ts';

export interface ExportedEngagement {
  /** By proposal id. */
  versions: Map<number, V1ProblemStatementVersion[]>;
  views: Map<number, V1View[]>;
  following: Map<number, V1Following[]>;
  /** By meeting id. */
  outcomes: Map<number, V1Outcome[]>;
  actions: Map<number, V1Action[]>;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Only the fields that hold a value, in the order given. */
function defined<T extends object>(o: { [K in keyof T]: T[K] | null | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export async function engagementOf(
  deps: { db: Db; rules: RulesPack },
  stored: StoredEngagement,
  viewer: ViewsViewer,
): Promise<ExportedEngagement> {
  const out: ExportedEngagement = {
    versions: new Map(),
    views: new Map(),
    following: new Map(),
    outcomes: new Map(),
    actions: new Map(),
  };

  for (const v of stored.versions) {
    const sections = sectionsOf(v.sections);
    push(
      out.versions,
      v.proposalId,
      defined<V1ProblemStatementVersion>({
        version: v.version,
        on: v.writtenOn,
        status: v.status === 'agreed' ? 'agreed' : 'draft',
        agreedOn: v.agreedOn,
        agreedBy: v.agreedBy,
        sections: Object.fromEntries(
          PROBLEM_STATEMENT_SECTIONS.filter((s) => sections[s] !== '').map((s) => [s, sections[s]]),
        ),
      }),
    );
  }

  const proposalOfView = new Map(stored.views.map((v) => [v.id, v.proposalId]));
  for (const view of await presentViews(deps, viewer, stored.views)) {
    const proposalId = proposalOfView.get(view.id);
    if (proposalId === undefined) continue;
    push(
      out.views,
      proposalId,
      defined<V1View>({
        committee: view.committee.ref,
        on: view.givenOn,
        source: view.source,
        author: view.author,
        classification: view.classification.slug,
        text: view.text,
        version: view.problemStatementVersion,
        meeting: view.meeting?.number,
        paper: view.paper?.reference,
        item: view.agendaItem,
      }),
    );
  }

  for (const f of stored.following)
    push(
      out.following,
      f.proposalId,
      defined<V1Following>({
        committee: f.committee,
        decision: f.decision,
        on: f.decidedOn,
        meeting: f.meeting,
      }),
    );
  for (const o of stored.outcomes)
    push(out.outcomes, o.meetingId, defined<V1Outcome>({ item: o.item, outcome: o.outcome, notes: o.notes }));
  for (const a of stored.actions)
    push(
      out.actions,
      a.meetingId,
      defined<V1Action>({ item: a.item, text: a.text, owner: a.owner, due: a.dueOn, done: a.doneOn }),
    );
  return out;
}
