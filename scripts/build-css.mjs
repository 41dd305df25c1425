// Compiles GOV.UK Frontend's Sass with a system font stack into src/web/public/modgov.css (committed).
// modgov is not a GOV.UK service: no GDS Transport font face, no crown. Run after changing the Sass:
//   node scripts/build-css.mjs
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = fileURLToPath(new globalThis.URL('..', import.meta.url));
const entry = `${root}src/web/public/modgov.scss`;
const out = `${root}src/web/public/modgov.css`;

const started = Date.now();
const result = sass.compile(entry, {
  loadPaths: [`${root}node_modules`],
  style: 'compressed',
  quietDeps: true,
});
if (/GDS Transport|\/fonts\//.test(result.css)) {
  throw new Error('build-css: the compiled CSS still refers to the GDS Transport font');
}
writeFileSync(out, `${result.css}\n`);
process.stdout.write(
  `build-css: wrote ${out} (${Math.round(result.css.length / 1024)} KB) in ${Date.now() - started} ms\n`,
);
