/** Stable codes for the ways a calendar question can be wrong; each message names the bad value. */
export type CalendarErrorCode =
  | 'calendar.invalid_date'
  | 'calendar.year_out_of_range'
  | 'calendar.unknown_region'
  | 'calendar.invalid_count'
  | 'calendar.invalid_closure';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

/** A value as it reads in a message: strings quoted, anything else as JavaScript prints it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return Object.prototype.toString.call(value);
  return String(value);
}
