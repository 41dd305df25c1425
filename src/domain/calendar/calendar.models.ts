// The shapes of GB working-day arithmetic. Dates are ISO calendar dates, `YYYY-MM-DD`, with no time or zone.

/** The bank holiday calendars of the United Kingdom, named as gov.uk names them. */
export const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

export type Region = (typeof REGIONS)[number];

/** The calendar used when none is named: the SEC is administered in London. */
export const DEFAULT_REGION: Region = 'england-and-wales';

/**
 * The years whose bank holidays are known, inclusive. Asking about a date outside them throws rather than
 * treating it as an ordinary working day: a one-off holiday may yet be proclaimed for a future year.
 */
export const BANK_HOLIDAY_YEARS = { first: 2015, last: 2030 } as const;

/** A bank holiday as observed: a substitute day carries the holiday's name with " (substitute day)". */
export interface BankHoliday {
  date: string;
  name: string;
}

/** A day the code administrator's office is closed, beyond weekends and bank holidays. */
export interface Closure {
  date: string;
  name: string;
}

export interface WorkingDayCalendarOptions {
  /** Defaults to DEFAULT_REGION. */
  region?: Region;
  closures?: readonly Closure[];
}

/**
 * A working day is a Monday to Friday that is neither a bank holiday in the region nor a closure.
 * Every method validates its dates and throws a CalendarError naming a bad value.
 */
export interface WorkingDayCalendar {
  readonly region: Region;
  readonly closures: readonly Closure[];
  isWorkingDay(date: string): boolean;
  /** Why a day is not a working day ('Saturday', 'Christmas Day', a closure's name); null for a working day. */
  reasonNotWorking(date: string): string | null;
  /**
   * n > 0: the n-th working day after `date` (`date` itself does not count, working day or not).
   * n < 0: the |n|-th working day before `date`.
   * n = 0: `date` if it is a working day, else the next working day.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * The working days after `from` up to and including `to`; negative, with the same magnitude as
   * workingDaysBetween(to, from), when `to` is before `from`. Zero when they are the same day.
   */
  workingDaysBetween(from: string, to: string): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: string): string;
}
