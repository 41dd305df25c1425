// A proposal's page shows what it is connected to: the committee papers that include it, its alternatives (or the
// proposal it is an alternative to) and the proposals that affect the same documents, as the viewer may see them.
// The register: the web seed (DP088-DP093 raised in October 2019 are in the White paper OPSG_26_0511_16; DP094
// Green and MP095 Amber, with no impacts, raised in October too), and here: a Green and an Amber paper for the same
// OPSG meeting and period; a White Panel paper whose period holds MP112's conversion (13 March 2020); MP130 with
// its alternatives MP130A (White) and MP130B (Amber, SSE, no impacts); DP131-DP134 of each classification
// affecting Section D, as DP088 does; and DP140-DP151, twelve White proposals affecting Appendix ZZ.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/app/add-user.ts';
import { getProposalRelations } from '../src/app/get-proposal-relations.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import type { Database } from '../src/db/connect.ts';
import { anonymousViewer } from '../src/domain/access/visibility.ts';
import { createFileMailer } from '../src/mail/mailer.ts';
import { buildServer } from '../src/web/server.ts';
import { createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';

const PASSWORD = 'correct horse battery staple';

const paper = (reference: string, meeting: string, classification: string, from: string, to: string) => `
  - reference: ${reference}
    type: new_proposals_summary
    meeting: ${meeting}
    item: 7
    title: New Draft Proposals and Modification Proposals
    action: for_discussion
    classification: ${classification}
    date: ${to}
    author: bradley-baker
    covers: { from: ${from}, to: ${to} }`;

const proposal = (id: string, fields: Record<string, string>) =>
  `  - id: ${id}\n${Object.entries(fields)
    .map(([name, value]) => `    ${name}: ${value}`)
    .join('\n')}`;

const ZZ = Array.from({ length: 12 }, (_, i) => 140 + i);

const RELATIONS = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
meetings:
  - { committee: PANEL, number: 80, date: 2020-03-20 }
proposals:
${[
  proposal('MP130', {
    title: 'Original solution for meter reads',
    proposer: 'emslie-law',
    raised: '2020-02-03',
    stage: 'refinement',
    classification: 'white',
    affectedDocuments: '[Appendix AB]',
  }),
  proposal('MP130A', {
    title: 'Alternative solution for meter reads',
    proposer: 'mari-toda',
    raised: '2020-03-02',
    stage: 'refinement',
    // an alternative is raised into the Refinement Process: its history says so (a stage alone would not replay)
    history: '[{ on: 2020-03-02, event: raised }]',
    classification: 'white',
    affectedDocuments: '[Appendix AB]',
  }),
  proposal('MP130B', {
    title: 'Hidden amber alternative',
    proposer: 'emslie-law',
    raised: '2020-03-03',
    stage: 'refinement',
    // an alternative is raised into the Refinement Process: its history says so (a stage alone would not replay)
    history: '[{ on: 2020-03-03, event: raised }]',
    classification: 'amber',
  }),
  proposal('DP131', {
    title: 'White change to Section D',
    proposer: 'emslie-law',
    raised: '2020-04-01',
    stage: 'development',
    classification: 'white',
    affectedDocuments: '[Section D]',
  }),
  proposal('DP132', {
    title: 'Green change to Section D',
    proposer: 'simon-trivella',
    raised: '2020-04-02',
    stage: 'development',
    classification: 'green',
    affectedDocuments: '[Section D]',
  }),
  proposal('DP133', {
    title: 'Amber change to Section D',
    proposer: 'emslie-law',
    raised: '2020-04-03',
    stage: 'development',
    classification: 'amber',
    affectedDocuments: '[Section D]',
  }),
  proposal('DP134', {
    title: 'Red change to Section D',
    proposer: 'mari-toda',
    raised: '2020-04-04',
    stage: 'development',
    classification: 'red',
    affectedDocuments: '[Section D]',
  }),
  ...ZZ.map((n, i) =>
    proposal(`DP${n}`, {
      title: `Appendix ZZ change ${i + 1}`,
      proposer: 'emslie-law',
      raised: `2021-01-${String(i + 1).padStart(2, '0')}`,
      stage: 'development',
      classification: 'white',
      affectedDocuments: '[Appendix ZZ]',
    }),
  ),
].join('\n')}
papers:${[
  paper('OPSG_26_0511_91', '{ committee: OPSG, number: 26 }', 'green', '2019-10-01', '2019-10-29'),
  paper('OPSG_26_0511_92', '{ committee: OPSG, number: 26 }', 'amber', '2019-10-01', '2019-10-29'),
  paper('PANEL_80_2003_7', '{ committee: PANEL, number: 80 }', 'white', '2020-03-01', '2020-03-16'),
].join('')}
`;

let database: Database;
let app: FastifyInstance;
const tokens: Record<string, string | null> = { anonymous: null };

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await importOrThrow(database.db, [{ name: 'relations.yaml', text: RELATIONS }]);
  const email = 'analyst@example.com';
  await addUser(
    { db: database.db, rules: sec },
    { email, name: 'An Analyst', roles: [{ role: 'analyst' }], password: PASSWORD, actor: 'test' },
  );
  const session = await signIn(
    { db: database.db, now: () => new Date() },
    { email, password: PASSWORD, ip: '127.0.0.1' },
  );
  tokens.analyst = session.token;
  app = buildServer({
    database,
    rules: sec,
    today: () => '2021-02-01',
    mailer: createFileMailer('/dev/null/unused', 'modgov@test'),
    publicUrl: 'http://modgov.test',
    oidc: null,
  });
  await app.ready();
});

after(async () => {
  await app.close();
  await database.close();
});

type Viewer = 'anonymous' | 'analyst';

async function page(viewer: Viewer, reference: string): Promise<string> {
  const token = tokens[viewer];
  const res = await app.inject({
    method: 'GET',
    url: `/proposals/${reference}`,
    cookies: token ? { modgov_session: token } : {},
  });
  assert.equal(res.statusCode, 200, `${viewer} /proposals/${reference}`);
  return res.body;
}

/** The body of one of the three sections, by its heading's id. */
function section(html: string, name: 'papers' | 'alternatives' | 'related'): string {
  const m = new RegExp(
    `<section class="app-section" aria-labelledby="relations-${name}-heading">([\\s\\S]*?)</section>`,
  ).exec(html);
  assert.ok(m?.[1], `no ${name} section`);
  return m[1];
}

/** The papers a page's Papers section links to, in order. */
const paperLinks = (html: string) =>
  [...section(html, 'papers').matchAll(/href="\/papers\/([^"]+)"/g)].map((m) => m[1]);

/** The proposals a section links to, in order. */
const proposalLinks = (html: string) => [...html.matchAll(/href="\/proposals\/([^"]+)"/g)].map((m) => m[1]);

describe("a proposal page's papers", () => {
  it('lists the White paper OPSG_26_0511_16 on DP090, linked, with its meeting and date', async () => {
    const papers = section(await page('anonymous', 'DP090'), 'papers');
    assert.match(
      papers,
      /<a class="govuk-link" href="\/papers\/OPSG_26_0511_16">New Draft Proposals and Modification Proposals<span class="govuk-visually-hidden">, paper OPSG_26_0511_16<\/span><\/a>/,
    );
    assert.match(papers, /href="\/committees\/OPSG\/meetings\/26">Operations Group meeting 26<\/a>/);
    assert.match(papers, /5 November 2019/);
    assert.match(papers, /<time datetime="2019-10-29">29 October 2019<\/time>/);
    assert.match(papers, /Lists it as newly raised/);
  });

  it('lists to the public only the papers the public may see', async () => {
    assert.deepEqual(paperLinks(await page('anonymous', 'DP090')), ['OPSG_26_0511_16']);
    assert.deepEqual(paperLinks(await page('analyst', 'DP090')), [
      'OPSG_26_0511_92',
      'OPSG_26_0511_91',
      'OPSG_26_0511_16',
    ]);
  });

  it('does not list on a Green proposal the White paper that leaves it out', async () => {
    // DP094 was raised on 25 October 2019, inside the White paper's period; the Green and Amber papers include it
    assert.deepEqual(paperLinks(await page('analyst', 'DP094')), ['OPSG_26_0511_92', 'OPSG_26_0511_91']);
  });

  it('does not list an Amber paper for a committee an Amber proposal has no impact on', async () => {
    const html = await page('analyst', 'MP095');
    assert.deepEqual(paperLinks(html), []);
    assert.match(section(html, 'papers'), /No committee paper includes MP095 yet\./);
  });

  it('lists a paper whose period holds the conversion, not only the day raised', async () => {
    const papers = section(await page('anonymous', 'MP112'), 'papers');
    assert.deepEqual(paperLinks(await page('anonymous', 'MP112')), ['PANEL_80_2003_7']);
    assert.match(papers, /Lists its conversion to a Modification Proposal/);
    assert.match(papers, /SEC Panel meeting 80/);
    assert.deepEqual(paperLinks(await page('anonymous', 'MP127')), []);
  });

  it('lists no paper on an alternative, which the monthly paper never lists, though raised in its period', async () => {
    assert.deepEqual(paperLinks(await page('anonymous', 'MP130A')), []);
  });
});

describe("a proposal page's alternatives", () => {
  it('links a proposal to its alternatives, and an alternative to its original', async () => {
    const original = section(await page('anonymous', 'MP130'), 'alternatives');
    assert.deepEqual(proposalLinks(original), ['MP130A']);
    assert.match(original, />MP130A: Alternative solution for meter reads<\/a>/);
    const alternative = section(await page('anonymous', 'MP130A'), 'alternatives');
    assert.match(
      alternative,
      /MP130A is an alternative to <a class="govuk-link" href="\/proposals\/MP130">MP130: Original solution for meter reads<\/a>\./,
    );
    assert.deepEqual(proposalLinks(alternative), ['MP130']);
  });

  it('never names an alternative the viewer may not see', async () => {
    assert.doesNotMatch(await page('anonymous', 'MP130'), /MP130B|Hidden amber alternative/);
    assert.deepEqual(proposalLinks(section(await page('analyst', 'MP130'), 'alternatives')), [
      'MP130A',
      'MP130B',
    ]);
    assert.deepEqual(proposalLinks(section(await page('analyst', 'MP130A'), 'alternatives')), [
      'MP130',
      'MP130B',
    ]);
  });

  it('says plainly when there are none', async () => {
    assert.match(section(await page('anonymous', 'DP090'), 'alternatives'), /DP090 has no alternatives\./);
  });
});

describe("a proposal page's related proposals", () => {
  it('lists the others affecting the same document, most recent first, never one the viewer may not see', async () => {
    const anonymous = await page('anonymous', 'DP088');
    assert.match(section(anonymous, 'related'), /Also affecting Section D/);
    assert.deepEqual(proposalLinks(section(anonymous, 'related')), ['DP131']);
    assert.doesNotMatch(anonymous, /DP132|DP133|DP134|Green change|Amber change|Red change/);
    // the analyst sees Green and Amber; a Red proposal only its named recipients (it names none)
    const analyst = await page('analyst', 'DP088');
    assert.deepEqual(proposalLinks(section(analyst, 'related')), ['DP133', 'DP132', 'DP131']);
    assert.doesNotMatch(analyst, /DP134|Red change/);
  });

  it('lists at most 10 for a document, and links to them all on the register', async () => {
    const related = section(await page('anonymous', 'DP151'), 'related');
    const expected = ZZ.slice(1, 11)
      .reverse()
      .map((n) => `DP${n}`);
    assert.deepEqual(proposalLinks(related), expected);
    assert.match(
      related,
      /<a class="govuk-link" href="\/\?affectedDocument=Appendix%20ZZ&amp;sort=raised-desc">All proposals affecting Appendix ZZ<\/a>/,
    );
    assert.doesNotMatch(section(await page('anonymous', 'DP131'), 'related'), /All proposals affecting/);
  });

  it('includes an alternative and its original when they share a document', async () => {
    assert.deepEqual(proposalLinks(section(await page('anonymous', 'MP130A'), 'related')), ['MP130']);
  });

  it('says plainly when there are none', async () => {
    assert.match(
      section(await page('anonymous', 'DP090'), 'related'),
      /No other proposal affects Schedule 8\./,
    );
    assert.match(
      section(await page('anonymous', 'DP096'), 'related'),
      /No related proposals: no affected documents are recorded for DP096\./,
    );
  });
});

describe('getProposalRelations', () => {
  it('answers nothing for a proposal the viewer may not see', async () => {
    const deps = { db: database.db, rules: sec };
    assert.equal(await getProposalRelations(deps, { viewer: anonymousViewer, reference: 'DP094' }), null);
    assert.ok(await getProposalRelations(deps, { viewer: anonymousViewer, reference: 'dp090' }));
  });
});
