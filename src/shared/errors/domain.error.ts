export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'CONSENT_REQUIRED'
  | 'INVALID_TRANSITION'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_LIMIT_EXCEEDED'
  | 'RATE_LIMITED'
  | 'CURSOR_EXPIRED'
  | 'INTERNAL';

/** Base of every error the hub means to show a caller: a stable code and a safe message. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found`);
  }
}

export class ValidationError extends DomainError {
  constructor(field: string, problem: string) {
    super('VALIDATION_FAILED', `${field}: ${problem}`, { field });
  }
}
