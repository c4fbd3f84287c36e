import { AccommodationRequestStatus as S } from './accommodation.enums';
import { StateMachine, type TransitionTable } from './state-machine';

/**
 * An accommodation request, from referral to the outcome at release.
 *   OPEN            sent to providers, waiting for offers
 *   OFFER_ACCEPTED  the case manager accepted one offer; the address is being checked
 *   CONFIRMED       the address is the child's release address
 *   WITHDRAWN       no longer needed (may be re-opened)
 *   CLOSED          the outcome at release is recorded; nothing more happens
 * Re-opening an accepted or confirmed request means the address fell through.
 */
const TRANSITIONS: TransitionTable<S> = {
  [S.OPEN]: [S.OFFER_ACCEPTED, S.WITHDRAWN, S.CLOSED],
  [S.OFFER_ACCEPTED]: [S.CONFIRMED, S.OPEN, S.WITHDRAWN, S.CLOSED],
  [S.CONFIRMED]: [S.OPEN, S.WITHDRAWN, S.CLOSED],
  [S.WITHDRAWN]: [S.OPEN, S.CLOSED],
  [S.CLOSED]: [],
};

export const accommodationRequestStates: StateMachine<S> = new StateMachine<S>('The accommodation request', TRANSITIONS);

/** Statuses in which the search is still under way (one such request per child). */
export const ACTIVE_REQUEST_STATUSES: readonly S[] = [S.OPEN, S.OFFER_ACCEPTED, S.CONFIRMED];
