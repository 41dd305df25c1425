import { writeFile } from 'node:fs/promises';
import { exportRegister, type ExportFormat } from '../../app/export-register.ts';
import { getViewer } from '../../app/get-viewer.ts';
import type { AppContext } from '../../composition.ts';

export async function runExport(
  ctx: AppContext,
  options: { format: ExportFormat; out?: string | undefined; as?: string | undefined },
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const deps = { db: ctx.database.db, rules: ctx.rules };
  // Without --as: the administrator's whole register. With it: what that user (or the public) may see.
  const viewer = options.as === undefined ? undefined : await getViewer(deps, { as: options.as });
  const text = await exportRegister(deps, { format: options.format, viewer });
  if (options.out) {
    await writeFile(options.out, text);
    process.stderr.write(
      `Wrote the ${ctx.rules.id} register${options.as === undefined ? '' : ` as ${options.as} may see it`} to ${options.out}\n`,
    );
  } else stdout.write(text);
}
