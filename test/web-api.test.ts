import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister, XSS_SUMMARY } from './support/seed.ts';

let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  app = buildServer({ database, rules: sec, today: () => '2019-10-30' });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
});

interface ListBody {
  items: { id: string; stage: string; stageLabel: string; raised: string; proposer: unknown }[];
  total: number;
  page: number;
  pageSize: number;
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method: 'GET', url });
  assert.match(String(res.headers['content-type']), /^application\/json/, url);
  return { status: res.statusCode, body: res.json<T>() };
}

describe('GET /api/v1/proposals', () => {
  it('lists the public proposals oldest first, with the page it is on', async () => {
    const { status, body } = await getJson<ListBody>('/api/v1/proposals');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['items', 'page', 'pageSize', 'total']);
    assert.equal(body.total, 9);
    assert.equal(body.page, 1);
    assert.equal(body.pageSize, 50);
    assert.deepEqual(
      body.items.map((p) => p.id),
      ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093', 'DP096', 'MP112', 'MP127'],
    );
    assert.deepEqual(body.items[2], {
      id: 'DP090',
      title: 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC',
      stage: 'development',
      stageLabel: 'Development (Draft Proposal)',
      path: null,
      pathLabel: null,
      raised: '2019-10-16',
      proposer: {
        id: 'emslie-law',
        name: 'Emslie Law',
        organisation: { id: 'sse', name: 'SSE', shortName: null },
      },
    });
  });

  it('never lists or counts a Green or Amber proposal', async () => {
    const { body } = await getJson<ListBody>('/api/v1/proposals?pageSize=200');
    assert.ok(!body.items.some((p) => p.id === 'DP094' || p.id === 'MP095'));
    assert.equal(body.total, body.items.length);
  });

  it('pages with page and pageSize', async () => {
    const { body } = await getJson<ListBody>('/api/v1/proposals?page=2&pageSize=4');
    assert.deepEqual(
      body.items.map((p) => p.id),
      ['DP092', 'DP093', 'DP096', 'MP112'],
    );
    assert.equal(body.total, 9);
    assert.equal(body.page, 2);
    assert.equal(body.pageSize, 4);
    const beyond = await getJson<ListBody>('/api/v1/proposals?page=9&pageSize=4');
    assert.deepEqual(beyond.body.items, []);
  });

  it('refuses a page size over 200 or a page that is not a number, as a JSON error', async () => {
    for (const query of ['pageSize=201', 'pageSize=0', 'page=0', 'page=abc']) {
      const { status, body } = await getJson<{ error: { code: string; message: string } }>(
        `/api/v1/proposals?${query}`,
      );
      assert.equal(status, 400, query);
      assert.equal(body.error.code, 'request.invalid');
      assert.equal(typeof body.error.message, 'string');
    }
  });
});

describe('GET /api/v1/proposals/:ref', () => {
  it("gives all of a proposal's facts in modgov/v1 names, impacts keyed by committee", async () => {
    const { status, body } = await getJson<Record<string, unknown>>('/api/v1/proposals/DP091');
    assert.equal(status, 200);
    assert.equal(body.id, 'DP091');
    assert.equal(body.title, 'Updating Security Assurance Status');
    assert.equal(body.stage, 'development');
    assert.equal(body.stageLabel, 'Development (Draft Proposal)');
    assert.equal(body.raised, '2019-10-22');
    assert.equal(body.classification, 'white');
    assert.equal(body.urgent, false);
    assert.equal(body.fastTrack, false);
    assert.deepEqual(body.proposer, {
      id: 'gordon-hextall',
      name: 'Gordon Hextall',
      kind: 'person',
      organisation: { id: 'ssc', name: 'Security Sub-Committee', shortName: 'SSC' },
    });
    assert.deepEqual(body.leadAnalyst, {
      id: 'adam-lattimore',
      name: 'Adam Lattimore',
      kind: 'person',
      organisation: {
        id: 'secas',
        name: 'Smart Energy Code Administrator and Secretariat',
        shortName: 'SECAS',
      },
    });
    assert.match(String(body.summary), /^Once a Party completes their Full User Security Assessment/);
    assert.deepEqual(body.impacts, {
      OPSG: 'Users may be requested to participate in a second FUSA but we do not see this having an impact operationally.',
    });
    assert.deepEqual(body.affectedDocuments, ['Section G']);
    assert.deepEqual(body.impactedParties, []);
  });

  it('gives the history with on, event, by and the facts of each step', async () => {
    const { body } = await getJson<{ path: string; history: Record<string, unknown>[] }>(
      '/api/v1/proposals/MP112',
    );
    assert.equal(body.path, 'self_governance');
    assert.deepEqual(body.history[0], {
      on: '2020-01-28',
      event: 'raised',
      eventLabel: 'Draft Proposal raised',
    });
    assert.deepEqual(body.history[1], {
      on: '2020-03-13',
      event: 'converted',
      eventLabel: 'Converted to Modification Proposal',
      by: 'PANEL',
      byName: 'SEC Panel',
    });
    assert.deepEqual(body.history[3], {
      on: '2020-03-17',
      event: 'consultation_opened',
      eventLabel: 'Consultation issued',
      consultation: 'modification_report',
      closes: '2020-04-07',
    });
    assert.deepEqual(body.history.at(-1), {
      on: '2020-11-29',
      event: 'implemented',
      eventLabel: 'Implemented',
      release: '2020-11',
      releaseName: 'November 2020 SEC Release',
    });
  });

  it('gives Markdown as written: escaping is the HTML pages’ job', async () => {
    const { body } = await getJson<{ summary: string }>('/api/v1/proposals/DP096');
    assert.equal(body.summary, XSS_SUMMARY);
  });

  it('redirects the other prefix of the same number to the current reference', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/proposals/DP127' });
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/api/v1/proposals/MP127');
  });

  it('is a JSON 404 for an unknown, a malformed or a Green proposal', async () => {
    for (const ref of ['DP999', 'nonsense', 'DP094', 'MP095', 'MP094']) {
      const { status, body } = await getJson<{ error: { code: string; message: string } }>(
        `/api/v1/proposals/${ref}`,
      );
      assert.equal(status, 404, ref);
      assert.equal(body.error.code, 'proposal.not_found');
      assert.match(body.error.message, new RegExp(ref));
    }
  });

  it('is a JSON 404 for an unknown API route', async () => {
    const { status, body } = await getJson<{ error: { code: string } }>('/api/v1/nothing-here');
    assert.equal(status, 404);
    assert.equal(body.error.code, 'route.not_found');
  });
});
