import { RecipientStatus as S } from './accommodation.enums';
import { StateMachine, type TransitionTable } from './state-machine';

/**
 * One housing provider's part in a request. DECLINED and CLOSED end its access to the child;
 * re-opening the request may address it again (back to SENT).
 */
const TRANSITIONS: TransitionTable<S> = {
  [S.SENT]: [S.ACKNOWLEDGED, S.CLARIFICATION_REQUESTED, S.OFFERED, S.DECLINED, S.CLOSED],
  [S.ACKNOWLEDGED]: [S.CLARIFICATION_REQUESTED, S.OFFERED, S.DECLINED, S.CLOSED],
  // A further question while one is open is allowed; an answer returns the part to ACKNOWLEDGED.
  [S.CLARIFICATION_REQUESTED]: [S.CLARIFICATION_REQUESTED, S.ACKNOWLEDGED, S.OFFERED, S.DECLINED, S.CLOSED],
  [S.OFFERED]: [S.ACCEPTED, S.CLOSED],
  [S.ACCEPTED]: [S.CLOSED],
  [S.DECLINED]: [S.SENT],
  [S.CLOSED]: [S.SENT],
};

export const recipientStates: StateMachine<S> = new StateMachine<S>('The provider’s part of the accommodation request', TRANSITIONS);

/** A provider in one of these still takes part (and still sees the child). */
export const LIVE_RECIPIENT_STATUSES: readonly S[] = [S.SENT, S.ACKNOWLEDGED, S.CLARIFICATION_REQUESTED, S.OFFERED, S.ACCEPTED];
