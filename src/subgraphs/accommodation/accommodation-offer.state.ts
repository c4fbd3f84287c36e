import { OfferStatus as S } from './accommodation.enums';
import { StateMachine, type TransitionTable } from './state-machine';

/**
 * A provider's offer of an address.
 *   MADE          waiting for the case manager
 *   ACCEPTED      chosen; the address is being visited and checked
 *   CONFIRMED     the child's release address
 *   NOT_ACCEPTED  another offer was accepted, or the request was withdrawn or closed
 *   FELL_THROUGH  accepted or confirmed, then the request was re-opened or withdrawn
 */
const TRANSITIONS: TransitionTable<S> = {
  [S.MADE]: [S.ACCEPTED, S.NOT_ACCEPTED],
  [S.ACCEPTED]: [S.CONFIRMED, S.FELL_THROUGH],
  [S.CONFIRMED]: [S.FELL_THROUGH],
  [S.NOT_ACCEPTED]: [],
  [S.FELL_THROUGH]: [],
};

export const accommodationOfferStates: StateMachine<S> = new StateMachine<S>('The accommodation offer', TRANSITIONS);

/** Offers still in play: at most one per provider's part of a request. */
export const LIVE_OFFER_STATUSES: readonly S[] = [S.MADE, S.ACCEPTED, S.CONFIRMED];
