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
