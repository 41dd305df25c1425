// An administrator-defined closure: a day the office is shut, which no working-day count includes.
import type { Db } from '../db/connect.ts';
import { upsertClosure } from '../db/timetable.repository.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';

export async function addClosure(deps: { db: Db }, input: { date: string; name: string }): Promise<void> {
  parseIsoDate(input.date); // throws, naming the value, for a date that does not exist
  if (!input.name.trim()) throw new Error('A closure needs a name, e.g. "Office closed".');
  await upsertClosure(deps.db, { date: input.date, name: input.name.trim() });
}
