// Is a message automatic (an out-of-office answer, a bounce, a list's mail, a read receipt)? Such a message is
// ignored, never answered: answering it is how two programs mail each other for ever (RFC 3834). Pure: the
// caller gives the header values it found.

/** The headers that say a message is automatic, as the message has them (absent: undefined). */
export interface LoopHeaders {
  autoSubmitted?: string | undefined;
  precedence?: string | undefined;
  /** The Content-Type, with its parameters: a bounce is multipart/report. */
  contentType?: string | undefined;
  /** The envelope sender as the delivering MTA wrote it: `<>` for a bounce. */
  returnPath?: string | undefined;
  /** The From address. */
  from?: string | undefined;
  /** Set by some responders instead of Auto-Submitted. */
  xAutoreply?: string | undefined;
  xAutorespond?: string | undefined;
  /** A bounce's list of the recipients that failed. */
  xFailedRecipients?: string | undefined;
}

/** Why the message is automatic, in a few words; null when it is a person's. */
export function automaticReason(headers: LoopHeaders): string | null {
  const value = (v: string | undefined) => (v ?? '').trim().toLowerCase();
  const autoSubmitted = value(headers.autoSubmitted).split(';')[0]?.trim() ?? '';
  if (autoSubmitted && autoSubmitted !== 'no') return `it is automatic (Auto-Submitted: ${autoSubmitted})`;
  const precedence = value(headers.precedence);
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `it is automatic (Precedence: ${precedence})`;
  if (value(headers.xAutoreply) || value(headers.xAutorespond)) return 'it is an automatic reply';
  if (value(headers.contentType).startsWith('multipart/report'))
    return 'it is a delivery or read report (multipart/report)';
  if (headers.returnPath !== undefined && /^<?\s*>?$/.test(headers.returnPath.trim()))
    return 'it is a bounce (an empty envelope sender)';
  if (value(headers.xFailedRecipients)) return 'it is a bounce (X-Failed-Recipients)';
  const local = value(headers.from).split('@')[0] ?? '';
  if (local === 'mailer-daemon' || local === 'postmaster') return `it is a bounce (from ${local})`;
  return null;
}
