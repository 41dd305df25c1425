// A committee paper as a pure model: what it says, in order, with no idea of any output format.
// Composers (compose-*.ts) build it from register facts; renderers (src/render/) turn it into text, Markdown,
// HTML, DOCX and PDF and know nothing about proposals. (STYLE.md: compose, then render.)

/** A run of text within a paragraph, list item or heading. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A link target: an absolute URL, or `#anchor` for a place in the same paper (an appendix). */
  link?: string;
}

export type Block =
  | { type: 'paragraph'; runs: readonly Inline[] }
  /** A heading inside a section, e.g. an entry "DP088 'Power to raise modifications'" (level 3) or an impact heading (level 4). */
  | { type: 'heading'; level: 3 | 4; runs: readonly Inline[]; anchor?: string }
  | { type: 'list'; ordered: boolean; items: readonly (readonly Inline[])[] };

/** A numbered section: "1. Purpose". */
export interface PaperSection {
  number: number;
  title: string;
  blocks: readonly Block[];
}

/** "Appendix A: DP088 draft problem statement": listed under Attachments, and (where held) printed after the paper. */
export interface PaperAppendix {
  /** "A", "B", ... */
  letter: string;
  title: string;
  /** `appendix-a`: what entries link to. */
  anchor: string;
  /** The appendix's content; null when the register holds none (the attachment is listed, not printed). */
  blocks: readonly Block[] | null;
}

export interface PaperModel {
  classification: {
    slug: string;
    label: string;
    /** The banner sentence, the label in bold: "This document is classified as **White** in accordance with ..." */
    banner: readonly Inline[];
  };
  reference: string;
  action: { slug: string; label: string };
  title: string;
  sections: readonly PaperSection[];
  signOff: {
    author: string;
    team: string | null;
    /** As printed: "29 October 2019". */
    date: string;
  };
  appendices: readonly PaperAppendix[];
}

/** What the composer left out, and why: shown to the author, never rendered into the paper. */
export interface CompositionNotice {
  code: 'paper.classified_item_omitted' | 'paper.no_items';
  message: string;
  /** The proposal (or other item) concerned. */
  subject?: string;
}

export interface ComposedPaper {
  paper: PaperModel;
  notices: readonly CompositionNotice[];
}
