import { loadExampleRegister } from '../../app/load-example-register.ts';
import type { AppContext } from '../../composition.ts';
import { formatIssue } from '../../domain/interchange/import-issue.ts';
import { buildServer } from '../../web/server.ts';

export async function runServe(ctx: AppContext, options: { port: number; host: string }): Promise<void> {
  const log = (msg: string) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);
  log(
    `Register database: ${ctx.database.kind === 'pglite' ? `embedded PGlite in ${ctx.database.location}` : `PostgreSQL at ${ctx.database.location}`}`,
  );
  const loaded = await loadExampleRegister({ db: ctx.database.db, rules: ctx.rules });
  if (loaded?.result.ok)
    log(
      `The register was empty: loaded the example ${ctx.rules.id} register (${loaded.files.join(', ')}): ${loaded.result.counts.proposals} proposals.`,
    );
  else if (loaded && !loaded.result.ok) {
    for (const e of loaded.result.errors) log(`example register: ${formatIssue(e)}`);
    throw new Error('The example register did not load');
  }

  const app = buildServer({
    database: ctx.database,
    rules: ctx.rules,
    mailer: ctx.mailer,
    logger: process.env.MODGOV_LOG_REQUESTS === '1',
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: options.port, host: options.host });
  log(
    `modgov is serving the ${ctx.rules.name} register at http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${options.port}/`,
  );
}
