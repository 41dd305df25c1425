// The UK's bank holidays as data: the rules that give most of them year by year, and the proclaimed
// exceptions. Source: gov.uk/bank-holidays and the Banking and Financial Dealings Act 1971 with its
// proclamations. A new one-off (a jubilee, a state funeral) is one more entry in BANK_HOLIDAY_EXCEPTIONS.
import type { Region } from './calendar.models.ts';

export type HolidayRule =
  /** A fixed day of the year; when it falls at a weekend, a substitute day follows on the next free weekday. */
  | { kind: 'fixed'; month: number; day: number }
  /** Some days from Easter Sunday: -2 is Good Friday, 1 is Easter Monday. */
  | { kind: 'easter'; offset: number }
  /** The first Monday of a month (n = 1), the second (n = 2)... */
  | { kind: 'nth-monday'; month: number; n: number }
  | { kind: 'last-monday'; month: number };

export interface HolidayDef {
  /** Stable across regions, so an exception can name the holiday it moves. */
  id: string;
  name: string;
  rule: HolidayRule;
}

export type HolidayException =
  /** The holiday `id` is held on `date` instead of its rule's day in that date's year. */
  | { kind: 'moved'; id: string; date: string; name: string; regions: readonly Region[] }
  /** A one-off bank holiday. */
  | { kind: 'added'; date: string; name: string; regions: readonly Region[] };

const NEW_YEARS_DAY: HolidayDef = { id: 'new_year', name: "New Year's Day", rule: fixed(1, 1) };
const GOOD_FRIDAY: HolidayDef = {
  id: 'good_friday',
  name: 'Good Friday',
  rule: { kind: 'easter', offset: -2 },
};
const EASTER_MONDAY: HolidayDef = {
  id: 'easter_monday',
  name: 'Easter Monday',
  rule: { kind: 'easter', offset: 1 },
};
const EARLY_MAY: HolidayDef = {
  id: 'early_may',
  name: 'Early May bank holiday',
  rule: { kind: 'nth-monday', month: 5, n: 1 },
};
const SPRING: HolidayDef = {
  id: 'spring',
  name: 'Spring bank holiday',
  rule: { kind: 'last-monday', month: 5 },
};
const CHRISTMAS_DAY: HolidayDef = { id: 'christmas', name: 'Christmas Day', rule: fixed(12, 25) };
const BOXING_DAY: HolidayDef = { id: 'boxing_day', name: 'Boxing Day', rule: fixed(12, 26) };

/** Each region's holidays in calendar order. */
export const BANK_HOLIDAY_RULES: Readonly<Record<Region, readonly HolidayDef[]>> = {
  'england-and-wales': [
    NEW_YEARS_DAY,
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING,
    { id: 'summer', name: 'Summer bank holiday', rule: { kind: 'last-monday', month: 8 } },
    CHRISTMAS_DAY,
    BOXING_DAY,
  ],
  // Scotland: 2 January; no Easter Monday; the summer holiday is the first Monday in August; St Andrew's Day.
  scotland: [
    NEW_YEARS_DAY,
    { id: 'second_january', name: '2nd January', rule: fixed(1, 2) },
    GOOD_FRIDAY,
    EARLY_MAY,
    SPRING,
    { id: 'summer', name: 'Summer bank holiday', rule: { kind: 'nth-monday', month: 8, n: 1 } },
    { id: 'st_andrew', name: "St Andrew's Day", rule: fixed(11, 30) },
    CHRISTMAS_DAY,
    BOXING_DAY,
  ],
  // Northern Ireland: England and Wales's, with St Patrick's Day and the Battle of the Boyne.
  'northern-ireland': [
    NEW_YEARS_DAY,
    { id: 'st_patrick', name: "St Patrick's Day", rule: fixed(3, 17) },
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING,
    { id: 'boyne', name: "Battle of the Boyne (Orangemen's Day)", rule: fixed(7, 12) },
    { id: 'summer', name: 'Summer bank holiday', rule: { kind: 'last-monday', month: 8 } },
    CHRISTMAS_DAY,
    BOXING_DAY,
  ],
};

const UK: readonly Region[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** The proclaimed changes in the supported years (BANK_HOLIDAY_YEARS), in date order. */
export const BANK_HOLIDAY_EXCEPTIONS: readonly HolidayException[] = [
  // The 75th anniversary of VE Day: the first Monday in May (4 May) moved to Friday 8 May.
  {
    kind: 'moved',
    id: 'early_may',
    date: '2020-05-08',
    name: 'Early May bank holiday (VE Day)',
    regions: UK,
  },
  // The Platinum Jubilee: the spring holiday (30 May) moved to Thursday 2 June, and Friday 3 June added.
  { kind: 'moved', id: 'spring', date: '2022-06-02', name: 'Spring bank holiday', regions: UK },
  { kind: 'added', date: '2022-06-03', name: 'Platinum Jubilee bank holiday', regions: UK },
  {
    kind: 'added',
    date: '2022-09-19',
    name: 'Bank holiday for the State Funeral of Queen Elizabeth II',
    regions: UK,
  },
  {
    kind: 'added',
    date: '2023-05-08',
    name: 'Bank holiday for the coronation of King Charles III',
    regions: UK,
  },
];

function fixed(month: number, day: number): HolidayRule {
  return { kind: 'fixed', month, day };
}
