// What the engagement API's routes share (engagement-api.ts): a JSON body read against the fields it may
// carry (an unknown field, or one of the wrong type, is refused naming it), the refusals every write gives in
// the same order as the views API (views-api.ts): 401 for the anonymous before the CSRF check, then 403 for a
// signed-in user who is not of the administrator's staff, and the error bodies (`{ error: { code, message,
// field?, problems? } }`, the codes in http-errors.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInUser } from '../auth.ts';
import { apiErrorBody, apiErrorStatus, type ApiErrorCode } from './http-errors.ts';

/** A field's kind: a string; a date as YYYY-MM-DD (the use case checks it is real); a whole number from 1. */
export type FieldKind = 'text' | 'date' | 'whole';

export interface FieldSpec {
  kind: FieldKind;
  /** Must be given (else the use case says what is missing, naming the field). */
  required?: boolean;
}

export type BodySpec = Readonly<Record<string, FieldSpec>>;

/** The fields given, each as its kind: a whole number as a number, the others as strings. */
export type ParsedBody<S extends BodySpec> = {
  [K in keyof S]?: S[K]['kind'] extends 'whole' ? number : string;
};

export interface BodyProblem {
  field: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The largest whole number a body may give (nine digits, as the CLI takes): the columns are 32-bit integers. */
export const MAX_WHOLE_NUMBER = 999_999_999;

/** A whole number from 1 to MAX_WHOLE_NUMBER, as a JSON body gives it. */
export const isWholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_WHOLE_NUMBER;

export const WHOLE_NUMBER_MESSAGE = (name: string) =>
  `"${name}" must be a whole number from 1 to ${MAX_WHOLE_NUMBER.toLocaleString('en-GB')}.`;

/**
 * The JSON body as the declared fields, or the first field that is wrong and why. A field given as null is
 * taken as not given; no body at all is an empty object (so a field that must be given is named). `_csrf`,
 * which src/web/auth.ts accepts in a body in place of the `x-csrf-token` header, is not a field: passed over.
 */
export function parseJsonBody<S extends BodySpec>(
  body: unknown,
  spec: S,
  what: string,
): { ok: true; value: ParsedBody<S> } | ({ ok: false } & BodyProblem) {
  const names = Object.keys(spec);
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body)))
    return {
      ok: false,
      field: names[0] ?? 'body',
      message: `Send a JSON object with the fields of ${what}: ${names.join(', ')}.`,
    };
  const given = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(given)) {
    if (name === '_csrf') continue;
    const field = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!field)
      return {
        ok: false,
        field: name,
        message: `"${name}" is not a field of ${what}; its fields are ${names.join(', ')}.`,
      };
    if (value === undefined || value === null) continue;
    if (field.kind === 'whole') {
      if (!isWholeNumber(value)) return { ok: false, field: name, message: WHOLE_NUMBER_MESSAGE(name) };
      out[name] = value;
    } else if (typeof value !== 'string')
      return { ok: false, field: name, message: `"${name}" must be a string.` };
    else if (field.kind === 'date' && !DATE.test(value))
      return { ok: false, field: name, message: `"${name}" must be a date as YYYY-MM-DD, not "${value}".` };
    else out[name] = value;
  }
  for (const [name, field] of Object.entries(spec))
    if (field.required && !(name in out))
      return { ok: false, field: name, message: `Give "${name}": ${what} needs it.` };
  return { ok: true, value: out as ParsedBody<S> };
}

/** Sends an API error with its code’s status (a use case’s code is one of the API’s, with its status). */
export function sendApiError(
  reply: FastifyReply,
  code: ApiErrorCode,
  message: string,
  detail: Record<string, unknown> = {},
): FastifyReply {
  return reply.code(apiErrorStatus(code)).send(apiErrorBody(code, message, detail));
}

/** A refused body: 400 `request.invalid`, naming the field. */
export const sendBodyProblem = (reply: FastifyReply, problem: BodyProblem): FastifyReply =>
  sendApiError(reply, 'request.invalid', problem.message, { field: problem.field });

/** The 404 for a proposal that is not there or that this viewer may not see: the same body for both. */
export const sendProposalNotFound = (reply: FastifyReply, reference: string): FastifyReply =>
  sendApiError(reply, 'proposal.not_found', `No proposal ${reference}`);

/**
 * The route options of a write: the anonymous public is told to sign in (401) before the CSRF check, so it is
 * not told that its token is wrong.
 */
export function signInFirst(what: string) {
  return {
    preValidation: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.user) return sendApiError(reply, 'auth.required', `Sign in to ${what}.`);
    },
  };
}

/**
 * The signed-in member of staff making this request, or null once the refusal is sent: 401 for the anonymous
 * (signInFirst has sent it already), 403 for a user `allowed` says no to (the same function from
 * src/domain/access/can.ts that the web form asks).
 */
export function staffOrRefuse(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: (user: SignedInUser) => boolean,
  what: string,
): SignedInUser | null {
  const user = request.user;
  if (!user) {
    void sendApiError(reply, 'auth.required', `Sign in to ${what}.`);
    return null;
  }
  if (!allowed(user)) {
    void sendApiError(
      reply,
      'auth.forbidden',
      `Only the code administrator’s staff (administrators and analysts) can ${what}.`,
    );
    return null;
  }
  return user;
}

/** A path parameter that must be a whole number from 1: the number, or null. */
export const wholeParam = (raw: string): number | null => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);
