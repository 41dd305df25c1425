// Views by e-mail reply (issue 7), end to end, with a real SMTP sink (smtp-server on 127.0.0.1) and the real
// `modgov` command. The secretariat asks the Operations Group's members for their views on the OPSG_26_0511_16
// paper (`modgov views request`, mail sent over SMTP): each member gets one message whose Reply-To carries a
// token, listing the paper's proposals they may see (an Amber paper's Amber proposal to those allowed it; a Red
// one never). A member's reply, composed as a mail program would (MailComposer: "Re:", In-Reply-To, the quoted
// original under its "On ... wrote:" line), piped to `modgov mail receive`, records their views on DP090 and
// DP092 with source email and audit records, and they are answered. Each refusal stores nothing and exits with
// the code a mail system reads (65, 67); an automatic message is ignored (0) and not answered. The staff page
// sends the same requests, is refused to others, and says clearly when MODGOV_VIEWS_REPLY_TO is not set.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import { addUser } from '../src/app/add-user.ts';
import { composePaper } from '../src/app/compose-paper.ts';
import { planViewRequests, requestViews } from '../src/app/request-views.ts';
import { signIn } from '../src/app/sign-in.ts';
import { sec } from '../src/codes/sec/index.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from '../src/db/connect.ts';
import type { RoleGrant } from '../src/domain/access/roles.ts';
import { createSmtpMailer } from '../src/mail/mailer.ts';
import { buildServer } from '../src/web/server.ts';
import { ROOT, type CliRun } from './support/cli.ts';
import { createEmptyPostgresDatabase, createTestDatabase } from './support/db.ts';
import { importOrThrow, seedWebRegister } from './support/seed.ts';
import { queryRows } from './support/sql.ts';

const WHITE_PAPER = 'OPSG_26_0511_16';
const AMBER_PAPER = 'OPSG_26_0511_92';
const REPLY_TO = 'views@example.org';
const PUBLIC_URL = 'http://modgov.test';
/** What the White paper presents: the new Draft Proposals of October 2019 (the fixture and the web seed's DP096). */
const WHITE_PROPOSALS = ['DP088', 'DP089', 'DP090', 'DP091', 'DP092', 'DP093', 'DP096'];

// Beside the web seed (White DP088-DP093 and DP096, DP094 Green, MP095 Amber for the DCC with no impacts): DP097
// Amber with an OPSG impact, DP098 Red with an OPSG impact, and an Amber monthly paper for the same meeting.
const MORE = `format: modgov/v1
code: { id: SEC, name: Smart Energy Code }
proposals:
  - id: DP097
    title: Amber proposal for OPSG eyes
    proposer: emslie-law
    raised: 2019-10-28
    stage: development
    classification: amber
    impacts:
      OPSG: Amber impact on OPSG.
  - id: DP098
    title: Red proposal for named eyes
    proposer: mari-toda
    raised: 2019-10-29
    stage: development
    classification: red
    impacts:
      OPSG: Red impact on OPSG.
papers:
  - reference: ${AMBER_PAPER}
    type: new_proposals_summary
    meeting: { committee: OPSG, number: 26 }
    item: 92
    title: Amber paper for OPSG
    action: for_discussion
    classification: amber
    date: 2019-10-29
    author: bradley-baker
    covers: { from: 2019-10-01, to: 2019-10-29 }
`;

const USERS: Record<string, { name: string; person?: string; roles: RoleGrant[] }> = {
  chair: { name: 'Olive Chair', roles: [{ role: 'committee_chair', committee: 'OPSG' }] },
  member: { name: 'Omar Member', roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  // of the DCC, which proposes MP095 (Amber, no OPSG impact): they may see it, but no OPSG paper shows it
  alternate: {
    name: 'Dana Alternate',
    person: 'chris-thompson',
    roles: [{ role: 'committee_alternate', committee: 'OPSG' }],
  },
  leaver: { name: 'Leo Leaver', roles: [{ role: 'committee_member', committee: 'OPSG' }] },
  former: { name: 'Fay Former', roles: [{ role: 'committee_member', committee: 'OPSG' }] }, // disabled
  board: { name: 'Cara Board', roles: [{ role: 'committee_member', committee: 'CB' }] },
  analyst: { name: 'Ann Analyst', roles: [{ role: 'analyst' }] },
};
const emailOf = (key: string) => `${key}@example.com`;
const ASKED = ['chair', 'member', 'alternate', 'leaver'];

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
interface Sink {
  url: string;
  raw: Buffer[];
  parsed(from?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const raw: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        raw.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    raw,
    parsed: (from = 0) => Promise.all(raw.slice(from).map((m) => simpleParser(m))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((o) =>
    o.value.flatMap((a) => (a.address ? [a.address] : [])),
  );
const header = (mail: ParsedMail, name: string) => {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** Runs the real `modgov` with `input` on its standard input. */
function runModgovWithInput(args: string[], env: NodeJS.ProcessEnv, input?: Buffer): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** A member's reply as a mail program composes it: "Re:", In-Reply-To, References, the original quoted. */
async function composeReply(options: {
  from: string;
  to: string;
  original?: ParsedMail | undefined;
  body: string;
  headers?: Record<string, string>;
  messageId?: string;
}): Promise<Buffer> {
  const { original } = options;
  const quoted = original
    ? `\n\nOn Tue, 5 Nov 2019 at 09:00, modgov <modgov@test> wrote:\n${(original.text ?? '')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}\n`
    : '';
  return new MailComposer({
    from: options.from,
    to: options.to,
    subject: original ? `Re: ${original.subject ?? ''}` : 'Views',
    ...(original?.messageId ? { inReplyTo: original.messageId, references: [original.messageId] } : {}),
    messageId: options.messageId ?? `<${randomBytes(6).toString('hex')}@mail.example.com>`,
    headers: options.headers ?? {},
    text: `${options.body}${quoted}`,
  })
    .compile()
    .build();
}

const seedUsers = async (db: Db, password?: string) => {
  const ids: Record<string, number> = {};
  for (const [key, user] of Object.entries(USERS)) {
    const added = await addUser(
      { db, rules: sec },
      {
        email: emailOf(key),
        name: user.name,
        person: user.person,
        roles: user.roles,
        ...(password ? { password } : {}),
        actor: 'test',
      },
    );
    ids[key] = added.id;
  }
  await queryRows(db, `update users set disabled_at = now() where email = '${emailOf('former')}'`);
  return ids;
};

describe('requesting views by e-mail and taking the replies (the real command, a real SMTP sink)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modgov-views-mail-'));
  let storage: {
    env: NodeJS.ProcessEnv;
    options: { databaseUrl?: string; dataDir?: string };
    drop?: () => Promise<void>;
  };
  let sink: Sink;
  let ids: Record<string, number> = {};
  let env: NodeJS.ProcessEnv;
  /** The requests each member got, by paper. */
  const requests: Record<string, Record<string, ParsedMail>> = {};

  /** Opens the database for a moment (a PGlite directory takes one process at a time: the command's turn is next). */
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const database: Database = await openDatabase({ ...storage.options, command: 'views-by-email test' });
    try {
      await migrateDatabase(database);
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }
  const modgov = (args: string[], input?: Buffer, more: NodeJS.ProcessEnv = {}) =>
    runModgovWithInput(
      [...args, ...(storage.options.dataDir ? ['--data', storage.options.dataDir] : [])],
      { ...env, ...more },
      input,
    );
  const receive = (raw: Buffer) => modgov(['mail', 'receive'], raw);
  /** What is stored, counted; the last count is kept (a refusal compares with it, sparing an opening). */
  let lastCounts: { views: number; audit: number; requests: number } | undefined;
  const counts = () =>
    withDb(async (db) => {
      const [row] = await queryRows<{ views: number; audit: number; requests: number }>(
        db,
        `select (select count(*)::int from committee_views) as views,
                (select count(*)::int from audit_events) as audit,
                (select count(*)::int from view_requests) as requests`,
      );
      lastCounts = row;
      return row;
    });
  const replyToOf = (mail: ParsedMail | undefined) => addresses(mail?.replyTo)[0] ?? '';

  before(async () => {
    const pgUrl = process.env.DATABASE_URL;
    if (pgUrl) {
      const empty = await createEmptyPostgresDatabase(pgUrl);
      storage = { env: { DATABASE_URL: empty.url }, options: { databaseUrl: empty.url }, drop: empty.drop };
    } else storage = { env: { DATABASE_URL: '' }, options: { dataDir: join(dir, 'data') } };
    sink = await startSink();
    env = {
      ...storage.env,
      MODGOV_SMTP_URL: sink.url,
      MODGOV_MAIL_FROM: 'modgov@test',
      MODGOV_VIEWS_REPLY_TO: REPLY_TO,
      MODGOV_PUBLIC_URL: PUBLIC_URL,
    };
    ids = await withDb(async (db) => {
      await seedWebRegister(db);
      await importOrThrow(db, [{ name: 'more.yaml', text: MORE }]);
      return seedUsers(db);
    });
  });
  after(async () => {
    await sink.close();
    await storage.drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to ask without MODGOV_VIEWS_REPLY_TO, naming it, with nothing stored or sent', async () => {
    const run = await modgov(['views', 'request', '--paper', WHITE_PAPER], undefined, {
      MODGOV_VIEWS_REPLY_TO: '',
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /MODGOV_VIEWS_REPLY_TO/);
    assert.equal((await counts())?.requests, 0);
    assert.equal(sink.raw.length, 0);
  });

  it('sends each member one message, its Reply-To carrying their own token, listing the paper’s proposals', async () => {
    const run = await modgov(['views', 'request', '--paper', WHITE_PAPER]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Asked 4 members of the OPSG for their views on OPSG_26_0511_16; replies are taken until \d{4}-\d{2}-\d{2}\.$/m,
    );
    assert.match(run.stdout, /^ {2}Olive Chair: DP088, DP089, DP090, DP091, DP092, DP093, DP096$/m);

    const mails = await sink.parsed();
    const to = mails.map((m) => addresses(m.to));
    assert.deepEqual(
      to.map((t) => t.length),
      [1, 1, 1, 1],
      'one recipient a message',
    );
    assert.deepEqual(
      to.flat().sort(),
      ASKED.map(emailOf).sort(),
      'each member once; not CB, staff or the disabled',
    );
    const tokens = new Set<string>();
    requests[WHITE_PAPER] = {};
    for (const mail of mails) {
      const member = (addresses(mail.to)[0] ?? '').split('@')[0] ?? '';
      requests[WHITE_PAPER][member] = mail;
      const replyTo = replyToOf(mail);
      const m = /^views\+([0-9a-f]{32})@example\.org$/.exec(replyTo);
      assert.ok(m?.[1], `a Reply-To with a token: ${replyTo}`);
      tokens.add(m[1]);
      assert.equal(addresses(mail.from)[0], 'modgov@test');
      assert.equal(header(mail, 'auto-submitted'), 'auto-generated');
      assert.equal(
        mail.subject,
        'Views requested: OPSG_26_0511_16 New Draft Proposals and Modification Proposals',
      );
      const text = mail.text ?? '';
      assert.match(text, new RegExp(`^Hello ${USERS[member]?.name},$`, 'm'));
      const listed = [...text.matchAll(/^(DP\d{3}|MP\d{3}): /gm)].map((l) => l[1]);
      assert.deepEqual(listed, WHITE_PROPOSALS, 'the White paper’s proposals, nothing classified above it');
      assert.match(text, /^DP090: Incorporation of Non GBCS Non-Mandated Alerts into the SEC$/m);
      assert.match(text, /^ {2}Stage: /m);
      assert.match(text, /^ {2}The proposal: http:\/\/modgov\.test\/proposals\/DP090$/m);
      assert.match(text, /^ {2}Your views on the web: http:\/\/modgov\.test\/proposals\/DP090\/views\/new$/m);
      assert.match(
        text,
        /reply to this e-mail; start the views on each proposal with its reference on a line of its own, e\.g\. `DP088:`/i,
      );
      assert.doesNotMatch(text, /DP094|DP097|DP098|MP095|DP095/);
    }
    assert.equal(tokens.size, 4, 'a token each');

    await withDb(async (db) => {
      const stored = await queryRows<{
        token_hash: string;
        user_id: number;
        expires_on: string;
        proposals: number;
      }>(
        db,
        `select r.token_hash, r.user_id, r.expires_on::text as expires_on, jsonb_array_length(r.proposal_ids) as proposals
         from view_requests r join papers p on p.id = r.paper_id and p.reference = '${WHITE_PAPER}'
         join committees c on c.id = r.committee_id and c.ref = 'OPSG'
         join meetings m on m.id = r.meeting_id and m.number = 26`,
      );
      assert.deepEqual(
        stored.map((r) => r.token_hash).sort(),
        [...tokens].map(sha256).sort(),
        'only the hashes',
      );
      assert.deepEqual(stored.map((r) => r.user_id).sort(), ASKED.map((k) => ids[k]).sort());
      const sixtyDaysOn = new Date(Date.parse(`${londonToday()}T00:00:00Z`) + 60 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      assert.ok(stored.every((r) => r.expires_on === sixtyDaysOn && r.proposals === 7));
      const audit = await queryRows<{ actor: string; subject_type: string; after: Record<string, unknown> }>(
        db,
        `select actor, subject_type, after from audit_events where action = 'views.requested'`,
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor, 'cli');
      assert.equal(audit[0]?.subject_type, 'paper');
      assert.equal(audit[0]?.after.members, 4);
      assert.deepEqual(audit[0]?.after.proposals, WHITE_PROPOSALS);
      assert.doesNotMatch(JSON.stringify(audit[0]?.after), /@/, 'no e-mail address in the audit record');
    });
  });

  it('an Amber paper’s Amber proposal goes to the members allowed it; a Red one and one the paper leaves out never', async () => {
    const from = sink.raw.length;
    const result = await withDb((db) =>
      requestViews(
        { db, rules: sec, mailer: createSmtpMailer(sink.url, 'modgov@test'), today: londonToday },
        { paper: AMBER_PAPER, replyTo: REPLY_TO, baseUrl: `${PUBLIC_URL}/`, by: 'cli' },
      ),
    );
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.sent.map((s) => s.name).sort(), ASKED.map((k) => USERS[k]?.name).sort());
    const mails = await sink.parsed(from);
    assert.equal(mails.length, 4);
    requests[AMBER_PAPER] = {};
    for (const mail of mails) {
      const member = (addresses(mail.to)[0] ?? '').split('@')[0] ?? '';
      requests[AMBER_PAPER][member] = mail;
      const listed = [...(mail.text ?? '').matchAll(/^(DP\d{3}|MP\d{3}): /gm)].map((l) => l[1]);
      // DP094 is Green (the community may see it), DP097 Amber naming OPSG; MP095 (Amber, no OPSG impact) is not
      // in the paper even for the DCC's alternate, who may see it; DP098 is Red
      assert.deepEqual(listed, [...WHITE_PROPOSALS.slice(0, 6), 'DP094', 'DP096', 'DP097'], member);
      assert.match(mail.text ?? '', /^DP097: Amber proposal for OPSG eyes$/m);
      assert.doesNotMatch(mail.text ?? '', /DP098|Red proposal|MP095|DP095/);
    }
    assert.notEqual(
      replyToOf(requests[AMBER_PAPER].member),
      replyToOf(requests[WHITE_PAPER]?.member),
      'new tokens',
    );

    // the proposals asked about are the composed paper's entries
    await withDb(async (db) => {
      for (const paper of [WHITE_PAPER, AMBER_PAPER]) {
        const composed = await composePaper({ db, rules: sec }, { reference: paper });
        const entries = composed.paper.sections
          .flatMap((s) => s.blocks)
          .flatMap((b) => (b.type === 'heading' && b.level === 3 && b.anchor ? [b.anchor.toUpperCase()] : []))
          .filter((a) => /^(DP|MP)\d{3}$/.test(a))
          .sort();
        const plan = await planViewRequests({ db, rules: sec }, { paper, viewer: 'whole-register' });
        assert.deepEqual(plan.proposals.map((p) => p.reference).sort(), entries, paper);
      }
    });
  });

  it('a member’s reply records their views on DP090 and DP092, with source email and audit records, and answers them', async () => {
    const original = requests[WHITE_PAPER]?.member; // the first request: it stays valid after the second
    const replyTo = replyToOf(original);
    const raw = await composeReply({
      from: 'Omar Member <Member@Example.COM>',
      to: replyTo,
      original,
      messageId: '<reply-1@mail.example.com>',
      body: [
        'DP090:',
        'The Operations Group supports DP090: users will be able to configure these Alerts.',
        '',
        'DP092:',
        'We would like the DCC to present the results of its trial first.',
        '',
        '-- ',
        'Omar Member',
        'Operations Group',
      ].join('\n'),
    });
    const from = sink.raw.length;
    const before = await counts();
    const run = await receive(raw);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Recorded 2 views of Omar Member for the OPSG on DP090 \(view \d+\), DP092 \(view \d+\)\.$/m,
    );

    await withDb(async (db) => {
      const views = await queryRows<Record<string, unknown>>(
        db,
        `select p.reference, v.source, v.author_user_id, v.author_name, c.ref as committee, pa.reference as paper,
                m.number as meeting, v.agenda_item, v.given_on::text as given_on, v.classification, v.text
         from committee_views v join proposals p on p.id = v.proposal_id join committees c on c.id = v.committee_id
         left join papers pa on pa.id = v.paper_id left join meetings m on m.id = v.meeting_id
         order by p.reference`,
      );
      const common = {
        source: 'email',
        author_user_id: ids.member,
        author_name: null,
        committee: 'OPSG',
        paper: WHITE_PAPER,
        meeting: 26,
        agenda_item: 16,
        given_on: londonToday(),
        classification: 'white',
      };
      assert.deepEqual(views, [
        {
          reference: 'DP090',
          ...common,
          text: 'The Operations Group supports DP090: users will be able to configure these Alerts.',
        },
        {
          reference: 'DP092',
          ...common,
          text: 'We would like the DCC to present the results of its trial first.',
        },
      ]);
      const audit = await queryRows<{ actor: string; subject_type: string; after: Record<string, unknown> }>(
        db,
        `select actor, subject_type, after from audit_events where action = 'view.submitted' order by id`,
      );
      assert.deepEqual(
        audit.map((a) => [a.actor, a.subject_type, a.after.reference, a.after.source, a.after.author]),
        [
          [`user:${ids.member}`, 'committee_view', 'DP090', 'email', 'Omar Member'],
          [`user:${ids.member}`, 'committee_view', 'DP092', 'email', 'Omar Member'],
        ],
      );
    });
    const now = await counts();
    assert.equal(now?.views, (before?.views ?? 0) + 2);
    assert.equal(now?.audit, (before?.audit ?? 0) + 2);

    const answers = await sink.parsed(from);
    assert.equal(answers.length, 1, 'one answer');
    const answer = answers[0];
    assert.deepEqual(addresses(answer?.to), [emailOf('member')]);
    assert.equal(answer?.subject, original?.subject ? `Re: ${original.subject}` : undefined);
    assert.equal(answer?.inReplyTo, '<reply-1@mail.example.com>');
    assert.equal(answer && header(answer, 'auto-submitted'), 'auto-replied');
    assert.match(answer?.text ?? '', /Your views on DP090, DP092 were recorded/);
    assert.match(answer?.text ?? '', /http:\/\/modgov\.test\/proposals\/DP092\/views/);

    const verified = await modgov(['audit', 'verify']);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);

    // the mail system delivers the same message again (a retry after a timeout): taken once, not answered again
    const again = await receive(raw);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stdout,
      /Already received: message <reply-1@mail\.example\.com> recorded its views before/,
    );
    const after = await counts();
    assert.equal(after?.views, now?.views);
    assert.equal(after?.audit, now?.audit);
    assert.equal((await sink.parsed(from)).length, 1, 'still one answer');
  });

  it('reads a reply sent as HTML only, and an Amber proposal’s view is Amber, answering the Amber paper', async () => {
    const original = requests[AMBER_PAPER]?.chair;
    const raw = await new MailComposer({
      from: `Olive Chair <${emailOf('chair')}>`,
      to: replyToOf(original),
      subject: `Re: ${original?.subject ?? ''}`,
      ...(original?.messageId ? { inReplyTo: original.messageId } : {}),
      html: '<p>DP097:</p><p>The Operations Group supports <b>DP097</b>.</p><blockquote><p>DP098: quoted</p></blockquote>',
    })
      .compile()
      .build();
    const run = await receive(raw);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Recorded the view of Olive Chair for the OPSG on DP097 \(view \d+\)\.$/m);
    await withDb(async (db) => {
      const views = await queryRows<Record<string, unknown>>(
        db,
        `select v.source, v.author_user_id, v.classification, v.agenda_item, pa.reference as paper, v.text
         from committee_views v join proposals p on p.id = v.proposal_id join papers pa on pa.id = v.paper_id
         where p.reference = 'DP097'`,
      );
      assert.deepEqual(views, [
        {
          source: 'email',
          author_user_id: ids.chair,
          classification: 'amber',
          agenda_item: 92,
          paper: AMBER_PAPER,
          text: 'The Operations Group supports DP097.',
        },
      ]);
    });
    await counts();
  });

  /** Runs a refused message through the command: nothing stored, its exit code, one line naming the reason. */
  async function assertRefused(
    raw: Buffer,
    expected: { code: number; reason: RegExp; answeredTo: string | null; answer?: RegExp },
  ) {
    const before = lastCounts ?? (await counts());
    const from = sink.raw.length;
    const run = await receive(raw);
    assert.equal(run.code, expected.code, run.stdout + run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line on stderr: ${run.stderr}`);
    assert.match(run.stderr, expected.reason);
    assert.deepEqual(await counts(), before, 'nothing stored');
    const answers = await sink.parsed(from);
    if (expected.answeredTo === null) assert.equal(answers.length, 0, 'not answered');
    else {
      assert.equal(answers.length, 1, 'answered once');
      assert.deepEqual(addresses(answers[0]?.to), [expected.answeredTo]);
      assert.match(answers[0]?.text ?? '', /^Nothing was recorded:$/m);
      assert.match(answers[0]?.text ?? '', expected.answer ?? expected.reason);
      assert.equal(answers[0] && header(answers[0], 'auto-submitted'), 'auto-replied');
    }
  }
  const reply = (member: string, body: string, more: { paper?: string; from?: string; to?: string } = {}) => {
    const original = requests[more.paper ?? WHITE_PAPER]?.[member];
    return composeReply({
      from: more.from ?? `${USERS[member]?.name} <${emailOf(member)}>`,
      to: more.to ?? replyToOf(original),
      original,
      body,
    });
  };

  it('refuses an unknown token (67), unanswered', async () => {
    await assertRefused(
      await reply('member', 'DP090:\nViews.', { to: `views+${randomBytes(16).toString('hex')}@example.org` }),
      { code: 67, reason: /belongs to no request for views \(an unknown token\)/, answeredTo: null },
    );
    await assertRefused(await reply('member', 'DP090:\nViews.', { to: 'secretariat@example.org' }), {
      code: 67,
      reason: /not addressed to a reply address for views \(views\+<token>@example\.org\)/,
      answeredTo: null,
    });
  });

  it('refuses a reply from another address than the member’s (65), unanswered', async () => {
    await assertRefused(await reply('member', 'DP090:\nViews.', { from: 'Someone <intruder@example.net>' }), {
      code: 65,
      reason: /from intruder@example\.net, not from the member this request for views was sent to/,
      answeredTo: null,
    });
  });

  it('refuses an expired request (65), answering the member', async () => {
    await withDb((db) =>
      queryRows(
        db,
        `update view_requests set expires_on = '2000-01-01' where user_id = ${ids.chair}
         and paper_id = (select id from papers where reference = '${WHITE_PAPER}')`,
      ),
    );
    await assertRefused(await reply('chair', 'DP090:\nViews.'), {
      code: 65,
      reason: /took replies until 1 January 2000/,
      answeredTo: emailOf('chair'),
    });
  });

  it('refuses a withdrawn request, and a member whose account is now disabled (65)', async () => {
    await withDb((db) =>
      queryRows(
        db,
        `update view_requests set revoked_at = now() where user_id = ${ids.alternate}
         and paper_id = (select id from papers where reference = '${WHITE_PAPER}')`,
      ),
    );
    await assertRefused(await reply('alternate', 'DP090:\nViews.'), {
      code: 65,
      reason: /was withdrawn/,
      answeredTo: emailOf('alternate'),
    });
    await withDb((db) => queryRows(db, `update users set disabled_at = now() where id = ${ids.alternate}`));
    await assertRefused(await reply('alternate', 'DP090:\nViews.', { paper: AMBER_PAPER }), {
      code: 65,
      reason: /account of Dana Alternate is disabled/,
      answeredTo: null,
    });
  });

  it('refuses a member no longer on the committee (65), answering them', async () => {
    await withDb((db) => queryRows(db, `delete from user_roles where user_id = ${ids.leaver}`));
    await assertRefused(await reply('leaver', 'DP090:\nViews.'), {
      code: 65,
      reason: /You no longer sit on the Operations Group \(OPSG\)/,
      answeredTo: emailOf('leaver'),
    });
  });

  it('refuses a reference the request does not cover, naming it (65)', async () => {
    await assertRefused(await reply('member', 'DP090:\nWe support it.\n\nDP094:\nAnd this one.'), {
      code: 65,
      reason:
        /Nothing recorded: DP094 is not one of the proposals this request asked about \(DP088, DP089, DP090/,
      answeredTo: emailOf('member'),
      answer: /^- DP094 is not one of the proposals this request asked about \(DP088, DP089, DP090/m,
    });
  });

  it('refuses text with no reference when the request covers more than one proposal (65)', async () => {
    await assertRefused(await reply('member', 'We support all of them.'), {
      code: 65,
      reason: /The text above the first reference \("We support all of them\."\) names no proposal/,
      answeredTo: emailOf('member'),
      answer: /start the views on each proposal with its reference on a line of its own, such as DP088:/,
    });
  });

  it('refuses an empty reply (65)', async () => {
    await assertRefused(await reply('member', ''), {
      code: 65,
      reason: /The reply has no text of its own above the quoted message/,
      answeredTo: emailOf('member'),
    });
  });

  it('ignores an automatic message (0): nothing stored, not answered', async () => {
    const original = requests[WHITE_PAPER]?.member;
    // (Precedence, bounces and reports: test/reply-by-email.test.ts)
    for (const headers of [{ 'Auto-Submitted': 'auto-replied' }]) {
      const raw = await composeReply({
        from: `Omar Member <${emailOf('member')}>`,
        to: replyToOf(original),
        original,
        headers,
        body: 'DP090:\nI am out of the office until Monday.',
      });
      const before = lastCounts ?? (await counts());
      const from = sink.raw.length;
      const run = await receive(raw);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Ignored\. Not answered: it is automatic/m);
      assert.deepEqual(await counts(), before);
      assert.equal(sink.raw.length, from, 'not answered');
    }
  });
});

describe('the staff page: /papers/:ref/view-requests', () => {
  const PASSWORD = 'correct horse battery staple';
  let database: Database;
  let app: FastifyInstance;
  let sink: Sink;
  const tokens: Record<string, string> = {};
  const saved = { replyTo: process.env.MODGOV_VIEWS_REPLY_TO, publicUrl: process.env.MODGOV_PUBLIC_URL };
  const PAGE = `/papers/${WHITE_PAPER}/view-requests`;

  before(async () => {
    database = await createTestDatabase();
    await seedWebRegister(database.db);
    await importOrThrow(database.db, [{ name: 'more.yaml', text: MORE }]);
    await seedUsers(database.db, PASSWORD);
    for (const key of ['analyst', 'member'])
      tokens[key] = (
        await signIn(
          { db: database.db, now: () => new Date() },
          { email: emailOf(key), password: PASSWORD, ip: '127.0.0.1' },
        )
      ).token;
    sink = await startSink();
    // the e-mails' links name buildServer's publicUrl option, which wins over MODGOV_PUBLIC_URL
    process.env.MODGOV_PUBLIC_URL = 'https://not-this.example.org';
    app = buildServer({
      database,
      rules: sec,
      today: () => '2019-11-01',
      mailer: createSmtpMailer(sink.url, 'modgov@test'),
      publicUrl: PUBLIC_URL,
      oidc: null,
    });
    await app.ready();
  });
  after(async () => {
    for (const [name, value] of [
      ['MODGOV_VIEWS_REPLY_TO', saved.replyTo],
      ['MODGOV_PUBLIC_URL', saved.publicUrl],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    await app.close();
    await sink.close();
    await database.close();
  });

  const cookiesOf = (who: string): Record<string, string> =>
    tokens[who] ? { modgov_session: tokens[who] } : {};
  const get = (who: string, url: string) => app.inject({ url, cookies: cookiesOf(who) });
  async function post(who: string, url: string) {
    const cookies = cookiesOf(who);
    const page = await app.inject({ url: who === 'anonymous' ? '/sign-in' : '/account', cookies });
    const csrfCookie = page.cookies.find((c) => c.name === 'modgov_csrf');
    if (csrfCookie) cookies.modgov_csrf = csrfCookie.value;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return app.inject({ method: 'POST', url, cookies, payload: { _csrf: token } });
  }
  const stored = async () =>
    (await queryRows<{ n: number }>(database.db, 'select count(*)::int as n from view_requests'))[0]?.n;

  it('is for staff only: the anonymous public is sent to sign in, a member refused', async () => {
    process.env.MODGOV_VIEWS_REPLY_TO = REPLY_TO;
    const anonymous = await get('anonymous', PAGE);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/sign-in?next=${encodeURIComponent(PAGE)}`);
    assert.equal((await post('anonymous', PAGE)).statusCode, 303);
    assert.equal((await get('member', PAGE)).statusCode, 403);
    assert.equal((await post('member', PAGE)).statusCode, 403);
    assert.equal(await stored(), 0);
    assert.equal(sink.raw.length, 0);
    assert.equal((await get('analyst', '/papers/OPSG_99_0101_99/view-requests')).statusCode, 404);
  });

  it('links from the paper’s page for staff only', async () => {
    const link = `href="${PAGE}"`;
    assert.ok((await get('analyst', `/papers/${WHITE_PAPER}`)).body.includes(link));
    for (const who of ['member', 'anonymous']) {
      const body = (await get(who, `/papers/${WHITE_PAPER}`)).body;
      assert.ok(!body.includes(link), who);
      assert.ok(!body.includes('modgov:view-requests'), `${who}: no marker left`);
    }
  });

  it('refuses clearly without MODGOV_VIEWS_REPLY_TO, storing and sending nothing', async () => {
    delete process.env.MODGOV_VIEWS_REPLY_TO;
    const page = await get('analyst', PAGE);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /MODGOV_VIEWS_REPLY_TO/);
    assert.doesNotMatch(page.body, /Send requests/);
    const refused = await post('analyst', PAGE);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /There is a problem/);
    assert.match(refused.body, /Requests for views by e-mail need MODGOV_VIEWS_REPLY_TO/);
    assert.equal(await stored(), 0);
    assert.equal(sink.raw.length, 0);
  });

  it('shows who will be asked about what (names, not addresses), sends, and says to how many', async () => {
    process.env.MODGOV_VIEWS_REPLY_TO = REPLY_TO;
    const page = await get('analyst', PAGE);
    assert.equal(page.statusCode, 200);
    for (const key of ASKED) assert.ok(page.body.includes(USERS[key]?.name ?? '?'), key);
    for (const key of ['board', 'former']) assert.ok(!page.body.includes(USERS[key]?.name ?? '?'), key);
    assert.doesNotMatch(page.body, /@example\.com/, 'no member’s address');
    assert.match(page.body, /DP090/);
    assert.match(page.body, /Send requests/);

    const sent = await post('analyst', PAGE);
    assert.equal(sent.statusCode, 303, sent.body);
    assert.equal(sent.headers.location, `${PAGE}?sent=4`);
    const after = await get('analyst', String(sent.headers.location));
    assert.match(after.body, /Sent to 4 members/);
    assert.equal(await stored(), 4);
    const mails = await sink.parsed();
    assert.deepEqual(mails.flatMap((m) => addresses(m.to)).sort(), ASKED.map(emailOf).sort());
    assert.ok(mails.every((m) => /^views\+[0-9a-f]{32}@example\.org$/.test(addresses(m.replyTo)[0] ?? '')));
    assert.ok(mails.every((m) => (m.text ?? '').includes(`${PUBLIC_URL}/proposals/DP090/views/new`)));
    const [audit] = await queryRows<{ actor: string }>(
      database.db,
      `select actor from audit_events where action = 'views.requested'`,
    );
    assert.match(audit?.actor ?? '', /^user:\d+$/);
  });
});
