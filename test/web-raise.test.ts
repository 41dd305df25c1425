// Raising a Draft Proposal on the web (through inject, with real sessions and a file mailer): a party user of
// British Gas (a Large Supplier, allowed by SEC D1.3(a)) is shown the rule and that their organisation qualifies,
// saves an incomplete draft, resumes it, is told what is missing, submits it and sees the acknowledgement with the
// new DP reference; the proposal exists with them as proposer, the audit record names the user, the e-mail was
// written, and submitting the raised draft again raises nothing new. A party user of SECAS (the code administrator,
// which D1.3 leaves out) is told why and offered no form, and their POSTs are refused with nothing stored. Another
// party user cannot see, resume, change or delete someone else's draft (404). Staff and a party user with no person
// in the register are refused (403); the anonymous public is sent to sign in; a POST without its CSRF token is
// refused (403). A missing title answers 400 with the GOV.UK error summary naming the field, nothing stored.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createFileMailer, type MailFile } from '../src/mail/mailer.ts';
import { createTestDatabase } from './support/db.ts';
import { seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';
import { createWebApp } from './support/web.ts';

const USERS: Record<string, { person?: string; roles: RoleGrant[] }> = {
  britishGas: { person: 'simon-trivella', roles: [{ role: 'party_user' }] }, // large_supplier: D1.3(a)
  dcc: { person: 'mari-toda', roles: [{ role: 'party_user' }] }, // the DCC: D1.3(a), but not the owner
  secas: { person: 'jordan-crase', roles: [{ role: 'party_user' }] }, // code_administrator: refused by D1.3
  ssc: { person: 'gordon-hextall', roles: [{ role: 'party_user' }] }, // a Panel sub-committee: D1.3(e), with a reason
  analyst: { roles: [{ role: 'analyst' }] },
  partyWithoutPerson: { roles: [{ role: 'party_user' }] },
};

const FULL = {
  title: 'Clarify the Alert retention period',
  summary: 'Alerts are kept for **different** periods by different Parties.',
  problemStatement: 'The SEC does not say how long an Alert must be kept.\n\n- Parties differ\n- Audits fail',
  kind: 'urgent',
};

let database: Database;
const mailDir = mkdtempSync(join(tmpdir(), 'modgov-raise-mail-'));
const web = createWebApp({
  today: '2019-10-30',
  users: USERS,
  mailer: createFileMailer(mailDir, 'modgov@test'),
  requireCsrf: true,
});
const { ids: userIds, cookiesOf, get, csrfOf } = web;

before(async () => {
  database = await createTestDatabase();
  await seedWebRegister(database.db);
  await web.start(database);
});

after(async () => {
  await web.close();
  rmSync(mailDir, { recursive: true, force: true });
});

const post = (
  viewer: string,
  url: string,
  form: Record<string, string>,
  cookies: Record<string, string> = {},
) =>
  web.app.inject({
    method: 'POST',
    url,
    cookies: { ...cookiesOf(viewer), ...cookies },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

const hiddenIn = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

/** The new form's fields as a browser sends them: its CSRF token and its form key. */
async function newForm(viewer: string) {
  const page = await get(viewer, '/raise/new');
  assert.equal(page.statusCode, 200);
  const csrf = hiddenIn(page.body, '_csrf');
  const formKey = hiddenIn(page.body, 'formKey');
  assert.ok(csrf && formKey, 'the form carries a CSRF token and a form key');
  return { _csrf: csrf, formKey };
}

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    `select count(*)::int as n from ${table} where ${where}`,
  );
  return row?.n ?? -1;
}

const draftsOf = (viewer: string) =>
  queryRows<{ id: number; fields: Record<string, string>; raised_proposal_id: number | null }>(
    database.db,
    `select id, fields, raised_proposal_id from proposal_drafts where user_id = ${userIds[viewer]} order by id`,
  );

const nextReference = async () => {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    "select max(number)::int as n from proposals where code_id = 'SEC'",
  );
  return `DP${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
};

const mailFiles = (): MailFile[] =>
  readdirSync(mailDir).map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as MailFile);

/** The error summary's links: the fields it names. */
const summaryFields = (html: string) => {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([A-Za-z]+)"/g)].map((m) => m[1]);
};

describe('who may raise a Draft Proposal on the web', () => {
  it('the anonymous public is sent to sign in, and back after; an anonymous POST stores nothing', async () => {
    for (const url of ['/raise', '/raise/new', '/raise/drafts/1']) {
      const res = await get('anonymous', url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`, url);
    }
    const signInPage = await get('anonymous', '/sign-in');
    const cookie = signInPage.cookies.find((c) => c.name === 'modgov_csrf');
    assert.ok(cookie);
    const res = await post(
      'anonymous',
      '/raise/new',
      { ...FULL, action: 'submit', _csrf: hiddenIn(signInPage.body, '_csrf') ?? '' },
      { modgov_csrf: cookie.value },
    );
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/sign-in\?next=/);
    assert.equal(await count('proposal_drafts'), 0);
  });

  it('staff, and a party user with no person in the register, are refused with the reason', async () => {
    const before = await count('proposals');
    for (const [viewer, reason] of [
      ['analyst', /Only party users raise a Draft Proposal here/],
      ['partyWithoutPerson', /not linked to a person in the register/],
    ] as const) {
      for (const url of ['/raise', '/raise/new']) {
        const page = await get(viewer, url);
        assert.equal(page.statusCode, 403, `${viewer} ${url}`);
        assert.match(page.body, reason, viewer);
        assert.ok(!page.body.includes('name="title"'), viewer);
      }
      const res = await post(viewer, '/raise/new', {
        ...FULL,
        action: 'submit',
        _csrf: await csrfOf(viewer),
      });
      assert.equal(res.statusCode, 403, viewer);
    }
    assert.equal(await count('proposal_drafts'), 0);
    assert.equal(await count('proposals'), before);
  });

  it('a POST without its CSRF token, or with a wrong one, is refused and stores nothing', async () => {
    const { formKey } = await newForm('britishGas');
    for (const form of [
      { ...FULL, action: 'save', formKey },
      { ...FULL, action: 'submit', formKey, _csrf: 'not-the-token' },
    ]) {
      const res = await post('britishGas', '/raise/new', form);
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /This form has expired or did not come from this site/);
    }
    assert.equal(await count('proposal_drafts'), 0);
  });

  it('a party user of the code administrator is told why D1.3 leaves it out, offered no form, and refused', async () => {
    const before = await count('proposals');
    const page = await get('secas', '/raise/new');
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /You cannot raise a Draft Proposal for Smart Energy Code Administrator and Secretariat/,
    );
    // the refusal is the rule's own words, from the eligibility data
    assert.match(page.body, /The code administrator may not raise a Draft Proposal \(SEC D1\.3\)/);
    assert.match(page.body, /DP088 proposes to change this/);
    assert.match(page.body, /A Party, including the DCC, may raise a Draft Proposal \(SEC D1\.3\(a\)\)/);
    assert.ok(!page.body.includes('name="title"'), 'no form');
    assert.ok(!page.body.includes('name="action"'), 'no Submit');
    const index = await get('secas', '/raise');
    assert.equal(index.statusCode, 200);
    assert.ok(!index.body.includes('href="/raise/new"'), 'no way to start one');

    const csrf = await csrfOf('secas');
    for (const action of ['save', 'submit']) {
      const res = await post('secas', '/raise/new', { ...FULL, action, _csrf: csrf });
      assert.equal(res.statusCode, 403, action);
      assert.match(res.body, /The code administrator may not raise a Draft Proposal/, action);
    }
    assert.deepEqual(await draftsOf('secas'), []);
    assert.equal(await count('proposals'), before);
  });
});

describe('where a user finds it', () => {
  it('the account page offers raising to a party user who may, and the workspace to staff, not the other way', async () => {
    const party = (await get('britishGas', '/account')).body;
    assert.ok(party.includes('href="/raise"'));
    assert.ok(!party.includes('href="/workspace"'));
    const analyst = (await get('analyst', '/account')).body;
    assert.ok(analyst.includes('href="/workspace"'));
    assert.ok(!analyst.includes('href="/raise"'));
  });
});

describe('the form', () => {
  it('explains the rule, says the organisation qualifies, shows the proposer and offers normal or urgent', async () => {
    const res = await get('britishGas', '/raise/new');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const html = res.body;
    assert.match(html, /British Gas \(a Large Supplier\) may raise a Draft Proposal under SEC D1\.3\(a\)/);
    assert.match(
      html,
      /Citizens Advice and Citizens Advice Scotland may raise a Draft Proposal \(SEC D1\.3\(b\)\)/,
    );
    assert.match(html, /Simon Trivella/);
    for (const name of ['title', 'summary', 'problemStatement'])
      assert.match(html, new RegExp(`id="${name}" name="${name}"`), name);
    assert.match(html, /name="kind" type="radio" value="normal" checked/);
    assert.match(html, /name="kind" type="radio" value="urgent"/);
    assert.ok(!html.includes('value="fast_track"'), 'Fast-Track is not offered');
    assert.match(html, /Only the Panel may raise a Fast-Track Modification \(SEC D1\.3\(e\)\)/);
    assert.match(html, /You can use Markdown/);
    assert.match(html, /value="submit" name="action"/);
    assert.match(html, /value="save" name="action"/);
  });

  it('a missing title answers 400 with the error summary naming the field, the values kept, nothing stored', async () => {
    const before = await count('proposals');
    const form = await newForm('britishGas');
    const res = await post('britishGas', '/raise/new', { ...FULL, title: '   ', action: 'submit', ...form });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: /);
    assert.deepEqual(summaryFields(res.body), ['title']);
    assert.match(res.body, /id="title-error"[\s\S]*?Enter a title for the Draft Proposal/);
    assert.ok(res.body.includes('Alerts are kept for **different** periods'), 'the summary is kept');
    assert.equal(hiddenIn(res.body, 'formKey'), form.formKey, 'the same form key');
    assert.deepEqual(await draftsOf('britishGas'), []);
    assert.equal(await count('proposals'), before);
  });

  it('a title too long is refused even for a draft, naming the field and the limit', async () => {
    const form = await newForm('britishGas');
    const res = await post('britishGas', '/raise/new', { title: 'x'.repeat(201), action: 'save', ...form });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryFields(res.body), ['title']);
    assert.match(res.body, /Title must be 200 characters or fewer/);
    assert.deepEqual(await draftsOf('britishGas'), []);
  });
});

describe('saving, resuming and submitting a draft', () => {
  let draftId = 0;
  let reference = '';

  it('saves an incomplete draft for its owner and says so', async () => {
    const form = await newForm('britishGas');
    const partial = { title: FULL.title, summary: FULL.summary, ...form };
    const res = await post('britishGas', '/raise/new', { ...partial, action: 'save' });
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    const id = /^\/raise\/drafts\/(\d+)\?saved=1$/.exec(location)?.[1];
    assert.ok(id, location);
    draftId = Number(id);
    const [draft, ...others] = await draftsOf('britishGas');
    assert.equal(others.length, 0);
    assert.equal(draft?.id, draftId);
    assert.equal(draft?.fields.title, FULL.title);
    assert.equal(draft?.fields.problemStatement, '');
    assert.equal(draft?.raised_proposal_id, null);

    // the same form saved again (the back button) is the same draft
    const again = await post('britishGas', '/raise/new', { ...partial, summary: 'Changed.', action: 'save' });
    assert.equal(again.headers.location, location);
    assert.equal((await draftsOf('britishGas')).length, 1);
    assert.equal((await draftsOf('britishGas'))[0]?.fields.summary, 'Changed.');

    const page = await get('britishGas', location);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Draft saved/);
  });

  it('lists it under "Your drafts" and resumes it, the form filled in', async () => {
    const index = await get('britishGas', '/raise');
    assert.equal(index.statusCode, 200);
    assert.ok(index.body.includes(`href="/raise/drafts/${draftId}"`));
    assert.ok(index.body.includes(FULL.title));
    const page = await get('britishGas', `/raise/drafts/${draftId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('Draft saved'));
    assert.match(page.body, new RegExp(`id="title" name="title" type="text" value="${FULL.title}"`));
    assert.match(page.body, /<textarea[^>]*id="summary"[^>]*>Changed\.<\/textarea>/);
    assert.ok(page.body.includes(`action="/raise/drafts/${draftId}"`));
  });

  it('another party user cannot see, resume, change or delete it: not found', async () => {
    const csrf = await csrfOf('dcc');
    assert.equal((await get('dcc', `/raise/drafts/${draftId}`)).statusCode, 404);
    assert.equal(
      (await post('dcc', `/raise/drafts/${draftId}`, { ...FULL, action: 'submit', _csrf: csrf })).statusCode,
      404,
    );
    assert.equal(
      (await post('dcc', `/raise/drafts/${draftId}`, { ...FULL, action: 'save', _csrf: csrf })).statusCode,
      404,
    );
    assert.equal((await post('dcc', `/raise/drafts/${draftId}/delete`, { _csrf: csrf })).statusCode, 404);
    const index = await get('dcc', '/raise');
    assert.ok(!index.body.includes(FULL.title), 'not listed for them');
    const [draft] = await draftsOf('britishGas');
    assert.equal(draft?.fields.summary, 'Changed.');
    assert.equal(draft?.raised_proposal_id, null);
  });

  it('submitting it without a problem statement names that field and raises nothing', async () => {
    const before = await count('proposals');
    const res = await post('britishGas', `/raise/drafts/${draftId}`, {
      ...FULL,
      problemStatement: '',
      action: 'submit',
      _csrf: await csrfOf('britishGas'),
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summaryFields(res.body), ['problemStatement']);
    assert.equal(await count('proposals'), before);
    assert.equal((await draftsOf('britishGas'))[0]?.raised_proposal_id, null);
  });

  it('submitting it raises the Draft Proposal, acknowledges it with its reference and e-mails the user', async () => {
    reference = await nextReference();
    const res = await post('britishGas', `/raise/drafts/${draftId}`, {
      ...FULL,
      action: 'submit',
      _csrf: await csrfOf('britishGas'),
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`Draft Proposal ${reference} raised`));
    assert.ok(res.body.includes(`href="/proposals/${reference}"`));
    assert.match(res.body, /We have sent a confirmation to britishgas@example\.com/);
    assert.match(res.body, /Change Team will contact you/);
    assert.match(res.body, /sec\.change@gemserv\.com/);

    const [proposal] = await queryRows<{
      title: string;
      proposer: string;
      summary: string;
      problem_statement: string;
      urgent: boolean;
      stage: string;
      raised: string;
    }>(
      database.db,
      `select p.title, pe.slug as proposer, p.summary, p.problem_statement, p.urgent, p.stage, p.raised::text
       from proposals p join people pe on pe.id = p.proposer_id where p.reference = '${reference}'`,
    );
    assert.deepEqual(proposal, {
      title: FULL.title,
      proposer: 'simon-trivella',
      summary: FULL.summary,
      problem_statement: FULL.problemStatement,
      urgent: true,
      stage: 'development',
      raised: '2019-10-30',
    });
    const audits = await queryRows<{ actor: string; after: Record<string, string> }>(
      database.db,
      `select actor, after from audit_events where action = 'proposal.raised'`,
    );
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.actor, `user:${userIds.britishGas}`);
    assert.equal(audits[0]?.after.as, 'proposer');
    assert.equal(audits[0]?.after.rule, 'D1.3(a)');
    assert.equal(audits[0]?.after.reference, reference);

    const [draft] = await draftsOf('britishGas');
    assert.ok(draft?.raised_proposal_id, 'the draft is marked raised');

    const mail = mailFiles();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]?.to, 'britishgas@example.com');
    assert.match(mail[0]?.subject ?? '', new RegExp(`Draft Proposal ${reference} raised`));
    // the site's address: publicUrl once server.ts passes it to the raise routes, else the request's own
    assert.match(mail[0]?.text ?? '', new RegExp(`http://[^/\\s]+/proposals/${reference}\\b`));
    assert.match(mail[0]?.text ?? '', /Simon Trivella, British Gas/);

    const page = await get('anonymous', `/proposals/${reference}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(FULL.title));
  });

  it('the raised draft shows its acknowledgement, and submitting it again raises nothing new', async () => {
    const before = {
      proposals: await count('proposals'),
      audits: await count('audit_events'),
      mail: mailFiles().length,
    };
    const page = await get('britishGas', `/raise/drafts/${draftId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Draft Proposal ${reference} raised`));
    assert.ok(!page.body.includes('name="title"'));

    const csrf = await csrfOf('britishGas');
    const again = await post('britishGas', `/raise/drafts/${draftId}`, {
      ...FULL,
      action: 'submit',
      _csrf: csrf,
    });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, new RegExp(`Draft Proposal ${reference} raised`));
    assert.match(again.body, /Nothing new was raised/);
    const save = await post('britishGas', `/raise/drafts/${draftId}`, {
      ...FULL,
      title: 'Changed after raising',
      action: 'save',
      _csrf: csrf,
    });
    assert.equal(save.statusCode, 303);
    assert.equal(save.headers.location, `/raise/drafts/${draftId}`);
    const removed = await post('britishGas', `/raise/drafts/${draftId}/delete`, { _csrf: csrf });
    assert.equal(removed.statusCode, 409);

    assert.equal(await count('proposals'), before.proposals);
    assert.equal(await count('audit_events'), before.audits);
    assert.equal(mailFiles().length, before.mail);
    assert.equal((await draftsOf('britishGas'))[0]?.fields.title, FULL.title);
    const index = await get('britishGas', '/raise');
    assert.ok(index.body.includes(`href="/proposals/${reference}"`), 'listed as raised');
  });

  it('a form submitted twice without saving (refresh, back button) raises one proposal', async () => {
    const before = await count('proposals');
    const form = await newForm('dcc');
    const fields = {
      ...FULL,
      title: 'Raised straight from the form',
      kind: 'normal',
      action: 'submit',
      ...form,
    };
    const first = await post('dcc', '/raise/new', fields);
    assert.equal(first.statusCode, 200);
    const ref = /Draft Proposal (DP\d+) raised/.exec(first.body)?.[1];
    assert.ok(ref);
    const second = await post('dcc', '/raise/new', fields);
    assert.equal(second.statusCode, 200);
    assert.match(second.body, new RegExp(`Draft Proposal ${ref} raised`));
    assert.match(second.body, /Nothing new was raised/);
    assert.equal(await count('proposals'), before + 1);
    assert.equal(await count('proposals', `title = 'Raised straight from the form'`), 1);
  });
});

describe('a rule that needs a reason', () => {
  it('a Panel sub-committee is asked for the circumstances its rule needs, and they are recorded', async () => {
    const page = await get('ssc', '/raise/new');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /may raise a Draft Proposal under SEC D1\.3\(e\)/);
    assert.match(page.body, /id="reasonText" name="reasonText"/);
    const form = await newForm('ssc');
    const fields = { ...FULL, title: 'A change for the Panel', kind: 'normal', action: 'submit', ...form };
    const missing = await post('ssc', '/raise/new', fields);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(summaryFields(missing.body), ['reasonText']);
    assert.match(missing.body, /Record the circumstances in which it raises it for the Panel/);
    assert.equal(await count('proposals', `title = 'A change for the Panel'`), 0);

    const raised = await post('ssc', '/raise/new', { ...fields, reasonText: 'The Panel asked the SSC to.' });
    assert.equal(raised.statusCode, 200);
    const ref = /Draft Proposal (DP\d+) raised/.exec(raised.body)?.[1];
    assert.ok(ref);
    const [audit] = await queryRows<{ after: Record<string, string> }>(
      database.db,
      `select after from audit_events where action = 'proposal.raised' and after->>'reference' = '${ref}'`,
    );
    assert.equal(audit?.after.rule, 'D1.3(e)');
    assert.equal(audit?.after.reason, 'The Panel asked the SSC to.');
  });
});

describe('deleting a draft', () => {
  it('its owner deletes a draft not yet raised; it is gone', async () => {
    const form = await newForm('dcc');
    const saved = await post('dcc', '/raise/new', { title: 'To be deleted', action: 'save', ...form });
    const id = /\/raise\/drafts\/(\d+)/.exec(String(saved.headers.location))?.[1];
    assert.ok(id);
    const res = await post('dcc', `/raise/drafts/${id}/delete`, { _csrf: await csrfOf('dcc') });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/raise?deleted=1');
    assert.equal(await count('proposal_drafts', `id = ${Number(id)}`), 0);
    assert.equal((await get('dcc', `/raise/drafts/${id}`)).statusCode, 404);
    assert.match((await get('dcc', '/raise?deleted=1')).body, /Draft deleted/);
  });
});
