// The bank holidays of a region and year, computed from the rules and exceptions in bank-holiday.rules.ts.
import { BANK_HOLIDAY_EXCEPTIONS, BANK_HOLIDAY_RULES, type HolidayRule } from './bank-holiday.rules.ts';
import { CalendarError, describeValue } from './calendar.errors.ts';
import { BANK_HOLIDAY_YEARS, REGIONS, type BankHoliday, type Region } from './calendar.models.ts';
import { easterSunday } from './easter.ts';
import { dayNumberOf, formatIsoDate, isWeekend, parseIsoDate, weekdayOf, yearOf } from './iso-date.ts';

const computed = new Map<string, readonly BankHoliday[]>();

/**
 * The bank holidays observed in `region` in `year`, in date order; substitute days are listed on the day
 * observed, not the day they replace. Throws a CalendarError for a year outside BANK_HOLIDAY_YEARS.
 */
export function bankHolidays(region: Region, year: number): BankHoliday[] {
  assertRegion(region);
  assertYear(year);
  const key = `${region}/${year}`;
  let list = computed.get(key);
  if (!list) {
    list = computeBankHolidays(region, year);
    computed.set(key, list);
  }
  return list.map((h) => ({ ...h }));
}

/** The bank holiday observed on `date` in `region`, or null. Throws for a bad date or a year out of range. */
export function findBankHoliday(region: Region, date: string): BankHoliday | null {
  const year = yearOf(parseIsoDate(date));
  return bankHolidays(region, year).find((h) => h.date === date) ?? null;
}

export function assertRegion(region: unknown): asserts region is Region {
  if (!(REGIONS as readonly unknown[]).includes(region)) {
    throw new CalendarError(
      'calendar.unknown_region',
      `Unknown bank holiday region ${describeValue(region)}: expected one of ${REGIONS.join(', ')}`,
    );
  }
}

function assertYear(year: number): void {
  const { first, last } = BANK_HOLIDAY_YEARS;
  if (!Number.isInteger(year) || year < first || year > last) {
    throw new CalendarError(
      'calendar.year_out_of_range',
      `No bank holiday calendar for ${describeValue(year)}: bank holidays are known for ${first} to ${last} only`,
    );
  }
}

interface Placed {
  day: number;
  name: string;
  /** A fixed-date holiday may need a substitute day; a Monday or Easter holiday never does. */
  fixed: boolean;
}

function computeBankHolidays(region: Region, year: number): readonly BankHoliday[] {
  const placed: Placed[] = [];
  for (const def of BANK_HOLIDAY_RULES[region]) {
    const moved = BANK_HOLIDAY_EXCEPTIONS.find(
      (x) =>
        x.kind === 'moved' && x.id === def.id && x.date.startsWith(`${year}-`) && x.regions.includes(region),
    );
    if (moved) placed.push({ day: parseIsoDate(moved.date), name: moved.name, fixed: false });
    else placed.push({ day: ruleDay(def.rule, year), name: def.name, fixed: def.rule.kind === 'fixed' });
  }
  for (const x of BANK_HOLIDAY_EXCEPTIONS) {
    if (x.kind === 'added' && x.date.startsWith(`${year}-`) && x.regions.includes(region)) {
      placed.push({ day: parseIsoDate(x.date), name: x.name, fixed: false });
    }
  }

  // Substitute days: the holidays on weekdays keep their days; then each fixed holiday at a weekend, in date
  // order, takes the first weekday on or after it that no holiday holds. Christmas on a Saturday gives
  // Monday 27 and (for Boxing Day) Tuesday 28; Christmas on a Sunday gives Boxing Day on Monday 26 and
  // Christmas on Tuesday 27.
  const held = new Set<number>();
  const result: { day: number; name: string }[] = [];
  for (const p of placed) {
    if (isWeekend(p.day)) {
      if (!p.fixed) throw new Error(`Bank holiday data: "${p.name}" in ${year} falls at a weekend`);
      continue;
    }
    if (held.has(p.day)) throw new Error(`Bank holiday data: two holidays on ${formatIsoDate(p.day)}`);
    held.add(p.day);
    result.push({ day: p.day, name: p.name });
  }
  const atWeekend = placed.filter((p) => isWeekend(p.day)).sort((a, b) => a.day - b.day);
  for (const p of atWeekend) {
    let day = p.day;
    while (isWeekend(day) || held.has(day)) day += 1;
    held.add(day);
    result.push({ day, name: `${p.name} (substitute day)` });
  }

  return result
    .sort((a, b) => a.day - b.day)
    .map((h) => Object.freeze({ date: formatIsoDate(h.day), name: h.name }));
}

function ruleDay(rule: HolidayRule, year: number): number {
  switch (rule.kind) {
    case 'fixed':
      return dayNumberOf(year, rule.month, rule.day);
    case 'easter':
      return easterSunday(year) + rule.offset;
    case 'nth-monday': {
      const first = dayNumberOf(year, rule.month, 1);
      return first + ((8 - weekdayOf(first)) % 7) + 7 * (rule.n - 1);
    }
    case 'last-monday': {
      const last = dayNumberOf(year, rule.month + 1, 0);
      return last - ((weekdayOf(last) + 6) % 7);
    }
  }
}
