// A committee paper's reference, as the code administrator writes it: COMMITTEE_meeting_DDMM_item.
// OPSG_26_0511_16 is item 16 of the Operations Group's 26th meeting, held on 5 November. Pure.

export interface PaperReferenceParts {
  /** The committee's reference: OPSG. */
  committee: string;
  /** The meeting's number: 26. */
  meeting: number;
  /** The meeting's date, YYYY-MM-DD: its day and month make the DDMM part. */
  meetingDate: string;
  /** The agenda item: 16. */
  item: number;
}

export class PaperReferenceError extends Error {
  readonly code = 'paper.invalid_reference_parts';
  readonly status = 400;
  override name = 'PaperReferenceError';
}

const ISO_DATE = /^\d{4}-(\d{2})-(\d{2})$/;

/** `OPSG_26_0511_16` from the committee, the meeting's number and date, and the agenda item. */
export function paperReference(parts: PaperReferenceParts): string {
  const committee = parts.committee.trim();
  if (!/^[A-Za-z0-9-]+$/.test(committee))
    throw new PaperReferenceError(
      `A committee reference is letters and digits, not ${JSON.stringify(parts.committee)}.`,
    );
  for (const [what, n] of [
    ['meeting number', parts.meeting],
    ['agenda item', parts.item],
  ] as const)
    if (!Number.isInteger(n) || n < 1)
      throw new PaperReferenceError(`The ${what} must be a whole number from 1, not ${n}.`);
  const date = ISO_DATE.exec(parts.meetingDate);
  const [, month = '', day = ''] = date ?? [];
  if (!date || Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31)
    throw new PaperReferenceError(
      `The meeting date must be YYYY-MM-DD, not ${JSON.stringify(parts.meetingDate)}.`,
    );
  return `${committee}_${parts.meeting}_${day}${month}_${parts.item}`;
}
