// A meeting pack: the agenda, then every paper it lists that modgov can compose, in agenda order, as one PDF or
// one Word file. The pack is the agenda's classification: a paper the agenda leaves out (classified above it)
// is not in the pack either, and each paper leaves out what is classified above itself. A listed paper of a
// type modgov cannot compose yet is on the agenda but not in the pack, and the caller is told. Nothing is written.
import { meetingReference } from '../domain/papers/compose-agenda.ts';
import { fillTemplate, formatLongDate } from '../domain/papers/compose-new-proposals-summary.ts';
import type { CompositionNotice, PaperModel } from '../domain/papers/paper.models.ts';
import { renderPackDocx } from '../render/pack-docx.ts';
import { renderPackPdf } from '../render/pack-pdf.ts';
import { composeAgenda, type ComposeAgendaDeps, type ComposeAgendaInput } from './compose-agenda.ts';
import { composePaper } from './compose-paper.ts';
import { COMPOSABLE_PAPER_TYPES } from './create-paper.ts';

export type PackFormat = 'pdf' | 'docx';

const FORMATS = {
  pdf: { extension: 'pdf', contentType: 'application/pdf', render: renderPackPdf },
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderPackDocx,
  },
} as const satisfies Record<PackFormat, unknown>;

export type PackNotice =
  CompositionNotice | { code: 'pack.paper_not_composable'; message: string; subject: string };

export interface MeetingPack {
  /** OPSG_26_0511_Pack */
  reference: string;
  filename: string;
  contentType: string;
  body: Buffer;
  /** The references in the pack, in order: the agenda first. */
  contents: string[];
  /** What the author should know: items left out of the agenda or of a paper, papers not in the pack. */
  notices: PackNotice[];
}

export async function buildMeetingPack(
  deps: ComposeAgendaDeps,
  input: ComposeAgendaInput & { format: PackFormat },
): Promise<MeetingPack> {
  const spec = FORMATS[input.format];
  if (!spec) throw new Error(`internal: no pack renderer for the format "${String(input.format)}"`);
  const agenda = await composeAgenda(deps, input);
  const { classifications } = deps.rules.register;
  const rank = (slug: string) => classifications.findIndex((c) => c.slug === slug);
  const packRank = rank(agenda.paper.classification.slug);
  const notices: PackNotice[] = [...agenda.notices];
  const models: PaperModel[] = [agenda.paper];
  for (const stored of agenda.papers) {
    if (stored.type === deps.rules.agenda.paperType) continue;
    // left out of the agenda, with its notice, so left out of the pack
    const paperRank = rank(stored.classification);
    if (paperRank < 0 || paperRank > packRank) continue;
    if (!(COMPOSABLE_PAPER_TYPES as readonly string[]).includes(stored.type)) {
      notices.push({
        code: 'pack.paper_not_composable',
        message: `${stored.reference} is a paper of type "${stored.type}", which modgov cannot compose yet: it is on the agenda but not in the pack.`,
        subject: stored.reference,
      });
      continue;
    }
    const composed = await composePaper(deps, { reference: stored.reference });
    models.push(composed.paper);
    notices.push(...composed.notices.map((n) => ({ ...n, message: `${stored.reference}: ${n.message}` })));
  }
  const { meeting } = agenda;
  const wording = deps.rules.agenda;
  const reference = meetingReference(wording.packReference, {
    committee: meeting.committee.ref,
    number: meeting.number,
    date: meeting.date,
  });
  const title = fillTemplate(wording.packTitle, {
    committee: meeting.committee.name,
    meeting: String(meeting.number),
    date: formatLongDate(meeting.date),
  });
  const body = await spec.render(models, { title });
  return {
    reference,
    filename: `${reference.replace(/[^A-Za-z0-9_-]/g, '_')}.${spec.extension}`,
    contentType: spec.contentType,
    body,
    contents: models.map((m) => m.reference),
    notices,
  };
}
