// Results cross every process boundary as values, never as thrown errors (Signal's SQL channel does the same).

export const ERROR_CODES = [
  'UNKNOWN_CALL',
  'INVALID_INPUT',
  'NOT_FOUND',
  'ILLEGAL_TRANSITION',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'STORAGE_ERROR',
  'TOO_LARGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppError = { code: ErrorCode; message: string; details?: unknown };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const err = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** A domain failure raised inside core; the boundary turns it into an `err` result. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
