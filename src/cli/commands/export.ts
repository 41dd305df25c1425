import { writeFile } from 'node:fs/promises';
import { exportRegister, type ExportFormat } from '../../app/export-register.ts';
import type { AppContext } from '../../composition.ts';

export async function runExport(
  ctx: AppContext,
  options: { format: ExportFormat; out?: string | undefined },
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const text = await exportRegister({ db: ctx.database.db, rules: ctx.rules }, { format: options.format });
  if (options.out) {
    await writeFile(options.out, text);
    process.stderr.write(`Wrote the ${ctx.rules.id} register to ${options.out}\n`);
  } else stdout.write(text);
}
