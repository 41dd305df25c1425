// A stored paper in a format people open: composed from the register (compose-paper.ts), then rendered. The one
// place that maps a format to its renderer, its content type and its file name; the CLI's `modgov paper` and
// the web's downloads both come through here. Given a viewer, a paper the viewer may not see is not found.
import { findPaperByReference, listPaperRecipients } from '../db/papers.repository.ts';
import { canSeePaper, type Viewer } from '../domain/access/visibility.ts';
import type { CompositionNotice, PaperModel } from '../domain/papers/paper.models.ts';
import { renderDocx } from '../render/docx.ts';
import { renderHtml } from '../render/html.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderPdf } from '../render/pdf.ts';
import { renderText } from '../render/text.ts';
import { composePaper, PaperNotFoundError, type ComposePaperDeps } from './compose-paper.ts';

interface FormatSpec {
  /** The file name's extension. */
  extension: string;
  contentType: string;
  binary: boolean;
  render(paper: PaperModel): string | Promise<Buffer>;
}

const FORMATS = {
  text: {
    extension: 'txt',
    contentType: 'text/plain; charset=utf-8',
    binary: false,
    render: renderText,
  },
  md: {
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    binary: false,
    render: renderMarkdown,
  },
  /** A whole document, with its own stylesheet for screen and print. */
  html: {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    binary: false,
    render: (paper) => renderHtml(paper, { standalone: true }),
  },
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    binary: true,
    render: renderDocx,
  },
  pdf: {
    extension: 'pdf',
    contentType: 'application/pdf',
    binary: true,
    render: renderPdf,
  },
  /** An `<article>` to show inside a web page (the site's GOV.UK styles); not a download. */
  'html-fragment': {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    binary: false,
    render: (paper) => renderHtml(paper),
  },
} as const satisfies Record<string, FormatSpec>;

export type PaperFormat = keyof typeof FORMATS;

/** The formats a paper is offered in, as files: `modgov paper --format`, the web's download links. */
export const DOWNLOAD_FORMATS = [
  'text',
  'md',
  'html',
  'docx',
  'pdf',
] as const satisfies readonly PaperFormat[];
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const isBinaryFormat = (format: PaperFormat): boolean => FORMATS[format].binary;

/** The extension a format's file carries: txt, md, html, docx, pdf. */
export const formatExtension = (format: PaperFormat): string => FORMATS[format].extension;

/** The format whose file carries this extension (`txt` is text), or null. */
export function formatOfExtension(extension: string): DownloadFormat | null {
  return DOWNLOAD_FORMATS.find((f) => FORMATS[f].extension === extension.toLowerCase()) ?? null;
}

/** `OPSG_26_0511_16.docx`: the reference, kept to characters every file system and header takes. */
export function paperFilename(reference: string, format: PaperFormat): string {
  return `${reference.replace(/[^A-Za-z0-9_-]/g, '_')}.${FORMATS[format].extension}`;
}

/** Any composed paper (a stored paper, an agenda) in a format: its body, content type and file name. */
export async function renderPaperModel(
  paper: PaperModel,
  format: PaperFormat,
): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
  const spec: FormatSpec = FORMATS[format];
  return {
    body: await spec.render(paper),
    contentType: spec.contentType,
    filename: paperFilename(paper.reference, format),
  };
}

export interface RenderedPaper {
  body: string | Buffer;
  contentType: string;
  filename: string;
  /** What the composer left out, and why: for the author, never for a viewer who may not see it. */
  notices: readonly CompositionNotice[];
  /** The composed model, for a page to show the title, the labels and the date around the body. */
  paper: PaperModel;
  /** The meeting the paper is for, when it names one. */
  meeting: { committee: { ref: string; name: string }; number: number; date: string } | null;
}

export async function renderPaper(
  deps: ComposePaperDeps,
  input: {
    reference: string;
    format: PaperFormat;
    /** Who asks: a paper they may not see is not found. Absent for the administrator's own command line. */
    viewer?: Viewer | undefined;
  },
): Promise<RenderedPaper> {
  const spec: FormatSpec | undefined = FORMATS[input.format];
  if (!spec) throw new Error(`internal: no renderer for the format "${String(input.format)}"`);
  const reference = input.reference.trim();
  const stored = await findPaperByReference(deps.db, deps.rules.id, reference);
  const visible =
    stored !== null &&
    (input.viewer === undefined ||
      canSeePaper(input.viewer, {
        classification: stored.classification,
        committeeRef: stored.committee?.ref ?? null,
        recipientUserIds: (await listPaperRecipients(deps.db, [stored.id])).get(stored.id) ?? [],
      }));
  if (!stored || !visible) throw new PaperNotFoundError(`There is no paper ${reference} in the register.`);
  const { paper, notices } = await composePaper(deps, { reference: stored.reference });
  const body = await spec.render(paper);
  return {
    body,
    contentType: spec.contentType,
    filename: paperFilename(stored.reference, input.format),
    notices,
    paper,
    meeting:
      stored.meeting && stored.committee
        ? {
            committee: { ref: stored.committee.ref, name: stored.committee.name },
            number: stored.meeting.number,
            date: stored.meeting.date,
          }
        : null,
  };
}
