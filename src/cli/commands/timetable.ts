import { getProposalTimetable } from '../../app/get-proposal-timetable.ts';
import type { AppContext } from '../../composition.ts';
import { anonymousViewer } from '../../domain/access/visibility.ts';
import { CliError, EXIT } from '../exit-codes.ts';

export async function runTimetable(
  ctx: AppContext,
  reference: string,
  today: string,
  out: NodeJS.WritableStream,
) {
  const t = await getProposalTimetable(
    { db: ctx.database.db, rules: ctx.rules, today: () => today },
    { viewer: anonymousViewer, reference },
  );
  if (!t)
    throw new CliError(`There is no proposal ${reference} in the ${ctx.rules.id} register.`, EXIT.badInput);
  out.write(`${t.reference} (${t.stage}), as of ${t.asOf}\n`);
  for (const m of t.milestones)
    out.write(`  ${m.due}  ${m.label}${m.overdue ? '  OVERDUE' : ''}  (${m.basis})\n`);
  if (t.milestones.length === 0) out.write('  no milestones ahead\n');
  out.write(`  next: ${t.nextEvents.map((e) => e.slug).join(', ') || 'nothing'}\n`);
}
