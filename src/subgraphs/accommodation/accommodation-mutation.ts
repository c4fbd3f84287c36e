import type { RequestContext } from '../../shared/auth/request-context';
import { AccommodationStore } from './accommodation.store';
import { claimIdempotencyKey, parseIdempotencyKey, storeIdempotentAnswer, type StoredAnswer } from './idempotency';

export interface MutationCall<I> {
  /** The GraphQL mutation's name: the idempotency key's operation and the audit resource. */
  operation: string;
  input: I;
  idempotencyKey?: string | null;
}

/**
 * Runs one accommodation mutation in a savepoint: everything it writes (rows, outbox events, the
 * idempotency answer) lands together or not at all. A retry with the same key and input returns
 * the first answer without acting; the same key with another input is a CONFLICT.
 */
export async function runMutation<I, A extends StoredAnswer>(
  ctx: RequestContext,
  call: MutationCall<I>,
  work: (store: AccommodationStore) => Promise<A>,
): Promise<A> {
  const key = parseIdempotencyKey(call.idempotencyKey);
  return ctx.tx.atomically(async (db) => {
    const claim = key ? await claimIdempotencyKey(db, ctx.principal, key, call.operation, call.input) : null;
    if (claim?.kind === 'replay') return claim.answer as A;
    const answer = await work(new AccommodationStore(ctx, db));
    if (claim) await storeIdempotentAnswer(db, claim.id, answer);
    return answer;
  });
}
