// The API's error codes and their HTTP statuses, in one place. Bodies are `{ error: { code, message } }`.

export const API_ERRORS = {
  'action.not_found': 404,
  'auth.forbidden': 403,
  'auth.required': 401,
  'committee.not_found': 404,
  'event.not_allowed': 403,
  'following.invalid': 400,
  'meeting.invalid_decision': 400,
  'meeting.not_found': 404,
  'problem_statement.invalid': 400,
  'problem_statement.not_allowed_now': 409,
  'proposal.invalid_event': 400,
  'proposal.invalid_transition': 409,
  'proposal.not_found': 404,
  'route.not_found': 404,
  'request.invalid': 400,
  'request.failed': 400,
  'server.error': 500,
  'view.invalid': 400,
  'view.not_allowed': 403,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string } & Record<string, unknown>;
}

/** The error body, with what a client needs beside the message (the field, the reason, the events allowed now). */
export function apiErrorBody(
  code: ApiErrorCode,
  message: string,
  detail: Record<string, unknown> = {},
): ApiErrorBody {
  return { error: { ...detail, code, message } };
}

export function apiErrorStatus(code: ApiErrorCode): number {
  return API_ERRORS[code];
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}
