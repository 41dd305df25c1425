// The address a committee member replies to with their views: the configured address (MODGOV_VIEWS_REPLY_TO,
// views@example.org) with a token as its sub-address (views+<token>@example.org, RFC 5233), one per request.
// Mail systems deliver views+anything to views, and some lower-case local parts on the way, so a token is lower
// case letters and digits only. Finding it again in a message: the first address the message was sent to (To,
// Cc, Delivered-To, X-Original-To) whose local part starts with the configured local part and '+'. Pure.

export interface ReplyAddressBase {
  /** views */
  local: string;
  /** example.org */
  domain: string;
}

/** A token as it is put in an address: lower-case letters and digits (the caller makes 32 hex digits). */
export const REPLY_TOKEN_PATTERN = /^[a-z0-9]{16,64}$/;

/**
 * MODGOV_VIEWS_REPLY_TO as a base address, or the reason it is not one. It must be a plain address with no
 * sub-address of its own: the token is added as one.
 */
export function parseReplyAddressBase(
  value: string | undefined,
): { ok: true; base: ReplyAddressBase } | { ok: false; reason: string } {
  const setting = 'MODGOV_VIEWS_REPLY_TO';
  const trimmed = (value ?? '').trim();
  if (!trimmed)
    return {
      ok: false,
      reason: `Requests for views by e-mail need ${setting}: the address replies go to, such as views@example.org, delivered to \`modgov mail receive\`. It is not set.`,
    };
  const m = /^([A-Za-z0-9!#$%&'*/=?^_`{|}~.-]+)@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/.exec(trimmed);
  if (!m?.[1] || !m[2])
    return {
      ok: false,
      reason: `${setting} must be one plain e-mail address, such as views@example.org, not "${trimmed}".`,
    };
  if (m[1].startsWith('.') || m[1].endsWith('.') || m[1].includes('..'))
    return { ok: false, reason: `${setting}: "${trimmed}" is not a valid e-mail address.` };
  return { ok: true, base: { local: m[1], domain: m[2] } };
}

/** views+<token>@example.org */
export function replyAddressFor(base: ReplyAddressBase, token: string): string {
  return `${base.local}+${token}@${base.domain}`;
}

/**
 * The token of the first of `addresses` that is a reply address of `base` (compared without regard to case:
 * views+TOKEN@Example.ORG finds "token"); null when none is. A sub-address that is not a well-formed token is
 * still returned (lower-cased), so the caller answers "unknown" rather than "not for us".
 */
export function findReplyToken(base: ReplyAddressBase, addresses: readonly string[]): string | null {
  const prefix = `${base.local.toLowerCase()}+`;
  for (const raw of addresses) {
    const address = raw.trim().replace(/^<|>$/g, '').toLowerCase();
    const at = address.lastIndexOf('@');
    if (at < 0) continue;
    const local = address.slice(0, at);
    if (!local.startsWith(prefix)) continue;
    const token = local.slice(prefix.length);
    if (token) return token;
  }
  return null;
}
