import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';

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

/** The references linked from the register table, in page order. */
function registerReferences(html: string): string[] {
  return [...html.matchAll(/<a class="govuk-link" href="\/proposals\/([A-Z0-9]+)">/g)].map((m) => m[1] ?? '');
}

describe('health checks', () => {
  it('/healthz answers ok', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('/readyz asks the database', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });
});

describe('the register page', () => {
  it('lists DP088 to DP093 in the order they were raised, then the later proposals', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.deepEqual(registerReferences(res.body), [
      'DP088',
      'DP089',
      'DP090',
      'DP091',
      'DP092',
      'DP093',
      'DP096',
      'MP112',
      'MP127',
    ]);
  });

  it('shows the stage label, the organisation, the raised date and the count', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.match(res.body, /Development \(Draft Proposal\)/);
    assert.match(res.body, /<td class="govuk-table__cell">SSC<\/td>/); // shortName when there is one
    assert.match(res.body, /<td class="govuk-table__cell">British Gas<\/td>/); // else the name
    assert.match(res.body, /16 October 2019/);
    assert.match(res.body, /<strong>9<\/strong> proposals/);
  });

  it('never shows a Green or Amber proposal, nor counts it', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.doesNotMatch(res.body, /DP094|MP095|must not see/);
    assert.doesNotMatch(res.body, /<strong>1[01]<\/strong> proposals/);
  });

  it('is a GOV.UK-styled page in British English that is not a GOV.UK service', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.match(res.body, /<html lang="en-GB"/);
    assert.match(res.body, /<a href="#main-content" class="govuk-skip-link"/);
    assert.match(res.body, /<main class="govuk-main-wrapper" id="main-content">/);
    assert.match(res.body, /govuk-service-navigation__service-name[\s\S]*modgov/);
    assert.match(res.body, /Smart Energy Code/);
    assert.equal((res.body.match(/<h1/g) ?? []).length, 1);
    assert.doesNotMatch(res.body, /<script/);
    assert.doesNotMatch(res.body, /govuk-header__logo|govuk-logo|Crown copyright/);
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['referrer-policy'], 'same-origin');
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
    assert.match(String(res.headers['permissions-policy']), /camera=\(\)/);
    const policy = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
    ])
      assert.ok(policy.includes(directive), directive);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
    const https = await app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(https.headers['strict-transport-security'], undefined, 'a forwarded header is not trusted');
  });

  it('answers 404 for a page number that is not a page', async () => {
    for (const page of ['0', 'abc', '99']) {
      const res = await app.inject({ method: 'GET', url: `/?page=${page}` });
      assert.equal(res.statusCode, 404, `page=${page}`);
    }
  });
});

describe('a proposal page', () => {
  it('shows the facts, the summary with its list items, the impacts and affected documents', async () => {
    const res = await app.inject({ method: 'GET', url: '/proposals/DP088' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Power to raise modifications<\/h1>/);
    assert.match(res.body, /<li>Citizens Advice and Citizens Advice Scotland;<\/li>/);
    assert.match(res.body, /<ul class="govuk-list govuk-list--bullet">/);
    assert.match(res.body, /Simon Trivella, British Gas/);
    assert.match(res.body, /Jordan Crase, SECAS/);
    assert.match(res.body, /3 October 2019/);
    assert.match(res.body, /Anticipated Operational Impacts/);
    assert.match(res.body, /all subsequent Draft Proposals will be presented to all Sub-Committees/);
    assert.match(res.body, /<li>Section D<\/li>/);
  });

  it('shows the history as a timeline with labels, committees, outcomes and the release', async () => {
    const res = await app.inject({ method: 'GET', url: '/proposals/MP127' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Path 3: Self-Governance/);
    assert.match(res.body, /SEC Change/); // a team as Lead Analyst
    assert.match(res.body, /<ol class="app-timeline">/);
    assert.match(res.body, /Draft Proposal raised/);
    assert.match(res.body, /Converted to Modification Proposal/);
    assert.equal((res.body.match(/Change Board vote/g) ?? []).length, 2);
    assert.match(res.body, /Outcome:<\/dt> <dd[^>]*>Deferred/);
    assert.match(res.body, /Outcome:<\/dt> <dd[^>]*>Approved/);
    assert.match(res.body, /Closes:<\/dt> <dd[^>]*>10 July 2020/);
    assert.match(
      res.body,
      /Consultation:<\/dt> <dd[^>]*>Modification Report<\/dd><\/div>\s*<div><dt[^>]*>Closes:/,
    );
    assert.match(res.body, /November 2020 SEC Release/);
  });

  it('finds a converted proposal by its Draft Proposal reference and redirects to the current one', async () => {
    const res = await app.inject({ method: 'GET', url: '/proposals/DP112' });
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/proposals/MP112');
  });

  it('finds a Draft Proposal by its Modification Proposal reference too', async () => {
    const res = await app.inject({ method: 'GET', url: '/proposals/MP090' });
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/proposals/DP090');
  });

  it('renders hostile Markdown inert', async () => {
    const res = await app.inject({ method: 'GET', url: '/proposals/DP096' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script/i);
    assert.doesNotMatch(res.body, /<img/i);
    assert.doesNotMatch(res.body, /<[^>]*\sonerror=/i); // only as escaped text
    assert.match(res.body, /&lt;img src=x onerror="alert\(1\)"&gt;/);
    assert.doesNotMatch(res.body, /href="javascript:/i);
    assert.match(res.body, /&lt;script&gt;/);
    assert.match(
      res.body,
      /<a href="https:\/\/smartenergycodecompany.co.uk\/" class="govuk-link">a good link<\/a>/,
    );
    assert.match(res.body, /<li>first point<\/li>/);
    assert.match(res.body, /The problem, in <strong>bold<\/strong>./);
  });

  it('is 404, styled, for an unknown reference, a malformed one and a Green proposal', async () => {
    for (const ref of ['DP999', 'nonsense', 'DP094', 'MP095']) {
      const res = await app.inject({ method: 'GET', url: `/proposals/${ref}` });
      assert.equal(res.statusCode, 404, ref);
      assert.match(res.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
      assert.doesNotMatch(res.body, /must not see/);
    }
  });
});

describe('assets', () => {
  it('serves the stylesheet with a system font stack and no GDS Transport', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/modgov.css' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/css/);
    assert.match(res.body, /system-ui/);
    assert.doesNotMatch(res.body, /GDS Transport/);
  });

  it('serves nothing else from the assets folder', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/modgov.scss' });
    assert.equal(res.statusCode, 404);
  });
});
