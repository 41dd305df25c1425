// An administrator-defined closure: a day the office is shut, which no working-day count includes. It moves
// every due date that counts across it, so it is audited like any other edit (before and after).
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import { listClosures, upsertClosure } from '../db/timetable.repository.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';

export class ClosureInputError extends Error {
  readonly code = 'closure.invalid';
  readonly status = 400;
  override name = 'ClosureInputError';
}

export async function addClosure(
  deps: { db: Db },
  input: { date: string; name: string; actor?: string | undefined },
): Promise<void> {
  try {
    parseIsoDate(input.date);
  } catch (error) {
    throw new ClosureInputError(`date: ${(error as Error).message}`);
  }
  const name = input.name.trim();
  if (!name) throw new ClosureInputError('name: a closure needs a name, e.g. "Office closed".');
  await deps.db.transaction(async (tx) => {
    const before = (await listClosures(tx)).find((c) => c.date === input.date) ?? null;
    if (before?.name === name) return;
    await upsertClosure(tx, { date: input.date, name });
    await appendChainedAuditEvents(tx, [
      {
        actor: input.actor ?? 'cli',
        action: before ? 'closure.renamed' : 'closure.added',
        subjectType: 'closure',
        subjectId: input.date,
        before: before ? { date: before.date, name: before.name } : null,
        after: { date: input.date, name },
      },
    ]);
  });
}
