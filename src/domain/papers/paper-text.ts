// The small text tools every paper composer uses: dates as papers print them, appendix letters, the code's
// wording templates with their {placeholders}, and the classification banner. Pure.
import { mergeRuns } from './markdown-blocks.ts';
import type { Inline } from './paper.models.ts';

export class PaperCompositionError extends Error {
  readonly code = 'paper.invalid';
  readonly status = 400;
  override name = 'PaperCompositionError';
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/** "29 October 2019" from 2019-10-29. */
export function formatLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = m ? new Date(`${iso}T00:00:00Z`) : null;
  if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    throw new PaperCompositionError(`${JSON.stringify(iso)} is not a date as YYYY-MM-DD.`);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** A, B, ... Z, AA, AB, ... for the 0-based index of an appendix. */
export function appendixLetter(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

export type Values = Readonly<Record<string, string>>;

/** A template's text with its {placeholders} filled; an unknown placeholder is a mistake in the code's data. */
export function fillTemplate(template: string, values: Values): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new PaperCompositionError(
        `The paper wording "${template}" uses {${name}}, which is not known here.`,
      );
    return value;
  });
}

/** A sentence template as inline runs: **bold** marks in the template are bold; values stay literal. */
export function templateRuns(template: string, values: Values): Inline[] {
  return mergeRuns(
    template.split('**').map((part, i) => {
      const text = fillTemplate(part, values);
      return i % 2 === 1 ? { text, bold: true } : { text };
    }),
  );
}

/** The banner sentence with the label in bold. */
export function bannerRuns(banner: string, label: string): Inline[] {
  const at = banner.indexOf(label);
  if (at < 0) return [{ text: banner }];
  return mergeRuns([
    { text: banner.slice(0, at) },
    { text: label, bold: true },
    { text: banner.slice(at + label.length) },
  ]);
}
