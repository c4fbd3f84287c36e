import { DomainError } from './domain.error';

/** The record changed since the caller read it: reload at `currentVersion` and decide again. */
export class ConflictError extends DomainError {
  constructor(what: string, currentVersion: number | string | null) {
    super('CONFLICT', `${what} was changed by someone else since you read it; reload it and try again`, { currentVersion });
  }
}

/** The record's state does not allow this step (e.g. handing over before joint working); `from`/`to` are state codes. */
export class InvalidTransitionError extends DomainError {
  constructor(message: string, states: { from: string; to?: string }) {
    super('INVALID_TRANSITION', message, states.to ? { from: states.from, to: states.to } : { from: states.from });
  }
}
