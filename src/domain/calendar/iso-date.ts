// ISO calendar dates as whole day numbers (days since 1970-01-01), computed in UTC only: a local-time Date
// would move a date across midnight with the machine's time zone or summer time.
import { CalendarError, describeValue } from './calendar.errors.ts';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** The day number of a calendar date; month is 1 to 12. The caller makes sure the date is real. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** The day number of `YYYY-MM-DD`; throws a CalendarError naming the value if it is malformed or impossible. */
export function parseIsoDate(value: unknown): number {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) {
    throw new CalendarError(
      'calendar.invalid_date',
      `Invalid date ${describeValue(value)}: expected a date as YYYY-MM-DD`,
    );
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayNumberOf(year, month, day);
  const check = new Date(n * MS_PER_DAY);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new CalendarError(
      'calendar.invalid_date',
      `Invalid date ${describeValue(value)}: there is no such day in the calendar`,
    );
  }
  return n;
}

export function formatIsoDate(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** 0 for Sunday to 6 for Saturday. */
export function weekdayOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDay();
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}
