/** One problem with an imported file, where it is and why. */
export interface ImportIssue {
  file: string;
  line: number;
  column: number;
  /** The field, as `proposals[2].history[1].event`. */
  path: string;
  message: string;
}

export type FieldPath = readonly (string | number)[];

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

export function formatIssue(i: ImportIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
}

/** In the order of the files given, then by line and column. */
export function sortIssues(issues: readonly ImportIssue[], files: readonly string[]): ImportIssue[] {
  const fileOrder = new Map(files.map((f, i) => [f, i]));
  return [...issues].sort(
    (a, b) =>
      (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
}
