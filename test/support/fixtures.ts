import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared fixture files, read where the repository keeps its copies (examples/), byte for byte the same. */
export const FIXTURES = {
  opsg: fileURLToPath(new URL('../../examples/sec-opsg-2019-10.yaml', import.meta.url)),
  lifecycle: fileURLToPath(new URL('../../examples/sec-lifecycle-examples.yaml', import.meta.url)),
};

export function fixtureFile(which: keyof typeof FIXTURES): { name: string; text: string } {
  return { name: FIXTURES[which], text: readFileSync(FIXTURES[which], 'utf8') };
}
