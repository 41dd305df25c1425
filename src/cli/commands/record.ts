import { transitionProposal } from '../../app/transition-proposal.ts';
import type { AppContext } from '../../composition.ts';
import type { Actor } from '../../domain/lifecycle/lifecycle.models.ts';

export interface RecordOptions {
  on: string;
  by?: string | undefined;
  fact: Record<string, string>;
  as: Actor;
}

export async function runRecord(
  ctx: AppContext,
  reference: string,
  event: string,
  o: RecordOptions,
  out: NodeJS.WritableStream,
) {
  const result = await transitionProposal(
    { db: ctx.database.db, rules: ctx.rules },
    { reference, event, on: o.on, by: o.by, facts: o.fact, actor: o.as },
  );
  const renamed = result.reference !== result.previousReference ? ` (now ${result.reference})` : '';
  out.write(
    `${result.previousReference}${renamed}: ${event} recorded on ${o.on}; stage ${result.previousStage} -> ${result.stage}.\n`,
  );
}
