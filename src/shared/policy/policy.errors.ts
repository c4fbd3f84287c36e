import { DomainError } from '../errors/domain.error';
import type { DenialReason } from './child-access-decision';
import type { DataScope } from './data-scope';

/** A field outside the caller's allowed scopes: null at that path, with the reason. */
export class ScopeForbiddenError extends DomainError {
  constructor(scope: DataScope, reason: DenialReason) {
    super('FORBIDDEN', `Not shared with you: ${scope} (${reason})`, { reason, scope });
  }
}

/** An action the caller's role or relationship does not allow. */
export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', reason: DenialReason = 'NOT_PERMITTED') {
    super('FORBIDDEN', message, { reason });
  }
}
