/**
 * An error with a stable code. The code is also the locale key of the message a person sees, so the
 * layer that talks to people can translate it, and logs and tests can match on it.
 */
export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;

  constructor(code: string, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(code, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

/** Narrows an unknown thrown value to an AppError. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
