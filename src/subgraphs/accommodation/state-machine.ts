import { DomainError } from '../../shared/errors/domain.error';

/** A transition table: for each state, the states it may move to. Anything else is impossible. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** The error every impossible transition answers with; thrown before anything is written. */
export class InvalidTransitionError extends DomainError {
  constructor(what: string, from: string, to: string, reason?: string) {
    super('INVALID_TRANSITION', `${what} cannot go from ${from} to ${to}${reason ? ` (${reason})` : ''}`, {
      from,
      to,
      ...(reason ? { reason } : {}),
    });
  }
}

export class StateMachine<S extends string> {
  constructor(
    /** Named in the error, e.g. "The accommodation request". */
    readonly what: string,
    private readonly table: TransitionTable<S>,
  ) {}

  canMove(from: S, to: S): boolean {
    return (this.table[from] ?? []).includes(to);
  }

  /** Throws INVALID_TRANSITION with `{ from, to }` unless the table allows the move. */
  assertMove(from: S, to: S): void {
    if (!this.canMove(from, to)) throw new InvalidTransitionError(this.what, from, to);
  }

  /** A transition the table allows but a guard refuses (e.g. an address not yet visited). */
  refuse(from: S, to: S, reason: string): never {
    throw new InvalidTransitionError(this.what, from, to, reason);
  }

  /** Every state the table names, for tests that walk it. */
  get states(): S[] {
    return Object.keys(this.table) as S[];
  }
}
