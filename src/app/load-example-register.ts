// On first start into an empty database, the application loads the example register (the SEC of October 2019
// and two modifications taken through their whole lifecycle) so a newcomer sees something at once.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Db } from '../db/connect.ts';
import { countProposals } from '../db/register.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { importRegister, type ImportResult } from './import-register.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples', import.meta.url));

/** Loads the examples when the register is empty. Returns what was loaded, or null when it was not empty. */
export async function loadExampleRegister(
  deps: { db: Db; rules: RulesPack },
  dir = EXAMPLES_DIR,
): Promise<{ files: string[]; result: ImportResult } | null> {
  if ((await countProposals(deps.db, deps.rules.id)) > 0) return null;
  const names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  const files = await Promise.all(
    names.map(async (n) => ({ name: `examples/${n}`, text: await readFile(join(dir, n), 'utf8') })),
  );
  return { files: names, result: await importRegister(deps, { files }) };
}
