// The proposals a monthly paper (new_proposals_summary) presents to its committee, and so the ones a request for
// views on that paper asks about: the entries of compose-new-proposals-summary.ts, by the same rules (a Draft
// Proposal, or the Modification Proposal it became, not an alternative nor another series; raised in the
// paper's period or converted in it), and by the same audience rule (leftOutOfPaper: nothing classified above
// the paper, nor anything the paper's readers may not all see, through paperAudienceMaySee). Pure. A test
// (test/views-by-email.test.ts) checks that this agrees with the composed paper.
import { leftOutOfPaper } from '../papers/paper-audience.ts';
import type { RegisterVocabulary } from '../rules-pack.ts';

export interface PaperProposalCandidate {
  /** DP090, or MP090 once converted. */
  reference: string;
  classification: string;
  /** YYYY-MM-DD */
  raised: string;
  /** Its impact on the paper's committee; null when none is recorded (so it does not name the committee). */
  impact: string | null;
  conversion: { on: string } | null;
}

export interface PaperForProposals {
  committee: string;
  classification: string;
  period: { from: string; to: string };
}

/** The candidates the paper presents, in number order (as the paper lists them, raised before converted). */
export function proposalsPaperPresents<T extends PaperProposalCandidate>(
  register: RegisterVocabulary,
  paper: PaperForProposals,
  candidates: readonly T[],
): T[] {
  const within = (day: string) => day >= paper.period.from && day <= paper.period.to;
  const entries: { candidate: T; number: number; converted: boolean }[] = [];
  for (const candidate of candidates) {
    const m = register.proposalReference.exec(candidate.reference);
    if (!m) continue;
    const [, prefix = '', digits = '', letter = ''] = m;
    if (letter || (prefix !== register.draftPrefix && prefix !== register.convertedPrefix)) continue;
    const converted = candidate.conversion !== null && within(candidate.conversion.on);
    if (!converted && !within(candidate.raised)) continue;
    const shown = `${converted ? register.convertedPrefix : register.draftPrefix}${digits}`;
    const omitted = leftOutOfPaper(
      register,
      { committee: paper.committee, classification: paper.classification },
      { classification: candidate.classification, namesCommittee: candidate.impact !== null },
      shown,
    );
    if (!omitted) entries.push({ candidate, number: Number(digits), converted });
  }
  return entries
    .sort((a, b) => Number(a.converted) - Number(b.converted) || a.number - b.number)
    .map((e) => e.candidate);
}
