/**
 * What `iproxy` exits with, and the errors that carry an exit code. Scripts branch on these, so they never change:
 * 0 all done, 1 some check or action failed (or the API could not be reached), 2 usage (a flag or value is wrong),
 * 3 authentication (a key that is missing or rejected), 130 interrupted (Ctrl-C).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, interrupted: 130 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** An expected failure: printed as `iproxy: <message>` with no stack, then the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT.usage, 'usage', message)
export const authError = (code: string, message: string): CliError => new CliError(EXIT.auth, code, message)
