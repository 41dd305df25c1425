// Word of several papers as one document: a meeting pack (the agenda, then each paper). Each paper is written
// exactly as renderDocx writes it alone, in a Word section of its own that starts on a new page (a "next page"
// section break) with its own header: its reference and classification. Pages are numbered through the pack.
// List numbering and bookmarks are kept apart paper by paper, so a paper's lists start at 1 and its links
// reach its own appendices.
import { Packer, SectionType, type ISectionOptions } from 'docx';
import type { PaperModel } from '../domain/papers/paper.models.ts';
import { DocxWriter, paperDocument, paperSection } from './docx.ts';
import { packClassifications, packPapers, type PackInfo } from './pack.ts';

export async function renderPackDocx(papers: readonly PaperModel[], info: PackInfo = {}): Promise<Buffer> {
  const [lead] = papers;
  if (!lead) throw new Error('internal: a pack needs at least one paper');
  let orderedLists = 0;
  const sections = packPapers(papers).map((paper, i): ISectionOptions => {
    const writer = new DocxWriter(paper);
    writer.orderedLists = orderedLists;
    writer.write();
    orderedLists = writer.orderedLists;
    const section = paperSection(paper, writer.body);
    return i === 0
      ? section
      : { ...section, properties: { ...section.properties, type: SectionType.NEXT_PAGE } };
  });
  const doc = paperDocument(
    {
      creator: lead.signOff.author,
      title: info.title ?? `${lead.reference} ${lead.title}`,
      description: packClassifications(papers),
    },
    sections,
  );
  return Packer.toBuffer(doc);
}
