import { DomainError } from '../errors/domain.error';

/** Always answered as UNAUTHENTICATED with one generic message; `detail` is for the log only. */
export class AuthenticationError extends DomainError {
  constructor(readonly detail: string) {
    super('UNAUTHENTICATED', 'A valid bearer token is required');
  }
}
