import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging/logger';
import { DomainError } from '../errors/domain.error';

interface ContextWithCorrelation {
  correlationId: string;
}

/**
 * Logs unexpected errors once, with the correlation id (never the query's variables), and puts
 * the correlation id on every error the caller receives so support can find the log line.
 */
export function errorReportingPlugin<T>(
  logger: Logger,
  correlationOf: (context: T) => ContextWithCorrelation | undefined,
): ApolloServerPlugin<T & object> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          const correlationId = correlationOf(contextValue)?.correlationId;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof DomainError) continue;
            if (!error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR') {
              logger.error(
                { correlationId, operationName, err: original instanceof Error ? original : undefined, path: error.path },
                'unexpected error',
              );
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          const correlationId = correlationOf(contextValue)?.correlationId;
          if (response.body.kind !== 'single' || !response.body.singleResult.errors || !correlationId) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, correlationId },
          }));
        },
      };
    },
  };
}
