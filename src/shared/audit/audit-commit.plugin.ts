import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../auth/request-context';
import type { Logger } from '../logging/logger';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from './audit-entry';
import { prepareAuditAppend } from './audit-writer';

/**
 * How a request's entries reach the log: it may return the statement that completes the append,
 * sent with the COMMIT in one round trip. Only the benchmark swaps it, to measure the log's price.
 */
export type AuditAppender = (db: EntityManager, entries: AuditEntry[]) => Promise<string | null | void>;

export const AUDIT_UNAVAILABLE_MESSAGE =
  'The disclosure log could not be written, so nothing was returned or changed; please try again';
export const REQUEST_FAILED_MESSAGE = 'The request failed, so nothing was returned or changed';

/** PostgreSQL's "current transaction is aborted": an earlier statement of the request already failed. */
const TRANSACTION_ABORTED = '25P02';

/**
 * Ends every request's transaction: writes its audit entries (one batched insert, sent with the COMMIT).
 * If the audit cannot be written the transaction rolls back and the response is replaced, so no
 * data leaves and no write lands without its record.
 */
export function auditCommitPlugin(logger: Logger, append: AuditAppender = prepareAuditAppend): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const ctx = contextValue?.request;
          if (!ctx) return;
          try {
            const completion = ctx.audit.isEmpty ? null : await append(await ctx.tx.manager(), ctx.audit.toEntries(ctx, ctx.purpose));
            await ctx.tx.commit(completion ?? undefined);
          } catch (error) {
            await ctx.tx.rollback();
            // Either way nothing can be recorded, so nothing leaves; but a query that failed earlier is
            // the request's own fault (INTERNAL, logged where it happened), not the log's unavailability.
            const failedEarlier = (error as { code?: unknown }).code === TRANSACTION_ABORTED;
            logger.error({ correlationId: ctx.correlationId, err: error }, failedEarlier ? 'request failed; response withheld' : 'audit write failed; response withheld');
            response.http.status = failedEarlier ? 500 : 503;
            const [message, code] = failedEarlier ? [REQUEST_FAILED_MESSAGE, 'INTERNAL'] : [AUDIT_UNAVAILABLE_MESSAGE, 'SERVICE_UNAVAILABLE'];
            response.body = {
              kind: 'single',
              singleResult: { data: null, errors: [{ message, extensions: { code, correlationId: ctx.correlationId } }] },
            };
          }
        },
      };
    },
  };
}
