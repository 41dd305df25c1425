// A proposal's timetable and what can happen next, on its page and in the API, with today fixed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import type { Milestone } from '../src/domain/timetable/timetable.models.ts';
import { buildServer, londonToday } from '../src/web/server.ts';
import { milestoneRow } from '../src/web/routes/presenters.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

/** MP097 in Refinement, its consultation's closing date passed; the Panel meets on 7 November 2019 with no paper out. */
const LATE_REGISTER = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
meetings:
  - { committee: PANEL, number: 77, date: 2019-11-07 }
proposals:
  - id: MP097
    title: A proposal running late
    proposer: emslie-law
    raised: 2019-09-02
    classification: white
    history:
      - { on: 2019-09-02, event: raised }
      - { on: 2019-09-20, event: converted, by: PANEL }
      - { on: 2019-09-20, event: refinement_started, by: PANEL }
      - { on: 2019-10-01, event: consultation_opened, consultation: refinement, closes: 2019-10-25 }
`;

let database: Database;
/** Apps over the same register, each with its own today. */
const apps = new Map<string, FastifyInstance>();

async function appOn(today: string): Promise<FastifyInstance> {
  let app = apps.get(today);
  if (!app) {
    app = buildServer({ database, rules: sec, today: () => today });
    await app.ready();
    apps.set(today, app);
  }
  return app;
}

async function page(today: string, ref: string): Promise<string> {
  const res = await (await appOn(today)).inject({ method: 'GET', url: `/proposals/${ref}` });
  assert.equal(res.statusCode, 200, ref);
  return res.body;
}

/** The HTML of one section of a proposal page, by its heading's id. */
function section(html: string, headingId: string): string {
  const match = new RegExp(`<section[^>]*aria-labelledby="${headingId}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(match, `no section ${headingId}`);
  return match[1] ?? '';
}

/** The text of a table row, tags stripped and spaces collapsed. */
function rowTexts(html: string): string[] {
  return [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .slice(1) // the header row
    .map((m) =>
      (m[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'late.yaml', text: LATE_REGISTER }]);
});

after(async () => {
  for (const app of apps.values()) await app.close();
  await database.close();
});

describe('the timetable on a proposal page', () => {
  it('comes after the facts and before the history, with headings in order', async () => {
    const html = await page('2019-10-30', 'DP090');
    const headings = [...html.matchAll(/<h([1-6])[^>]*>([^<]*)</g)].map((m) => `h${m[1]} ${m[2]?.trim()}`);
    const at = (h: string) => headings.indexOf(h);
    assert.ok(at('h2 Facts') > at('h1 Incorporation of Non GBCS Non-Mandated Alerts into the SEC'));
    assert.ok(at('h2 Timetable') > at('h2 Facts'));
    assert.ok(at('h2 What can happen next') > at('h2 Timetable'));
    assert.ok(at('h2 History') > at('h2 What can happen next'));
    assert.equal((html.match(/<h1/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<script/);
  });

  it('DP090 on 30 October 2019: papers for the Operations Group out on 29 October, the meeting on 5 November', async () => {
    const timetable = section(await page('2019-10-30', 'DP090'), 'timetable-heading');
    assert.match(timetable, /As of <time datetime="2019-10-30">30 October 2019<\/time>/);
    assert.match(timetable, /<th scope="col" class="govuk-table__header">Milestone<\/th>/);
    assert.deepEqual(rowTexts(timetable), [
      'Papers issued for the Operations Group (meeting 26) 5 working days before the meeting on 5 November 2019 29 October 2019 Done',
      'Operations Group meeting 26 The meeting date 5 November 2019 In 4 working days',
    ]);
    assert.match(timetable, /<time datetime="2019-10-29">29 October 2019<\/time>/);
    assert.match(timetable, /<time datetime="2019-11-05">5 November 2019<\/time>/);
    assert.doesNotMatch(timetable, /Overdue/); // a paper exists for meeting 26
  });

  it('lists what can happen next to DP090, as information: no buttons, no forms', async () => {
    const next = section(await page('2019-10-30', 'DP090'), 'next-heading');
    assert.deepEqual(
      [...next.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]),
      ['Converted to Modification Proposal', 'Withdrawn'],
    );
    assert.doesNotMatch(next, /<form|<button|govuk-button/);
  });

  it('says "Due today" on the day', async () => {
    const timetable = section(await page('2019-11-05', 'DP090'), 'timetable-heading');
    assert.match(timetable, /Operations Group meeting 26[\s\S]*5 November 2019[\s\S]*Due today/);
  });

  it('MP112, implemented: no milestones ahead, and nothing can happen next', async () => {
    const html = await page('2019-10-30', 'MP112');
    const timetable = section(html, 'timetable-heading');
    assert.match(timetable, /<p class="govuk-body">No milestones ahead.<\/p>/);
    assert.doesNotMatch(timetable, /<table/);
    const next = section(html, 'next-heading');
    assert.match(next, /Nothing can happen next./);
    assert.doesNotMatch(next, /<li>/);
  });

  it('flags what is late with a red "Overdue" tag', async () => {
    const timetable = section(await page('2019-10-31', 'MP097'), 'timetable-heading');
    assert.deepEqual(rowTexts(timetable), [
      'Refinement Consultation closes Closing date given when it opened on 1 October 2019 25 October 2019 Overdue 4 working days late',
      'Papers issued for the SEC Panel (meeting 77) 5 working days before the meeting on 7 November 2019 31 October 2019 Due today',
      'SEC Panel meeting 77 The meeting date 7 November 2019 In 5 working days',
    ]);
    assert.equal(
      (timetable.match(/<strong class="govuk-tag govuk-tag--red">\s*Overdue\s*<\/strong>/g) ?? []).length,
      1,
    );
    const later = section(await page('2019-11-01', 'MP097'), 'timetable-heading');
    assert.equal((later.match(/govuk-tag--red/g) ?? []).length, 2); // now the papers too
  });
});

describe('the timetable in the API', () => {
  async function getJson<T>(today: string, url: string): Promise<{ status: number; body: T }> {
    const res = await (await appOn(today)).inject({ method: 'GET', url });
    assert.match(String(res.headers['content-type']), /^application\/json/, url);
    return { status: res.statusCode, body: res.json<T>() };
  }
  interface Timetable {
    asOf: string;
    milestones: Milestone[];
  }
  const dp090: Timetable = {
    asOf: '2019-10-30',
    milestones: [
      {
        kind: 'papers_issued',
        label: 'Papers issued for the Operations Group (meeting 26)',
        due: '2019-10-29',
        basis: '5 working days before the meeting on 2019-11-05',
        overdue: false,
        workingDaysLeft: -1,
      },
      {
        kind: 'meeting',
        label: 'Operations Group meeting 26',
        due: '2019-11-05',
        basis: 'the meeting date',
        overdue: false,
        workingDaysLeft: 4,
      },
    ],
  };

  it('GET /api/v1/proposals/DP090 carries its timetable and what can happen next', async () => {
    const { status, body } = await getJson<{ timetable: Timetable; nextEvents: unknown }>(
      '2019-10-30',
      '/api/v1/proposals/DP090',
    );
    assert.equal(status, 200);
    assert.deepEqual(body.timetable, dp090);
    assert.deepEqual(body.nextEvents, [
      { event: 'converted', label: 'Converted to Modification Proposal' },
      { event: 'withdrawn', label: 'Withdrawn' },
    ]);
  });

  it('GET /api/v1/proposals/MP112: no milestones, nothing next', async () => {
    const { body } = await getJson<{ timetable: Timetable; nextEvents: unknown }>(
      '2019-10-30',
      '/api/v1/proposals/MP112',
    );
    assert.deepEqual(body.timetable, { asOf: '2019-10-30', milestones: [] });
    assert.deepEqual(body.nextEvents, []);
  });

  it('GET /api/v1/proposals/:ref/timetable gives the same timetable object', async () => {
    const { status, body } = await getJson<Timetable>('2019-10-30', '/api/v1/proposals/DP090/timetable');
    assert.equal(status, 200);
    assert.deepEqual(body, dp090);
    const late = await getJson<Timetable>('2019-10-31', '/api/v1/proposals/MP097/timetable');
    assert.deepEqual(
      late.body.milestones.map((m) => [m.kind, m.due, m.overdue, m.workingDaysLeft]),
      [
        ['consultation_closes', '2019-10-25', true, -4],
        ['papers_issued', '2019-10-31', false, 0],
        ['meeting', '2019-11-07', false, 5],
      ],
    );
  });

  it('redirects the other prefix of the same number to the current reference', async () => {
    const res = await (
      await appOn('2019-10-30')
    ).inject({
      method: 'GET',
      url: '/api/v1/proposals/MP090/timetable',
    });
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/api/v1/proposals/DP090/timetable');
  });

  it('is a JSON 404 for an unknown, a malformed, a Green or an Amber proposal', async () => {
    for (const ref of ['DP999', 'nonsense', 'DP094', 'MP095']) {
      const { status, body } = await getJson<{ error: { code: string; message: string } }>(
        '2019-10-30',
        `/api/v1/proposals/${ref}/timetable`,
      );
      assert.equal(status, 404, ref);
      assert.equal(body.error.code, 'proposal.not_found');
      assert.match(body.error.message, new RegExp(ref));
    }
  });
});

describe('timetable presentation', () => {
  const base: Milestone = {
    kind: 'meeting',
    label: 'Change Board meeting 50',
    due: '2019-11-20',
    basis: 'the meeting date',
    overdue: false,
    workingDaysLeft: 1,
  };

  it('counts working days in the singular and plural', () => {
    assert.equal(milestoneRow(base, '2019-11-19').note, 'In 1 working day');
    assert.equal(
      milestoneRow({ ...base, overdue: true, workingDaysLeft: -1 }, '2019-11-21').note,
      '1 working day late',
    );
  });

  it('says nothing of working days when the date is ahead but none are left (due on a weekend)', () => {
    const row = milestoneRow({ ...base, due: '2019-11-23', workingDaysLeft: 0 }, '2019-11-22');
    assert.equal(row.note, null);
    assert.equal(row.tag, null);
    assert.equal(row.dueText, '23 November 2019');
  });

  it('defaults today to the date in Europe/London, as YYYY-MM-DD', () => {
    assert.match(londonToday(), /^\d{4}-\d{2}-\d{2}$/);
    const expected = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    assert.equal(londonToday(), expected);
  });
});
