// The errors of the administrator's user use cases (update, disable, revoke sessions, send a link), each with
// a stable code and an HTTP status. Input errors are add-user.ts's UserInputError.

export class UserNotFoundError extends Error {
  readonly code = 'user.not_found';
  readonly status = 404;
  override name = 'UserNotFoundError';
  constructor(userId: number) {
    super(`There is no user ${userId}.`);
  }
}

/** An administrator may not lock themselves out: disable their own account or drop their own administrator role. */
export class OwnAccountError extends Error {
  readonly code = 'user.own_account';
  readonly status = 409;
  override name = 'OwnAccountError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** A disabled user cannot be sent a link to set a password: enable them first. */
export class UserDisabledError extends Error {
  readonly code = 'user.disabled';
  readonly status = 409;
  override name = 'UserDisabledError';
  readonly field = 'send-link';
  constructor(email: string) {
    super(`${email} is disabled: enable them before sending a link to set a password.`);
  }
}
