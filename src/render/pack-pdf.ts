// PDF of several papers as one document: a meeting pack (the agenda, then each paper). Each paper is laid out
// exactly as renderPdf lays it out alone, in a pdfmake section of its own: it starts on a new page and every
// page of it carries its own reference and classification in the header. Pages are numbered through the
// pack ("Page 7 of 30"), the number people quote in a meeting. Links inside a paper stay inside that paper.
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { PaperModel } from '../domain/papers/paper.models.ts';
import { configurePdfmake, documentDefinition } from './pdf.ts';
import { packClassifications, packPapers, type PackInfo } from './pack.ts';

function packDefinition(papers: readonly PaperModel[], info: PackInfo): TDocumentDefinitions {
  const definitions = packPapers(papers).map(documentDefinition);
  const [first] = definitions;
  const [lead] = papers;
  if (!first || !lead) throw new Error('internal: a pack needs at least one paper');
  const content: Content[] = definitions.map((d): Content => ({
    section: d.content,
    header: d.header ?? null,
  }));
  // each section has its own header; the footer, styles and page settings are the same for every paper
  const { header: _header, ...shared } = first;
  return {
    ...shared,
    content,
    info: {
      title: info.title ?? `${lead.reference} ${lead.title}`,
      author: lead.signOff.author,
      subject: packClassifications(papers),
      creator: 'modgov',
    },
  };
}

export async function renderPackPdf(papers: readonly PaperModel[], info: PackInfo = {}): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(packDefinition(papers, info)).getBuffer();
}
