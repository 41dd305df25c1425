export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** A failure the user can fix from the message alone: printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}
/** sysexits.h, for a mail system piping to `modgov mail receive`: bad data, no such user, try again, config. */
export const SYSEXITS = { dataErr: 65, noUser: 67, tempFail: 75, config: 78 } as const;
