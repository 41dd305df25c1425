// A committee member's reply to a request for views, as text: what they wrote (not the message they quote, not
// their signature), split into one view per proposal. Pure.
//
// What they wrote: the text above the quoted original. Cut at an attribution line ("On Tue, 5 Nov 2019, modgov
// <...> wrote:", which some mail programs wrap onto two lines), at "-----Original Message-----", at an Outlook
// header block ("From: ..." then "Sent: ..."), or at the signature delimiter ("-- "); lines quoted with '>' are
// dropped wherever they are.
//
// Split: a line that is a proposal's reference ("DP090:" or "DP090" on its own, any case; "DP090: text" starts
// the section with that text) starts that proposal's section. DP090 and MP090 name the same proposal. Text above
// any reference goes to the only proposal when the request covers one; with more, it is refused. A reference
// the request does not cover is refused, naming it; so is an empty section and an empty reply. The same
// reference twice makes one section, in the order written.
import { parseReference } from '../proposals/proposal-reference.ts';
import type { RulesPack } from '../rules-pack.ts';

export interface ReplySection {
  /** The proposal's reference as the request holds it now (MP090 when the member wrote DP090 after conversion). */
  reference: string;
  text: string;
}

export interface ReplyProblem {
  /** The reference the problem is about; null for the reply as a whole, or the text above any reference. */
  reference: string | null;
  message: string;
}

export type SplitReply = { ok: true; sections: ReplySection[] } | { ok: false; problems: ReplyProblem[] };

const ATTRIBUTION = /^\s*(On|Le|Am|El|Il|Op)\s.*(wrote|a écrit|schrieb|escribió|ha scritto|schreef)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(On|Le|Am|El|Il|Op)\s/i;
const ATTRIBUTION_END = /(wrote|a écrit|schrieb|escribió|ha scritto|schreef)\s*:\s*$/i;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Forwarded message)\s*-{2,}\s*$/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const SIGNATURE = /^--\s?$/;

/** Does the quoted original start at line `i`? */
function startsQuotedOriginal(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (ATTRIBUTION.test(line) || ORIGINAL_MESSAGE.test(line)) return true;
  const next = lines[i + 1] ?? '';
  if (ATTRIBUTION_START.test(line) && !ATTRIBUTION_END.test(line) && ATTRIBUTION_END.test(next)) return true;
  if (OUTLOOK_RULE.test(line) && /^\s*From:\s/i.test(next)) return true;
  if (/^\s*From:\s/i.test(line)) return lines.slice(i + 1, i + 4).some((l) => /^\s*(Sent|Date):\s/i.test(l));
  return false;
}

/** What the member wrote: the reply without the quoted original, quoted lines and the signature; trimmed. */
export function replyOwnText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const own: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (SIGNATURE.test(line) || startsQuotedOriginal(lines, i)) break;
    if (/^\s*>/.test(line)) continue;
    own.push(line.replace(/\s+$/, ''));
  }
  return own.join('\n').trim();
}

/** The reference a line starts a section for, with the text after its colon; null for an ordinary line. */
function referenceLine(
  rules: RulesPack,
  line: string,
): { candidate: string; key: string; rest: string } | null {
  const m = /^\s*[*_]{0,2}([A-Za-z]{1,10}\d{1,6}[A-Za-z]?)[*_]{0,2}\s*(?::[*_]{0,2}(.*))?$/.exec(line);
  if (!m?.[1]) return null;
  const candidate = m[1].toUpperCase();
  const parsed = parseReference(rules, candidate);
  if (!parsed) return null;
  return { candidate, key: parsed.key, rest: (m[2] ?? '').trim() };
}

/**
 * The reply split into one section per proposal of `covered` (their references as the request holds them), or
 * every problem found, each naming its reference.
 */
export function splitReply(rules: RulesPack, covered: readonly string[], text: string): SplitReply {
  const own = replyOwnText(text);
  if (!own)
    return {
      ok: false,
      problems: [
        {
          reference: null,
          message:
            'The reply has no text of its own above the quoted message, so there is no view to record.',
        },
      ],
    };
  const coveredByKey = new Map<string, string>();
  for (const reference of covered) {
    const parsed = parseReference(rules, reference);
    if (parsed) coveredByKey.set(parsed.key, reference);
  }
  const listed = covered.join(', ');

  const problems: ReplyProblem[] = [];
  const preamble: string[] = [];
  const sections = new Map<string, string[]>();
  const named: string[] = []; // the references written, in order, as written
  let current: string[] | null = null; // null: above any reference
  let refused = false; // inside the section of a reference not covered: its text is not anyone's
  for (const line of own.split('\n')) {
    const ref = referenceLine(rules, line);
    if (ref) {
      const reference = coveredByKey.get(ref.key);
      if (!reference) {
        if (!problems.some((p) => p.reference === ref.candidate))
          problems.push({
            reference: ref.candidate,
            message: `${ref.candidate} is not one of the proposals this request asked about (${listed}).`,
          });
        refused = true;
        current = null;
        continue;
      }
      refused = false;
      if (!named.includes(reference)) named.push(reference);
      current = sections.get(reference) ?? [];
      while (current.length > 0 && !current[current.length - 1]?.trim()) current.pop();
      if (current.length > 0) current.push('');
      sections.set(reference, current);
      if (ref.rest) current.push(ref.rest);
      continue;
    }
    if (refused) continue;
    (current ?? preamble).push(line);
  }

  const before = preamble.join('\n').trim();
  const only = covered.length === 1 ? covered[0] : undefined;
  if (before) {
    if (only !== undefined) {
      const existing = sections.get(only);
      sections.set(only, existing ? [before, '', ...existing] : [before]);
      if (!named.includes(only)) named.unshift(only);
    } else
      problems.unshift({
        reference: null,
        message: `The text above the first reference ("${excerpt(before)}") names no proposal, and this request asked about ${covered.length} (${listed}): start the views on each proposal with its reference on a line of its own, such as ${covered[0] ?? 'DP090'}:`,
      });
  }
  for (const reference of named) {
    const body = (sections.get(reference) ?? []).join('\n').trim();
    if (!body)
      problems.push({
        reference,
        message: `Nothing follows ${reference}: write the view under its reference, or leave the reference out.`,
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (named.length === 0)
    return {
      ok: false,
      problems: [{ reference: null, message: 'The reply names no proposal, so there is no view to record.' }],
    };
  return {
    ok: true,
    sections: named.map((reference) => ({
      reference,
      text: (sections.get(reference) ?? []).join('\n').trim(),
    })),
  };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
