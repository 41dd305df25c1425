// node --import tsx scripts/lifecycle-doc.ts [--check]
// Writes docs/LIFECYCLE.md from the SEC rules pack (src/codes/sec/lifecycle.ts and eligibility.ts), formatted
// by prettier with the project's settings so `prettier --check .` passes. With --check, writes nothing and
// exits 1 when the committed file differs from what the table gives.
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { sec } from '../src/codes/sec/index.ts';
import { renderLifecycleDoc } from '../src/domain/lifecycle/lifecycle-doc.ts';

export const lifecycleDocPath = fileURLToPath(new URL('../docs/LIFECYCLE.md', import.meta.url));
const command = 'node --import tsx scripts/lifecycle-doc.ts';

/** docs/LIFECYCLE.md as it should be: the rendering of the SEC pack, through prettier. */
export async function buildLifecycleDoc(): Promise<string> {
  const options = (await prettier.resolveConfig(lifecycleDocPath)) ?? {};
  return prettier.format(renderLifecycleDoc(sec), { ...options, filepath: lifecycleDocPath });
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function main(args: readonly string[]): Promise<void> {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(
      `lifecycle-doc: unknown argument ${unknown.join(' ')}; usage: ${command} [--check]\n`,
    );
    process.exitCode = 2;
    return;
  }
  const text = await buildLifecycleDoc();
  if (args.includes('--check')) {
    if (readOrEmpty(lifecycleDocPath) === text) {
      process.stdout.write('docs/LIFECYCLE.md is up to date\n');
      return;
    }
    process.stderr.write(
      `docs/LIFECYCLE.md differs from src/codes/sec/lifecycle.ts and eligibility.ts; regenerate it with: ${command}\n`,
    );
    process.exitCode = 1;
    return;
  }
  writeFileSync(lifecycleDocPath, text);
  process.stdout.write('wrote docs/LIFECYCLE.md\n');
}

// Run only as a script: the test imports buildLifecycleDoc.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
