// GB working-day arithmetic over ISO dates. Conventions (also in docs/adr/0004-working-day-calendars.md):
// - addWorkingDays(d, n), n > 0: the n-th working day after d; d itself never counts, working day or not.
//   "A 15-working-day consultation opened on Monday 18 November 2019 closes on 9 December 2019".
// - n < 0 counts back the same way: "papers issued 5 working days before a meeting on 5 November 2019" are
//   dated 29 October 2019.
// - n = 0: d when it is a working day, else the next working day ("on or after").
// - workingDaysBetween(from, to): the working days in (from, to]; -workingDaysBetween(to, from) when to < from.
//   For a working day d, workingDaysBetween(d, addWorkingDays(d, n)) === n for every integer n.
// - A date whose year has no known bank holidays throws; it is never treated as an ordinary day.
import { assertRegion, bankHolidays } from './bank-holidays.ts';
import { CalendarError, describeValue } from './calendar.errors.ts';
import {
  DEFAULT_REGION,
  type Closure,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
} from './calendar.models.ts';
import { WEEKDAY_NAMES, formatIsoDate, parseIsoDate, weekdayOf, yearOf } from './iso-date.ts';

export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const region = options.region ?? DEFAULT_REGION;
  assertRegion(region);
  const closures = (options.closures ?? []).map(validClosure);
  /** The first closure named for a day wins. */
  const closureNames = new Map<number, string>();
  for (const c of closures) {
    const day = parseIsoDate(c.date);
    if (!closureNames.has(day)) closureNames.set(day, c.name);
  }
  /** Bank holidays by day number, one map per year, filled when a year is first asked about. */
  const holidaysByYear = new Map<number, ReadonlyMap<number, string>>();

  function holidayName(day: number): string | undefined {
    const year = yearOf(day);
    let holidays = holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Map(bankHolidays(region, year).map((h) => [parseIsoDate(h.date), h.name]));
      holidaysByYear.set(year, holidays);
    }
    return holidays.get(day);
  }

  /** The answers so far, by day number: counting is a day-by-day walk that often crosses the same days. */
  const reasons = new Map<number, string | null>();

  /** Checks the bank holidays even at a weekend, so a date outside the known years always throws. */
  function reasonFor(day: number): string | null {
    const known = reasons.get(day);
    if (known !== undefined) return known;
    const holiday = holidayName(day);
    const weekday = weekdayOf(day);
    const weekend = weekday === 0 || weekday === 6 ? WEEKDAY_NAMES[weekday] : undefined;
    const reason = weekend ?? holiday ?? closureNames.get(day) ?? null;
    reasons.set(day, reason);
    return reason;
  }

  function isWorking(day: number): boolean {
    return reasonFor(day) === null;
  }

  /** The |n|-th working day after (n > 0) or before (n < 0) day; day itself for n = 0. */
  function step(day: number, n: number): number {
    const direction = Math.sign(n);
    let remaining = Math.abs(n);
    let current = day;
    while (remaining > 0) {
      current += direction;
      if (isWorking(current)) remaining -= 1;
    }
    return current;
  }

  function addDays(day: number, n: number): number {
    if (n === 0) return isWorking(day) ? day : step(day, 1);
    return step(day, n);
  }

  function countBetween(from: number, to: number): number {
    if (to < from) return -countBetween(to, from);
    let count = 0;
    for (let day = from + 1; day <= to; day += 1) if (isWorking(day)) count += 1;
    return count;
  }

  return Object.freeze({
    region,
    closures: Object.freeze(closures),
    isWorkingDay: (date: string) => isWorking(parseIsoDate(date)),
    reasonNotWorking: (date: string) => reasonFor(parseIsoDate(date)),
    addWorkingDays: (date: string, n: number) => formatIsoDate(addDays(parseIsoDate(date), validCount(n))),
    workingDaysBetween: (from: string, to: string) => countBetween(parseIsoDate(from), parseIsoDate(to)),
    nextWorkingDay: (date: string) => formatIsoDate(step(parseIsoDate(date), 1)),
    previousWorkingDay: (date: string) => formatIsoDate(step(parseIsoDate(date), -1)),
  });
}

function validCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new CalendarError(
      'calendar.invalid_count',
      `Invalid number of working days ${describeValue(n)}: expected a whole number`,
    );
  }
  return n;
}

function validClosure(closure: Closure, index: number): Closure {
  const name: unknown = closure.name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new CalendarError(
      'calendar.invalid_closure',
      `Closure ${index + 1} (${describeValue(closure.date)}) has no name: give each closure a name for messages`,
    );
  }
  try {
    parseIsoDate(closure.date);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    throw new CalendarError('calendar.invalid_closure', `Closure ${index + 1} (${name}): ${error.message}`);
  }
  return Object.freeze({ date: closure.date, name });
}
