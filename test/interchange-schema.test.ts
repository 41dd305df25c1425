import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

test('the published JSON Schema in docs/ is the one the importer uses', () => {
  const used = readFileSync(
    new URL('../src/domain/interchange/modgov-v1.schema.json', import.meta.url),
    'utf8',
  );
  const published = readFileSync(new URL('../docs/modgov-v1.schema.json', import.meta.url), 'utf8');
  assert.equal(published, used, 'copy src/domain/interchange/modgov-v1.schema.json to docs/');
});
