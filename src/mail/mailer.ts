// Sending e-mail. The default needs nothing: each message is written as a JSON file under <data dir>/mail/
// (or MODGOV_MAIL_DIR), where a person or a test can read it. With MODGOV_SMTP_URL set, mail goes out over
// SMTP through nodemailer. The sender is MODGOV_MAIL_FROM (default modgov@localhost). A message may name a
// Reply-To (the per-recipient address a request for views is answered at), the message it answers (In-Reply-To,
// so an acknowledgement threads under the reply) and that it is automatic (Auto-Submitted, RFC 3834, so
// out-of-office responders and our own inbound path do not answer it: no mail loops).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Where replies go, when not to the sender: views+<token>@example.org. */
  replyTo?: string | undefined;
  /** The Message-ID this message answers, angle brackets included. */
  inReplyTo?: string | undefined;
  /** RFC 3834: auto-generated (a request sent by a program), auto-replied (an answer to a message). */
  autoSubmitted?: 'auto-generated' | 'auto-replied' | undefined;
}

/** The optional headers of a message, only those it has (a message without them is written as before). */
function extras(message: MailMessage): Pick<MailMessage, 'replyTo' | 'inReplyTo' | 'autoSubmitted'> {
  return {
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.autoSubmitted ? { autoSubmitted: message.autoSubmitted } : {}),
  };
}

export interface Mailer {
  /** Where mail goes, for the log: "files in /srv/modgov/data/mail" or "SMTP at smtp.example:587". */
  readonly description: string;
  send(message: MailMessage): Promise<void>;
}

/** What the file mailer writes: the message and when. */
export interface MailFile extends MailMessage {
  from: string;
  date: string;
}

export function createFileMailer(dir: string, from: string, now: () => Date = () => new Date()): Mailer {
  const directory = resolve(dir);
  return {
    description: `files in ${directory}`,
    async send(message) {
      await mkdir(directory, { recursive: true });
      const date = now().toISOString();
      const file: MailFile = {
        from,
        to: message.to,
        date,
        subject: message.subject,
        text: message.text,
        ...extras(message),
      };
      const name = `${date.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
      await writeFile(join(directory, name), `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' });
    },
  };
}

export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  let where = 'SMTP';
  try {
    const u = new URL(url);
    where = `SMTP at ${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    // an unparseable URL is nodemailer's to reject on the first send
  }
  return {
    description: where,
    async send(message) {
      const { replyTo, inReplyTo, autoSubmitted } = extras(message);
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(replyTo ? { replyTo } : {}),
        ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}),
        ...(autoSubmitted ? { headers: { 'Auto-Submitted': autoSubmitted } } : {}),
      });
    },
  };
}

/** The mailer the environment asks for: SMTP when MODGOV_SMTP_URL is set, else files under the data dir. */
export function createMailerFromEnv(env: NodeJS.ProcessEnv, dataDir?: string): Mailer {
  const from = env.MODGOV_MAIL_FROM || 'modgov@localhost';
  if (env.MODGOV_SMTP_URL) return createSmtpMailer(env.MODGOV_SMTP_URL, from);
  const dir = env.MODGOV_MAIL_DIR || join(dataDir ?? env.MODGOV_DATA_DIR ?? './data', 'mail');
  return createFileMailer(dir, from);
}
