import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { generatedRegister, importOrThrow } from './support/seed.ts';

const COUNT = 120;
let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  await importOrThrow(database.db, [generatedRegister(COUNT)]);
  app = buildServer({ database, rules: sec });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
});

function registerReferences(html: string): string[] {
  return [...html.matchAll(/<a class="govuk-link" href="\/proposals\/([A-Z0-9]+)">/g)].map((m) => m[1] ?? '');
}

describe('a register of more than one page', () => {
  it('shows 50 proposals a page, with the total', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    const refs = registerReferences(res.body);
    assert.equal(refs.length, 50);
    assert.equal(refs[0], 'DP1000');
    assert.equal(refs[49], 'DP1049');
    assert.match(
      res.body,
      /Showing <strong>1<\/strong> to <strong>50<\/strong>\s+of <strong>120<\/strong> proposals/,
    );
  });

  it('links to the pages with govukPagination', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.match(res.body, /<nav class="govuk-pagination"/);
    assert.match(res.body, /href="\/\?page=2"[^>]*rel="next"|rel="next"[^>]*href="\/\?page=2"/);
    assert.match(res.body, /aria-current="page"/);
  });

  it('shows the last, short page', async () => {
    const res = await app.inject({ method: 'GET', url: '/?page=3' });
    assert.equal(res.statusCode, 200);
    const refs = registerReferences(res.body);
    assert.deepEqual(
      refs,
      Array.from({ length: 20 }, (_, i) => `DP${1100 + i}`),
    );
    assert.match(res.body, /Showing <strong>101<\/strong> to <strong>120<\/strong>/);
    assert.match(res.body, /rel="prev"/);
    assert.doesNotMatch(res.body, /rel="next"/);
    assert.match(res.body, /<title>Change register \(page 3 of 3\)/);
  });

  it('agrees with the API', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/proposals?page=2&pageSize=50' });
    const body = res.json<{ items: { id: string }[]; total: number }>();
    assert.equal(body.total, COUNT);
    assert.equal(body.items[0]?.id, 'DP1050');
  });
});
