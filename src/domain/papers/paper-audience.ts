// Whether a proposal may be shown in a committee paper, and, when not, the notice that tells the author why.
// One rule for every part of a paper (the new proposals, the conversions, the updates on followed proposals):
// - a proposal classified above the paper (or with a classification the code does not have) is left out;
// - so is one the paper's readers may not all see (paperAudienceMaySee: an Amber proposal must name the
//   paper's committee, that is have an impact recorded for it; a Red one is never in a paper; a Red paper shows
//   White proposals only).
// Pure.
import { paperAudienceMaySee } from '../access/classification-policy.ts';
import type { RegisterVocabulary } from '../rules-pack.ts';
import type { CompositionNotice } from './paper.models.ts';

export interface PaperForAudience {
  /** The committee the paper is for: OPSG. */
  committee: string;
  /** A classification slug of the code (the caller has checked it is one). */
  classification: string;
}

export interface ProposalForAudience {
  classification: string;
  /** Whether it names the paper's committee (has anticipated impacts recorded for it). */
  namesCommittee: boolean;
}

/** The notice for a proposal the paper must leave out, shown as `shown`; null when it may be in the paper. */
export function leftOutOfPaper(
  register: RegisterVocabulary,
  paper: PaperForAudience,
  proposal: ProposalForAudience,
  shown: string,
): CompositionNotice | null {
  const rank = (slug: string) => register.classifications.findIndex((c) => c.slug === slug);
  const paperLabel = register.classifications[rank(paper.classification)]?.label ?? paper.classification;
  const proposalRank = rank(proposal.classification);
  if (proposalRank < 0 || proposalRank > rank(paper.classification)) {
    const label = register.classifications[proposalRank]?.label;
    return {
      code: 'paper.classified_item_omitted',
      message: label
        ? `${shown} is classified ${label}, above this ${paperLabel} paper: left out.`
        : `${shown} is classified "${proposal.classification}", which this code does not know: left out of this ${paperLabel} paper.`,
      subject: shown,
    };
  }
  const named = proposal.namesCommittee ? [paper.committee] : [];
  if (paperAudienceMaySee(paper, { classification: proposal.classification, committees: named })) return null;
  const label = register.classifications[proposalRank]?.label ?? proposal.classification;
  return {
    code: 'paper.classified_item_omitted',
    message: `${shown} is classified ${label}, and not everyone this paper goes to may see it (an Amber proposal must name ${paper.committee}; a Red one is for its named recipients only; a Red paper shows White proposals only): left out.`,
    subject: shown,
  };
}
