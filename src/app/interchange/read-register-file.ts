// Reads one modgov/v1 file (YAML or JSON) and checks it against the JSON Schema, reporting every problem with
// its line, column and field path. Vocabulary and references are checked afterwards, across all files at once.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../domain/interchange/modgov-v1.schema.json' with { type: 'json' };
import type { V1Register } from '../../domain/interchange/modgov-v1.models.ts';
import { formatPath, type FieldPath, type ImportIssue } from '../../domain/interchange/import-issue.ts';

// ajv-formats is CommonJS with a default export that TypeScript sees one level deep.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
addFormats(ajv, ['date', 'email']);
const validate = ajv.compile<V1Register>(schema);

export interface RegisterFile {
  name: string;
  /** The register when the file parsed and matched the schema; null otherwise (see issues). */
  register: V1Register | null;
  /**
   * What can still be checked when the schema refused the file only for unknown fields or malformed dates and
   * identifiers (the unknown fields dropped), so that one pass reports every problem; null otherwise.
   */
  checkable: { register: V1Register } | null;
  issues: ImportIssue[];
  /** Line and column of a field, for problems found later. */
  locate(path: FieldPath): { line: number; column: number };
}

export function readRegisterFile(name: string, text: string): RegisterFile {
  const lineCounter = new LineCounter();
  let doc: Document | null = null;
  let data: unknown;
  const issues: ImportIssue[] = [];
  const isJson = /\.json$/i.test(name) || /^\s*[{[]/.test(text);

  // Locations come from the YAML syntax tree (JSON is YAML). For large JSON files it is built only on demand.
  const tree = () => {
    doc ??= parseDocument(text, { lineCounter, uniqueKeys: true, version: '1.2' });
    return doc;
  };
  const locate = (path: FieldPath) => locateIn(tree(), lineCounter, path);
  const issue = (path: FieldPath, message: string, at = locate(path)): ImportIssue => ({
    file: name,
    ...at,
    path: formatPath(path),
    message,
  });

  if (isJson) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const at = tree().errors[0]?.linePos?.[0];
      issues.push(
        issue([], `not valid JSON: ${(e as Error).message}`, { line: at?.line ?? 1, column: at?.col ?? 1 }),
      );
      return { name, register: null, checkable: null, issues, locate };
    }
  } else {
    const d = tree();
    for (const e of [...d.errors]) {
      const at = e.linePos?.[0];
      issues.push({
        file: name,
        line: at?.line ?? 1,
        column: at?.col ?? 1,
        path: '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      });
    }
    if (issues.length > 0) return { name, register: null, checkable: null, issues, locate };
    data = d.toJS({ maxAliasCount: 1000 });
  }

  if (!validate(data)) {
    const errors = validate.errors ?? [];
    for (const e of errors) issues.push(schemaIssue(e, issue));
    return {
      name,
      register: null,
      checkable: pruneInvalid(data, errors),
      issues: dropShadowed(issues),
      locate,
    };
  }
  return { name, register: data, checkable: { register: data }, issues, locate };
}

/** Keywords whose failing value still has the right type, so the record can be checked further. */
const TYPE_SAFE = new Set(['format', 'pattern']);

function pruneInvalid(data: unknown, errors: readonly ErrorObject[]): RegisterFile['checkable'] {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const e of errors) {
    if (TYPE_SAFE.has(e.keyword)) continue;
    // A record of the wrong shape would make later checks guess: report the schema's problems alone.
    if (e.keyword !== 'additionalProperties') return null;
    let node: unknown = copy;
    for (const s of pointerToPath(e.instancePath)) node = (node as Record<string | number, unknown>)[s];
    delete (node as Record<string, unknown>)[
      String((e.params as { additionalProperty: string }).additionalProperty)
    ];
  }
  return { register: copy as unknown as V1Register };
}

function pointerToPath(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function schemaIssue(e: ErrorObject, issue: (path: FieldPath, message: string) => ImportIssue): ImportIssue {
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return issue(
        [...path, String(params.additionalProperty)],
        `unknown field "${String(params.additionalProperty)}"`,
      );
    case 'required':
      return issue(path, `missing required field "${String(params.missingProperty)}"`);
    case 'format':
      return params.format === 'date'
        ? issue(
            path,
            `${JSON.stringify(e.data)} is not a valid date: expected a real calendar date as YYYY-MM-DD`,
          )
        : issue(path, `${JSON.stringify(e.data)} is not a valid ${String(params.format)}`);
    case 'const':
      return issue(path, `must be ${JSON.stringify(params.allowedValue)}`);
    case 'enum':
      return issue(
        path,
        `${JSON.stringify(e.data)} is not one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'pattern':
      return issue(
        path,
        `${JSON.stringify(e.data)} is not a valid identifier here (expected ${String(params.pattern)})`,
      );
    default:
      return issue(path, e.message ?? `fails ${e.keyword}`);
  }
}

/** One problem per field: ajv can report a `$ref`'d pattern and a type failure for the same value. */
function dropShadowed(issues: ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.line}:${i.column}:${i.path}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function locateIn(doc: Document, lc: LineCounter, path: FieldPath): { line: number; column: number } {
  let node: unknown = doc.contents;
  let at = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(segment),
      );
      if (!pair) break;
      const keyRange = (pair.key as { range?: [number] } | null)?.range;
      if (keyRange) at = keyRange[0];
      node = pair.value;
      // point at the key for containers, at the value for scalars
      const valueRange = (pair.value as { range?: [number] } | null)?.range;
      if (valueRange && !isMap(pair.value) && !isSeq(pair.value)) at = valueRange[0];
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (!item) break;
      const r = (item as { range?: [number] }).range;
      if (r) at = r[0];
      node = item;
    } else break;
  }
  const pos = lc.linePos(at);
  return { line: pos.line, column: pos.col };
}
