// The pure rules of views by e-mail (src/domain/mail): what of a reply the member wrote and how it splits into one
// view per proposal (with a property test over generated replies), the reply address and its token, which
// messages are automatic (never answered), which proposals a monthly paper presents, and the request's words.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sec } from '../src/codes/sec/index.ts';
import { automaticReason } from '../src/domain/mail/automatic-mail.ts';
import { proposalsPaperPresents, type PaperProposalCandidate } from '../src/domain/mail/paper-proposals.ts';
import { findReplyToken, parseReplyAddressBase, replyAddressFor } from '../src/domain/mail/reply-address.ts';
import { replyOwnText, splitReply } from '../src/domain/mail/reply-text.ts';
import { composeViewRequestMail } from '../src/domain/mail/view-request-mail.ts';
import { createFileMailer } from '../src/mail/mailer.ts';

const TWO = ['DP090', 'DP092'];

describe('what the member wrote', () => {
  it('cuts the quoted original at an "On ... wrote:" line, and everything after it', () => {
    const text =
      'We support it.\n\nOn Tue, 5 Nov 2019 at 09:00, modgov <views+abc@example.org> wrote:\nHello,\n> DP090';
    assert.equal(replyOwnText(text), 'We support it.');
  });

  it('cuts an attribution a mail program wrapped onto two lines', () => {
    const text = 'Agreed.\n\nOn Tue, 5 Nov 2019 at 09:00, modgov\n<views+abc@example.org> wrote:\n\n> Hello';
    assert.equal(replyOwnText(text), 'Agreed.');
  });

  it('cuts at "-----Original Message-----" and at an Outlook header block', () => {
    assert.equal(replyOwnText('Yes.\r\n-----Original Message-----\r\nFrom: modgov\r\n'), 'Yes.');
    assert.equal(
      replyOwnText('Yes.\n\n________________________________\nFrom: modgov <modgov@x>\nSent: Tuesday'),
      'Yes.',
    );
    assert.equal(replyOwnText('Yes.\n\nFrom: modgov <modgov@x>\nSent: Tuesday\nTo: me'), 'Yes.');
  });

  it('drops lines quoted with ">" wherever they are, and cuts the signature', () => {
    const text = '> DP090 asks\nWe agree.\n>> older\nMore.\n-- \nJane Smith\nBritish Gas';
    assert.equal(replyOwnText(text), 'We agree.\nMore.');
    assert.equal(replyOwnText('Fine.\n--\nJane'), 'Fine.');
  });

  it('keeps a line that only starts like an attribution', () => {
    assert.equal(
      replyOwnText('On balance we support it.\nIt helps users.'),
      'On balance we support it.\nIt helps users.',
    );
  });
});

describe('splitting a reply into views', () => {
  it('gives each proposal the text under its reference, in the order written', () => {
    const result = splitReply(sec, TWO, 'DP092:\nLater, please.\n\nDP090:\nWe support it.\nStrongly.');
    assert.deepEqual(result, {
      ok: true,
      sections: [
        { reference: 'DP092', text: 'Later, please.' },
        { reference: 'DP090', text: 'We support it.\nStrongly.' },
      ],
    });
  });

  it('takes "DP090" alone, any case, bold, MP090 for DP090, and text on the reference line', () => {
    const result = splitReply(sec, TWO, 'dp090\nOne.\n**MP092:** Two.\nmore of two\nmp090:\nAnd one again.');
    assert.deepEqual(result, {
      ok: true,
      sections: [
        { reference: 'DP090', text: 'One.\n\nAnd one again.' },
        { reference: 'DP092', text: 'Two.\nmore of two' },
      ],
    });
  });

  it('gives text above any reference to the only proposal when the request covers one', () => {
    assert.deepEqual(splitReply(sec, ['MP090'], 'We support it.\n\nOn Mon, x wrote:\n> DP092:'), {
      ok: true,
      sections: [{ reference: 'MP090', text: 'We support it.' }],
    });
    assert.deepEqual(splitReply(sec, ['DP090'], 'Hello.\nDP090:\nWe support it.'), {
      ok: true,
      sections: [{ reference: 'DP090', text: 'Hello.\n\nWe support it.' }],
    });
  });

  it('refuses text above the references when the request covers more than one, saying how to fix it', () => {
    const result = splitReply(sec, TWO, 'We support them all.');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]?.reference, null);
    assert.match(result.problems[0]?.message ?? '', /\("We support them all\."\) names no proposal/);
    assert.match(result.problems[0]?.message ?? '', /reference on a line of its own, such as DP090:/);
  });

  it('refuses a reference the request does not cover, naming it, and every other problem with it', () => {
    const result = splitReply(sec, TWO, 'Hi,\nDP094:\nNot ours.\nDP090:\n\nDP092:\nFine.');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.problems.map((p) => p.reference),
      [null, 'DP094', 'DP090'],
    );
    assert.match(
      result.problems[1]?.message ?? '',
      /DP094 is not one of the proposals this request asked about \(DP090, DP092\)/,
    );
    assert.match(result.problems[2]?.message ?? '', /Nothing follows DP090/);
  });

  it('refuses an empty reply, and one that is only quoted text or a signature', () => {
    for (const text of ['', '  \n\n', '> DP090:\n> quoted', 'On Mon, 1 Jan, a wrote:\nDP090: x', '-- \nJane'])
      assert.deepEqual(splitReply(sec, TWO, text), {
        ok: false,
        problems: [
          {
            reference: null,
            message:
              'The reply has no text of its own above the quoted message, so there is no view to record.',
          },
        ],
      });
  });

  it('property: generated replies split back into what was written, quoted lines and the original left out', () => {
    const random = seeded(20191105);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const words = [
      'we',
      'support',
      'the',
      'alerts',
      'users',
      'DCC',
      'impact',
      'none',
      'costs',
      '2020',
      'a:b',
      '-',
      '*',
    ];
    const covered = ['DP088', 'DP090', 'MP091', 'DP092', 'DP096'];
    for (let run = 0; run < 300; run += 1) {
      const count = 1 + Math.floor(random() * 4);
      const chosen = covered.filter(() => random() < 0.5).slice(0, count);
      if (chosen.length === 0) chosen.push(pick(covered));
      const expected = new Map<string, string[]>();
      const lines: string[] = [];
      for (const reference of [...chosen, ...(random() < 0.3 ? [pick(chosen)] : [])]) {
        const number = reference.slice(2);
        const written = `${pick(['DP', 'MP', 'dp', 'mp'])}${number}${pick([':', '', ' :', ':  '])}`;
        const text = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(words)).join(' '),
        );
        lines.push(
          written,
          ...text.flatMap((line) => (random() < 0.2 ? [line, `> quoted ${line}`] : [line])),
          '',
        );
        const previous = expected.get(reference);
        expected.set(reference, previous ? [...previous, '', ...text] : text);
      }
      lines.push(pick(['On Tue, 5 Nov 2019, modgov <v@x> wrote:', '-----Original Message-----', '-- ']));
      lines.push(`> ${pick(covered)}:`, 'the original, unquoted', 'DP999:');
      const result = splitReply(sec, covered, lines.join(pick(['\n', '\r\n'])));
      assert.deepEqual(
        result,
        {
          ok: true,
          sections: [...expected].map(([reference, text]) => ({ reference, text: text.join('\n') })),
        },
        lines.join('\n'),
      );
    }
  });
});

describe('the reply address', () => {
  it('is the configured address with the token as its sub-address', () => {
    const parsed = parseReplyAddressBase(' views@example.org ');
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    assert.equal(replyAddressFor(parsed.base, 'abc123def4567890'), 'views+abc123def4567890@example.org');
  });

  it('refuses an unset or malformed setting, naming MODGOV_VIEWS_REPLY_TO', () => {
    for (const value of [
      undefined,
      '',
      'views',
      'views@',
      '@example.org',
      'a b@example.org',
      'Views <v@x.org>',
    ]) {
      const parsed = parseReplyAddressBase(value);
      assert.equal(parsed.ok, false, String(value));
      if (!parsed.ok) assert.match(parsed.reason, /MODGOV_VIEWS_REPLY_TO/);
    }
  });

  it('finds the token in the first reply address, whatever the case; ignores other addresses', () => {
    const base = { local: 'views', domain: 'example.org' };
    assert.equal(
      findReplyToken(base, [
        'secretariat@example.org',
        'Views+ABCDEF0123456789@EXAMPLE.org',
        'views+other@x',
      ]),
      'abcdef0123456789',
    );
    assert.equal(findReplyToken(base, ['<views+0123456789abcdef@example.org>']), '0123456789abcdef');
    assert.equal(findReplyToken(base, ['views@example.org', 'reviews+abc@example.org', 'x']), null);
  });
});

describe('automatic messages', () => {
  it('names why a message is automatic: Auto-Submitted, Precedence, a responder, a report, a bounce', () => {
    assert.match(automaticReason({ autoSubmitted: 'auto-replied' }) ?? '', /Auto-Submitted: auto-replied/);
    assert.match(automaticReason({ autoSubmitted: 'Auto-Generated; owner-email=x' }) ?? '', /auto-generated/);
    for (const precedence of ['bulk', 'junk', 'list', 'auto_reply', 'Bulk'])
      assert.match(automaticReason({ precedence }) ?? '', /Precedence/);
    assert.ok(automaticReason({ xAutoreply: 'yes' }));
    assert.ok(automaticReason({ contentType: 'multipart/report; report-type=delivery-status' }));
    assert.ok(automaticReason({ returnPath: '<>' }));
    assert.ok(automaticReason({ xFailedRecipients: 'a@x' }));
    assert.ok(automaticReason({ from: 'MAILER-DAEMON@mx.example.org' }));
  });

  it('takes a person’s message as a person’s', () => {
    assert.equal(automaticReason({}), null);
    assert.equal(
      automaticReason({
        autoSubmitted: 'no',
        precedence: 'first-class',
        contentType: 'text/plain; charset=utf-8',
        returnPath: '<member@example.com>',
        from: 'member@example.com',
      }),
      null,
    );
  });
});

describe('the proposals a monthly paper presents', () => {
  const candidate = (
    reference: string,
    more: Partial<PaperProposalCandidate> = {},
  ): PaperProposalCandidate & { id: string } => ({
    id: reference,
    reference,
    classification: 'white',
    raised: '2019-10-10',
    impact: null,
    conversion: null,
    ...more,
  });
  const paper = {
    committee: 'OPSG',
    classification: 'amber',
    period: { from: '2019-10-01', to: '2019-10-29' },
  };

  it('the Draft Proposals raised and the conversions in the period, as the paper lists them', () => {
    const presented = proposalsPaperPresents(sec.register, paper, [
      candidate('MP085', { raised: '2019-08-01', conversion: { on: '2019-10-02' } }),
      candidate('DP092'),
      candidate('DP090'),
      candidate('MP102A'), // an alternative
      candidate('SECMP0050'), // another series
      candidate('DP080', { raised: '2019-09-30' }), // before the period
      candidate('DP081', { raised: '2019-09-01', conversion: { on: '2019-11-01' } }), // converted after it
    ]);
    assert.deepEqual(
      presented.map((p) => p.id),
      ['DP090', 'DP092', 'MP085'],
    );
  });

  it('only what all the paper’s readers may see: an Amber one naming the committee, never a Red one', () => {
    const presented = proposalsPaperPresents(sec.register, paper, [
      candidate('DP094', { classification: 'green' }),
      candidate('DP095', { classification: 'amber' }), // no impact on OPSG
      candidate('DP097', { classification: 'amber', impact: 'OPSG impact' }),
      candidate('DP098', { classification: 'red', impact: 'OPSG impact' }),
    ]);
    assert.deepEqual(
      presented.map((p) => p.id),
      ['DP094', 'DP097'],
    );
    const white = proposalsPaperPresents(sec.register, { ...paper, classification: 'white' }, [
      candidate('DP094', { classification: 'green' }),
      candidate('DP097', { classification: 'amber', impact: 'x' }),
      candidate('DP090'),
    ]);
    assert.deepEqual(
      white.map((p) => p.id),
      ['DP090'],
    );
  });
});

describe('the request’s words', () => {
  it('lists each proposal with its stage and links, and says how to reply', () => {
    const mail = composeViewRequestMail({
      member: { name: 'Jane Smith' },
      committee: { ref: 'OPSG', name: 'Operations Group' },
      paper: {
        reference: 'OPSG_26_0511_16',
        title: 'New Draft Proposals and Modification Proposals',
        item: 16,
      },
      meeting: { number: 26, date: '2019-11-05' },
      proposals: [
        {
          reference: 'DP090',
          title: 'Incorporation of Non GBCS Non-Mandated Alerts into the SEC',
          stageLabel: 'Development',
        },
        { reference: 'DP092', title: 'New Planned Maintenance Methodology', stageLabel: 'Development' },
      ],
      baseUrl: 'https://modgov.example',
      expiresOn: '2020-01-04',
    });
    assert.equal(
      mail.subject,
      'Views requested: OPSG_26_0511_16 New Draft Proposals and Modification Proposals',
    );
    assert.match(mail.text, /^Hello Jane Smith,$/m);
    assert.match(mail.text, /meeting 26 on 5 November 2019 \(agenda item 16\)/);
    assert.match(mail.text, /^DP090: Incorporation of Non GBCS Non-Mandated Alerts into the SEC$/m);
    assert.match(mail.text, /^ {2}Stage: Development$/m);
    assert.match(mail.text, /^ {2}The proposal: https:\/\/modgov\.example\/proposals\/DP092$/m);
    assert.match(
      mail.text,
      /^ {2}Your views on the web: https:\/\/modgov\.example\/proposals\/DP092\/views\/new$/m,
    );
    assert.match(
      mail.text,
      /reply to this e-mail; start the views on each proposal with its reference on a line of its own, e\.g\. `DP090:`/i,
    );
    assert.match(mail.text, /Text above any reference goes to the only proposal when there is just one/);
    assert.match(mail.text, /Replies are taken until 4 January 2020\./);
  });
});

describe('the file mailer', () => {
  it('writes a Reply-To, In-Reply-To and Auto-Submitted when a message has them, and nothing new otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modgov-mailer-'));
    try {
      const mailer = createFileMailer(dir, 'modgov@test', () => new Date('2019-11-05T09:00:00Z'));
      await mailer.send({ to: 'a@example.com', subject: 'Plain', text: 'x' });
      await mailer.send({
        to: 'b@example.com',
        subject: 'Request',
        text: 'y',
        replyTo: 'views+0123456789abcdef@example.org',
        inReplyTo: '<m@x>',
        autoSubmitted: 'auto-generated',
      });
      const files = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as object);
      const bySubject = (subject: string) =>
        files.find((f) => (f as { subject: string }).subject === subject);
      assert.deepEqual(Object.keys(bySubject('Plain') ?? {}), ['from', 'to', 'date', 'subject', 'text']);
      assert.deepEqual(bySubject('Request'), {
        from: 'modgov@test',
        to: 'b@example.com',
        date: '2019-11-05T09:00:00.000Z',
        subject: 'Request',
        text: 'y',
        replyTo: 'views+0123456789abcdef@example.org',
        inReplyTo: '<m@x>',
        autoSubmitted: 'auto-generated',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A small deterministic generator (mulberry32), so a failing case can be run again. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
