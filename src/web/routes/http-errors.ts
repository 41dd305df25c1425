// The API's error codes and their HTTP statuses, in one place. Bodies are `{ error: { code, message } }`.

export const API_ERRORS = {
  'proposal.not_found': 404,
  'route.not_found': 404,
  'request.invalid': 400,
  'request.failed': 400,
  'server.error': 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function apiErrorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

export function apiErrorStatus(code: ApiErrorCode): number {
  return API_ERRORS[code];
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}
