import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bankHolidays, findBankHoliday } from '../src/domain/calendar/bank-holidays.ts';
import { CalendarError } from '../src/domain/calendar/calendar.errors.ts';
import { BANK_HOLIDAY_YEARS, REGIONS, type Region } from '../src/domain/calendar/calendar.models.ts';
import { easterSunday } from '../src/domain/calendar/easter.ts';
import { formatIsoDate, parseIsoDate, weekdayOf } from '../src/domain/calendar/iso-date.ts';
import { createWorkingDayCalendar } from '../src/domain/calendar/working-days.ts';

const englandAndWales = createWorkingDayCalendar();
const scotland = createWorkingDayCalendar({ region: 'scotland' });
const northernIreland = createWorkingDayCalendar({ region: 'northern-ireland' });

function dates(region: Region, year: number): string[] {
  return bankHolidays(region, year).map((h) => h.date);
}

/** Month-day pairs as published on gov.uk/bank-holidays, by year. */
function published(year: number, monthDays: string[]): string[] {
  return monthDays.map((md) => `${year}-${md}`);
}

// The published lists (gov.uk/bank-holidays), kept by hand: the rules must reproduce them.
const ENGLAND_AND_WALES: Record<number, string[]> = {
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
};

const SCOTLAND: Record<number, string[]> = {
  2017: ['01-02', '01-03', '04-14', '05-01', '05-29', '08-07', '11-30', '12-25', '12-26'],
  2018: ['01-01', '01-02', '03-30', '05-07', '05-28', '08-06', '11-30', '12-25', '12-26'],
  2019: ['01-01', '01-02', '04-19', '05-06', '05-27', '08-05', '12-02', '12-25', '12-26'],
  2020: ['01-01', '01-02', '04-10', '05-08', '05-25', '08-03', '11-30', '12-25', '12-28'],
  2021: ['01-01', '01-04', '04-02', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
  2022: ['01-03', '01-04', '04-15', '05-02', '06-02', '06-03', '08-01', '09-19', '11-30', '12-26', '12-27'],
  2023: ['01-02', '01-03', '04-07', '05-01', '05-08', '05-29', '08-07', '11-30', '12-25', '12-26'],
  2024: ['01-01', '01-02', '03-29', '05-06', '05-27', '08-05', '12-02', '12-25', '12-26'],
};

const NORTHERN_IRELAND: Record<number, string[]> = {
  2017: ['01-02', '03-17', '04-14', '04-17', '05-01', '05-29', '07-12', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-19', '03-30', '04-02', '05-07', '05-28', '07-12', '08-27', '12-25', '12-26'],
  2019: ['01-01', '03-18', '04-19', '04-22', '05-06', '05-27', '07-12', '08-26', '12-25', '12-26'],
  2020: ['01-01', '03-17', '04-10', '04-13', '05-08', '05-25', '07-13', '08-31', '12-25', '12-28'],
  2021: ['01-01', '03-17', '04-02', '04-05', '05-03', '05-31', '07-12', '08-30', '12-27', '12-28'],
  2022: [
    ...['01-03', '03-17', '04-15', '04-18', '05-02', '06-02', '06-03'],
    ...['07-12', '08-29', '09-19', '12-26', '12-27'],
  ],
  2023: ['01-02', '03-17', '04-07', '04-10', '05-01', '05-08', '05-29', '07-12', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-18', '03-29', '04-01', '05-06', '05-27', '07-12', '08-26', '12-25', '12-26'],
  2025: ['01-01', '03-17', '04-18', '04-21', '05-05', '05-26', '07-14', '08-25', '12-25', '12-26'],
  2026: ['01-01', '03-17', '04-03', '04-06', '05-04', '05-25', '07-13', '08-31', '12-25', '12-28'],
};

describe('bank holidays', () => {
  for (const [region, table] of [
    ['england-and-wales', ENGLAND_AND_WALES],
    ['scotland', SCOTLAND],
    ['northern-ireland', NORTHERN_IRELAND],
  ] as const) {
    test(`the ${region} calendar matches the published lists`, () => {
      for (const [year, monthDays] of Object.entries(table)) {
        assert.deepEqual(
          dates(region, Number(year)),
          published(Number(year), monthDays),
          `${region} ${year}`,
        );
      }
    });
  }

  test('England and Wales 2020 and 2022 carry the published names', () => {
    assert.deepEqual(bankHolidays('england-and-wales', 2020), [
      { date: '2020-01-01', name: "New Year's Day" },
      { date: '2020-04-10', name: 'Good Friday' },
      { date: '2020-04-13', name: 'Easter Monday' },
      { date: '2020-05-08', name: 'Early May bank holiday (VE Day)' },
      { date: '2020-05-25', name: 'Spring bank holiday' },
      { date: '2020-08-31', name: 'Summer bank holiday' },
      { date: '2020-12-25', name: 'Christmas Day' },
      { date: '2020-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    assert.deepEqual(bankHolidays('england-and-wales', 2022), [
      { date: '2022-01-03', name: "New Year's Day (substitute day)" },
      { date: '2022-04-15', name: 'Good Friday' },
      { date: '2022-04-18', name: 'Easter Monday' },
      { date: '2022-05-02', name: 'Early May bank holiday' },
      { date: '2022-06-02', name: 'Spring bank holiday' },
      { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
      { date: '2022-08-29', name: 'Summer bank holiday' },
      { date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
      { date: '2022-12-26', name: 'Boxing Day' },
      { date: '2022-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });

  test('Scotland names 2 January, St Andrew’s Day and their substitutes', () => {
    const names = (year: number) => bankHolidays('scotland', year).map((h) => `${h.date} ${h.name}`);
    assert.ok(names(2021).includes('2021-01-04 2nd January (substitute day)'));
    assert.ok(names(2019).includes("2019-12-02 St Andrew's Day (substitute day)"));
    assert.ok(names(2020).includes("2020-11-30 St Andrew's Day"));
    assert.ok(names(2025).includes("2025-12-01 St Andrew's Day (substitute day)"));
  });

  test('every supported year of every region is sorted, on weekdays, in its year and named', () => {
    for (const region of REGIONS) {
      for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year += 1) {
        const list = bankHolidays(region, year);
        const base = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 }[region];
        assert.ok(list.length >= base && list.length <= base + 2, `${region} ${year}: ${list.length}`);
        const days = list.map((h) => parseIsoDate(h.date));
        assert.deepEqual(
          days,
          [...new Set(days)].sort((a, b) => a - b),
        );
        for (const h of list) {
          assert.ok(h.date.startsWith(`${year}-`), h.date);
          assert.ok(![0, 6].includes(weekdayOf(parseIsoDate(h.date))), `${h.date} is a weekday`);
          assert.ok(h.name.length > 0);
        }
      }
    }
  });

  test('Easter Sunday by the anonymous Gregorian algorithm', () => {
    // prettier-ignore
    const expected = [
      '2015-04-05', '2016-03-27', '2017-04-16', '2018-04-01', '2019-04-21', '2020-04-12', '2021-04-04',
      '2022-04-17', '2023-04-09', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16',
      '2029-04-01', '2030-04-21', '2000-04-23', '2038-04-25', '1818-03-22',
    ];
    for (const date of expected) assert.equal(formatIsoDate(easterSunday(Number(date.slice(0, 4)))), date);
  });

  test('a year outside the supported range throws a message naming the range', () => {
    for (const year of [2014, 2031, 2020.5]) {
      assert.throws(
        () => bankHolidays('england-and-wales', year),
        (e: unknown) =>
          e instanceof CalendarError &&
          e.code === 'calendar.year_out_of_range' &&
          e.message.includes(String(year)) &&
          e.message.includes('2015 to 2030'),
      );
    }
    assert.throws(() => findBankHoliday('scotland', '2031-01-01'), /2015 to 2030/);
  });

  test('an unknown region throws a message naming it', () => {
    assert.throws(() => bankHolidays('wales' as Region, 2020), /Unknown bank holiday region "wales"/);
    assert.throws(() => createWorkingDayCalendar({ region: 'gb' as Region }), /"gb"/);
  });

  test('the list returned is the caller’s own copy', () => {
    const list = bankHolidays('england-and-wales', 2019);
    list.pop();
    const first = list[0];
    assert.ok(first);
    first.name = 'changed';
    assert.equal(bankHolidays('england-and-wales', 2019).length, 8);
    assert.equal(findBankHoliday('england-and-wales', '2019-01-01')?.name, "New Year's Day");
  });
});

describe('working days', () => {
  test('a 15-working-day consultation opened on 18 November 2019 closes on 9 December 2019', () => {
    assert.equal(englandAndWales.addWorkingDays('2019-11-18', 15), '2019-12-09');
    assert.equal(englandAndWales.workingDaysBetween('2019-11-18', '2019-12-09'), 15);
  });

  test('the reference paper, 29 October 2019, is 5 working days before the meeting on 5 November 2019', () => {
    assert.equal(englandAndWales.addWorkingDays('2019-11-05', -5), '2019-10-29');
    assert.equal(englandAndWales.workingDaysBetween('2019-11-05', '2019-10-29'), -5);
  });

  test('n = 0 gives the day itself when it is a working day, else the next working day', () => {
    assert.equal(englandAndWales.addWorkingDays('2019-11-05', 0), '2019-11-05');
    assert.equal(englandAndWales.addWorkingDays('2019-11-02', 0), '2019-11-04');
    assert.equal(englandAndWales.addWorkingDays('2019-12-25', 0), '2019-12-27');
    assert.equal(englandAndWales.addWorkingDays('2019-11-02', 1), '2019-11-04', 'a Saturday start');
    assert.equal(englandAndWales.addWorkingDays('2019-11-02', -1), '2019-11-01');
  });

  test('nextWorkingDay and previousWorkingDay are strictly after and before', () => {
    assert.equal(englandAndWales.nextWorkingDay('2019-11-05'), '2019-11-06');
    assert.equal(englandAndWales.nextWorkingDay('2019-12-24'), '2019-12-27');
    assert.equal(englandAndWales.previousWorkingDay('2019-12-27'), '2019-12-24');
    assert.equal(englandAndWales.previousWorkingDay('2020-01-02'), '2019-12-31');
  });

  test('Christmas 2019: 25 and 26 December are skipped', () => {
    assert.equal(englandAndWales.addWorkingDays('2019-12-20', 2), '2019-12-24');
    assert.equal(englandAndWales.addWorkingDays('2019-12-20', 3), '2019-12-27');
    assert.equal(englandAndWales.addWorkingDays('2019-12-20', 4), '2019-12-30');
    assert.equal(englandAndWales.reasonNotWorking('2019-12-25'), 'Christmas Day');
    assert.equal(englandAndWales.reasonNotWorking('2019-12-26'), 'Boxing Day');
  });

  test('Christmas 2020, 2021 and 2022: the substitute days are skipped', () => {
    assert.equal(englandAndWales.addWorkingDays('2020-12-24', 1), '2020-12-29');
    assert.equal(englandAndWales.reasonNotWorking('2020-12-26'), 'Saturday');
    assert.equal(englandAndWales.reasonNotWorking('2020-12-28'), 'Boxing Day (substitute day)');
    assert.equal(englandAndWales.addWorkingDays('2021-12-24', 1), '2021-12-29');
    assert.equal(englandAndWales.reasonNotWorking('2021-12-25'), 'Saturday');
    assert.equal(englandAndWales.reasonNotWorking('2021-12-27'), 'Christmas Day (substitute day)');
    assert.equal(englandAndWales.reasonNotWorking('2021-12-28'), 'Boxing Day (substitute day)');
    assert.equal(englandAndWales.addWorkingDays('2022-12-23', 1), '2022-12-28');
    assert.equal(englandAndWales.reasonNotWorking('2022-12-27'), 'Christmas Day (substitute day)');
    assert.equal(englandAndWales.workingDaysBetween('2021-12-24', '2022-01-04'), 4); // 29, 30, 31 Dec, 4 Jan
  });

  test('an administrator closure from 27 to 31 December is skipped too', () => {
    const closures = ['2019-12-27', '2019-12-30', '2019-12-31'].map((date) => ({
      date,
      name: 'Office closed between Christmas and New Year',
    }));
    const office = createWorkingDayCalendar({ closures });
    assert.equal(office.addWorkingDays('2019-12-20', 3), '2020-01-02');
    assert.equal(office.reasonNotWorking('2019-12-30'), 'Office closed between Christmas and New Year');
    assert.equal(office.reasonNotWorking('2019-12-28'), 'Saturday');
    assert.equal(office.reasonNotWorking('2020-01-01'), "New Year's Day");
    assert.equal(office.reasonNotWorking('2020-01-02'), null);
    assert.equal(office.workingDaysBetween('2019-12-24', '2020-01-02'), 1);
    assert.equal(office.region, 'england-and-wales');
    assert.equal(englandAndWales.isWorkingDay('2019-12-30'), true, 'other calendars are unaffected');
  });

  test('Easter: Good Friday and Easter Monday in England and Wales, no Easter Monday in Scotland', () => {
    assert.equal(englandAndWales.reasonNotWorking('2019-04-19'), 'Good Friday');
    assert.equal(englandAndWales.reasonNotWorking('2019-04-22'), 'Easter Monday');
    assert.equal(englandAndWales.addWorkingDays('2019-04-18', 1), '2019-04-23');
    assert.equal(scotland.reasonNotWorking('2019-04-19'), 'Good Friday');
    assert.equal(scotland.isWorkingDay('2019-04-22'), true);
    assert.equal(scotland.addWorkingDays('2019-04-18', 1), '2019-04-22');
    assert.equal(northernIreland.isWorkingDay('2019-04-22'), false);
  });

  test('Scotland: the first Monday in August, and St Andrew’s Day with its substitute', () => {
    assert.equal(scotland.reasonNotWorking('2019-08-05'), 'Summer bank holiday');
    assert.equal(scotland.isWorkingDay('2019-08-26'), true);
    assert.equal(englandAndWales.isWorkingDay('2019-08-05'), true);
    assert.equal(englandAndWales.reasonNotWorking('2019-08-26'), 'Summer bank holiday');
    assert.equal(scotland.reasonNotWorking('2020-11-30'), "St Andrew's Day");
    assert.equal(scotland.reasonNotWorking('2019-11-30'), 'Saturday');
    assert.equal(scotland.reasonNotWorking('2019-12-02'), "St Andrew's Day (substitute day)");
    assert.equal(englandAndWales.isWorkingDay('2019-12-02'), true);
    assert.equal(scotland.reasonNotWorking('2020-01-02'), '2nd January');
  });

  test('Northern Ireland: St Patrick’s Day and the Battle of the Boyne, with substitutes', () => {
    assert.equal(northernIreland.reasonNotWorking('2021-03-17'), "St Patrick's Day");
    assert.equal(englandAndWales.isWorkingDay('2021-03-17'), true);
    assert.equal(northernIreland.reasonNotWorking('2019-03-18'), "St Patrick's Day (substitute day)");
    assert.equal(northernIreland.reasonNotWorking('2020-07-12'), 'Sunday');
    assert.equal(
      northernIreland.reasonNotWorking('2020-07-13'),
      "Battle of the Boyne (Orangemen's Day) (substitute day)",
    );
    assert.equal(northernIreland.reasonNotWorking('2021-07-12'), "Battle of the Boyne (Orangemen's Day)");
    assert.equal(englandAndWales.isWorkingDay('2020-07-13'), true);
  });

  test('the one-offs: VE Day 2020, the Platinum Jubilee, the Queen’s funeral and the Coronation', () => {
    for (const calendar of [englandAndWales, scotland, northernIreland]) {
      assert.equal(calendar.reasonNotWorking('2020-05-08'), 'Early May bank holiday (VE Day)');
      assert.equal(calendar.isWorkingDay('2020-05-04'), true, 'the first Monday in May 2020 was worked');
      assert.equal(calendar.reasonNotWorking('2022-06-02'), 'Spring bank holiday');
      assert.equal(calendar.reasonNotWorking('2022-06-03'), 'Platinum Jubilee bank holiday');
      assert.equal(calendar.isWorkingDay('2022-05-30'), true, 'the last Monday in May 2022 was worked');
      assert.equal(
        calendar.reasonNotWorking('2022-09-19'),
        'Bank holiday for the State Funeral of Queen Elizabeth II',
      );
      assert.equal(
        calendar.reasonNotWorking('2023-05-08'),
        'Bank holiday for the coronation of King Charles III',
      );
      assert.equal(calendar.isWorkingDay('2023-05-01'), false);
    }
    assert.equal(englandAndWales.addWorkingDays('2022-06-01', 1), '2022-06-06');
    assert.equal(englandAndWales.workingDaysBetween('2023-04-28', '2023-05-12'), 8);
  });

  test('workingDaysBetween(d, addWorkingDays(d, n)) === n for working days d and n from -40 to 40', () => {
    let checked = 0;
    for (const calendar of [englandAndWales, scotland, northernIreland]) {
      // Every day from December 2018 to December 2023: five Christmases, VE Day, the Jubilee, the funeral and
      // the Coronation, and every kind of substitute day.
      for (let day = parseIsoDate('2018-12-01'); day <= parseIsoDate('2023-12-31'); day += 1) {
        const d = formatIsoDate(day);
        if (!calendar.isWorkingDay(d)) continue;
        for (let n = -40; n <= 40; n += 1) {
          const e = calendar.addWorkingDays(d, n);
          assert.equal(calendar.isWorkingDay(e), true, `${calendar.region} ${d} ${n}`);
          assert.equal(calendar.workingDaysBetween(d, e), n, `${calendar.region} ${d} ${n} -> ${e}`);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 300_000, String(checked));
  });

  test('workingDaysBetween counts after `from` up to and including `to`', () => {
    assert.equal(englandAndWales.workingDaysBetween('2019-11-05', '2019-11-05'), 0);
    assert.equal(englandAndWales.workingDaysBetween('2019-11-01', '2019-11-04'), 1);
    assert.equal(englandAndWales.workingDaysBetween('2019-11-02', '2019-11-03'), 0);
    assert.equal(englandAndWales.workingDaysBetween('2019-11-04', '2019-11-01'), -1);
  });

  test('a malformed or impossible date throws an error naming it', () => {
    for (const bad of [
      '2019-02-30',
      '2019-02-29',
      '2019-13-01',
      '2019-00-10',
      '2019-1-01',
      '',
      '05/11/2019',
    ]) {
      assert.throws(
        () => englandAndWales.isWorkingDay(bad),
        (e: unknown) =>
          e instanceof CalendarError && e.code === 'calendar.invalid_date' && e.message.includes(`"${bad}"`),
        bad,
      );
    }
    assert.throws(() => englandAndWales.addWorkingDays('2019-02-30', 1), /"2019-02-30"/);
    assert.throws(() => englandAndWales.workingDaysBetween('2019-11-01', '2019-11-31'), /"2019-11-31"/);
    assert.throws(() => englandAndWales.nextWorkingDay('2019-11-05T00:00:00Z'), /"2019-11-05T00:00:00Z"/);
    assert.throws(
      () => englandAndWales.isWorkingDay(undefined as unknown as string),
      /Invalid date undefined/,
    );
    assert.equal(englandAndWales.isWorkingDay('2020-02-29'), false, 'a leap day is a real date (a Saturday)');
  });

  test('a fractional number of working days throws', () => {
    assert.throws(
      () => englandAndWales.addWorkingDays('2019-11-05', 1.5),
      /Invalid number of working days 1.5/,
    );
    assert.throws(() => englandAndWales.addWorkingDays('2019-11-05', NaN), /NaN/);
  });

  test('dates outside the supported years throw, even at a weekend', () => {
    assert.throws(() => englandAndWales.isWorkingDay('2031-01-06'), /2015 to 2030/);
    assert.throws(() => englandAndWales.reasonNotWorking('2014-12-27'), /2014.*2015 to 2030/);
    assert.throws(() => englandAndWales.addWorkingDays('2030-12-30', 5), /2031.*2015 to 2030/);
    assert.throws(() => englandAndWales.addWorkingDays('2015-01-02', -2), /2014/);
    assert.equal(englandAndWales.addWorkingDays('2030-12-24', 2), '2030-12-30');
  });

  test('a closure without a name or with a bad date is refused', () => {
    assert.throws(
      () => createWorkingDayCalendar({ closures: [{ date: '2019-12-27', name: ' ' }] }),
      /Closure 1 \("2019-12-27"\) has no name/,
    );
    assert.throws(
      () => createWorkingDayCalendar({ closures: [{ date: '2019-12-32', name: 'Office closed' }] }),
      (e: unknown) =>
        e instanceof CalendarError && e.code === 'calendar.invalid_closure' && /"2019-12-32"/.test(e.message),
    );
  });
});
