import { readFile } from 'node:fs/promises';
import { importRegister } from '../../app/import-register.ts';
import { formatIssue } from '../../domain/interchange/import-issue.ts';
import type { AppContext } from '../../composition.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';

/** Shows a bar from this many proposals up. */
const PROGRESS_FROM = 300;

export async function runImport(ctx: AppContext, paths: string[], out: NodeJS.WritableStream): Promise<void> {
  const files = await Promise.all(
    paths.map(async (name) => {
      try {
        return { name, text: await readFile(name, 'utf8') };
      } catch (e) {
        throw new CliError(
          `${name}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
          EXIT.badInput,
        );
      }
    }),
  );
  const progress = createProgress('Importing proposals');
  const result = await importRegister(
    { db: ctx.database.db, rules: ctx.rules },
    { files },
    {
      onProgress: (p) => p.phase === 'write' && p.total >= PROGRESS_FROM && progress.update(p.done, p.total),
    },
  ).finally(() => progress.stop());
  if (!result.ok) {
    for (const issue of result.errors) out.write(`${formatIssue(issue)}\n`);
    const n = result.errors.length;
    throw new CliError(
      `Nothing was imported: ${n} problem${n === 1 ? '' : 's'} found. The register is unchanged.`,
      EXIT.badInput,
    );
  }
  const c = result.counts;
  out.write(
    `Imported ${paths.length} file${paths.length === 1 ? '' : 's'}: ${c.proposals} proposals (${c.events} history events), ` +
      `${c.organisations} organisations, ${c.people} people, ${c.committees} committees, ${c.meetings} meetings, ` +
      `${c.releases} releases, ${c.papers} papers.\n`,
  );
  // the committee engagement records, when the files hold any
  if (c.problemStatementVersions + c.views + c.following + c.outcomes + c.actions > 0)
    out.write(
      `Committee engagement: ${c.problemStatementVersions} problem statement versions, ${c.views} views, ` +
        `${c.following} following decisions, ${c.outcomes} meeting outcomes, ${c.actions} meeting actions.\n`,
    );
}
