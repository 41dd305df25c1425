// Views by e-mail (issue 7) on the command line.
// `modgov mail receive [FILE...]`: the inbound mail path. Reads one RFC 5322 message from standard input (a mail
// system's pipe: a Postfix alias `views: "|modgov mail receive"`), or each FILE (.eml), and hands it to
// receive-view-email.ts. Exit status as the mail system reads it (sysexits.h): 0 recorded or ignored (an
// automatic message); 67 (EX_NOUSER) no reply address or an unknown token; 65 (EX_DATAERR) any other refusal,
// with one line on stderr naming the reason (the mail system bounces it with that line); 78 (EX_CONFIG)
// MODGOV_VIEWS_REPLY_TO unset and 75 (EX_TEMPFAIL) anything unexpected, such as the data directory held by
// another process: the mail system keeps the message and tries again.
// `modgov views request --paper REF` (registered under `views` by views.ts): asks the paper's committee's
// members for their views by e-mail, through request-views.ts.
import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { receiveViewEmail, type ReceivedViewEmail } from '../../app/receive-view-email.ts';
import { requestViews } from '../../app/request-views.ts';
import { CliError, EXIT, SYSEXITS } from '../exit-codes.ts';
import type { CommandKit } from '../program.ts';

/** Today's date where the administrator works: views are dated with it. */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/**
 * The site's address for links in e-mail: --public-url or MODGOV_PUBLIC_URL, an http(s) URL; null when unset.
 * A bad one exits with `exitCode` (for a mail system: 78, its configuration is wrong, keep the message).
 */
function publicUrlOf(value: string | undefined, exitCode: number = EXIT.badInput): string | null {
  const given = value?.trim();
  if (!given) return null;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new CliError(`--public-url (MODGOV_PUBLIC_URL): "${given}" is not a URL.`, exitCode);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--public-url (MODGOV_PUBLIC_URL): "${given}" is not an http(s) URL.`, exitCode);
  return given.replace(/\/+$/, '');
}

async function readStandardInput(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** What the mail system is told, by exit status, of a refusal. */
function exitCodeOf(result: Extract<ReceivedViewEmail, { outcome: 'refused' }>): number {
  switch (result.kind) {
    case 'not_configured':
      return SYSEXITS.config;
    case 'unknown_recipient':
      return SYSEXITS.noUser;
    case 'invalid':
      return SYSEXITS.dataErr;
  }
}

/** An error that is not a use case's refusal nor ours: the mail system should keep the message and retry. */
const isOurs = (e: unknown) => e instanceof CliError;

export function registerMailCommands(program: Command, kit: CommandKit): void {
  const mail = program.command('mail').description('Mail that comes in: replies to requests for views.');

  mail
    .command('receive')
    .description(
      'Take a reply to a request for views (one RFC 5322 message on standard input, or .eml files) and record its views.',
    )
    .argument('[files...]', 'messages to read instead of standard input (.eml)')
    .addOption(
      new Option('--public-url <url>', 'the site’s address, for the links in the answer').env(
        'MODGOV_PUBLIC_URL',
      ),
    )
    .addOption(kit.dataOption())
    .action(async (files: string[], o: { publicUrl?: string; data: string }) => {
      const baseUrl = publicUrlOf(o.publicUrl, SYSEXITS.config);
      try {
        const messages =
          files.length > 0
            ? await Promise.all(files.map(async (file) => ({ name: file, raw: await readFile(file) })))
            : process.stdin.isTTY
              ? []
              : [{ name: 'standard input', raw: await readStandardInput() }];
        if (messages.length === 0)
          throw new CliError(
            'modgov mail receive: give the message on standard input (a mail system’s pipe) or as FILE arguments.',
            EXIT.badInput,
          );
        const refusals: { line: string; code: number }[] = [];
        await kit.withContext('modgov mail receive', o.data, async (ctx) => {
          for (const message of messages) {
            const result = await receiveViewEmail(
              { db: ctx.database.db, rules: ctx.rules, mailer: ctx.mailer, today: londonToday },
              { raw: message.raw, replyTo: process.env.MODGOV_VIEWS_REPLY_TO, baseUrl },
            );
            const where = messages.length > 1 ? `${message.name}: ` : '';
            if (result.outcome === 'recorded') {
              process.stdout.write(
                `${where}Recorded ${result.views.length === 1 ? 'the view' : `${result.views.length} views`} of ${result.member} for the ${result.committee} on ${result.views
                  .map((v) => `${v.reference} (view ${v.id})`)
                  .join(', ')}.\n`,
              );
              if (!result.answered)
                process.stderr.write(`${where}The answer to ${result.member} could not be sent.\n`);
            } else if (result.outcome === 'ignored')
              process.stdout.write(`${where}Ignored. ${result.reason}\n`);
            else
              refusals.push({
                line: `${where}Nothing recorded: ${result.reason}`,
                code: exitCodeOf(result),
              });
          }
        });
        const first = refusals[0];
        if (first) throw new CliError(refusals.map((r) => r.line).join('\n'), first.code);
      } catch (e) {
        if (isOurs(e)) throw e;
        // the database held by another process, a lost connection, a bug: not the sender's fault, so the mail
        // system keeps the message and tries again later
        throw new CliError(
          `modgov mail receive: the message could not be taken now, try again later: ${oneLine((e as Error).message)}`,
          SYSEXITS.tempFail,
        );
      }
    });
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `modgov views request --paper REF`, under the `views` command (src/cli/commands/views.ts). */
export function registerViewRequestCommand(views: Command, kit: CommandKit): void {
  views
    .command('request')
    .description(
      'Ask the members of a paper’s committee for their views on its proposals by e-mail; a reply records them (MODGOV_VIEWS_REPLY_TO).',
    )
    .requiredOption('--paper <reference>', 'the monthly paper, e.g. OPSG_26_0511_16')
    .addOption(
      new Option('--public-url <url>', 'the site’s address, for the links in the e-mail').env(
        'MODGOV_PUBLIC_URL',
      ),
    )
    .addOption(kit.dataOption())
    .action(async (o: { paper: string; publicUrl?: string; data: string }) => {
      const baseUrl = publicUrlOf(o.publicUrl);
      if (!baseUrl)
        throw new CliError(
          '--public-url: give the site’s address (or set MODGOV_PUBLIC_URL), so the e-mail can link to each proposal.',
          EXIT.badInput,
        );
      await kit.withContext('modgov views request', o.data, async (ctx) => {
        const result = await requestViews(
          { db: ctx.database.db, rules: ctx.rules, mailer: ctx.mailer, today: londonToday },
          { paper: o.paper, replyTo: process.env.MODGOV_VIEWS_REPLY_TO, baseUrl, by: 'cli' },
        );
        process.stdout.write(
          `Asked ${result.sent.length} ${result.sent.length === 1 ? 'member' : 'members'} of the ${result.committee} for their views on ${result.paper}; replies are taken until ${result.expiresOn}.\n`,
        );
        for (const s of result.sent) process.stdout.write(`  ${s.name}: ${s.proposals.join(', ')}\n`);
        for (const n of result.notAsked) process.stdout.write(`  Not asked: ${n.name} (${n.reason})\n`);
        if (result.failed.length > 0)
          throw new CliError(
            `Could not send to ${result.failed.map((f) => `${f.name} (${oneLine(f.reason)})`).join(', ')}.`,
            EXIT.failure,
          );
      });
    });
}
