import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { RequestLimitSettings } from '../config';
import { DomainError } from '../errors/domain.error';
import { inputHygienePlugin } from './input-hygiene';
import { operationCost } from './query-cost';

/**
 * What one GraphQL request may ask for. The gateway and every subgraph apply the same limits, so a
 * subgraph reached directly is as hard to overload as one reached through the gateway. Defaults
 * (src/shared/config.ts), measured against every query the test suite sends, gateway and subgraph
 * fetches alike (SECURITY.md says what each protects):
 *
 * - body 2 MB: the largest real body is a partner system's bulk upsert of 500 pathway updates
 *   (about 85 KB with one-line summaries; each summary may hold 4,000 characters, so a batch of long
 *   ones must be split); everything else is under 20 KB.
 * - depth 10: the deepest real query has 7 levels (accommodationRequests → edges → node → referral
 *   → placementRisks → licenceConditions → kind); fragments do not count as a level.
 * - cost 20,000 (query-cost.ts): the open accommodation requests with recipients and threads cost
 *   about 5,100 for 50 rows (10,200 for a full page of 100), the access matrix's 100 children with
 *   their access 3,800, the caseload with readiness for 100 rows 2,400. A child's timeline inside
 *   every child of a full page (100 × 100) costs about 70,000 and is refused.
 * - aliases 15, directives 10: real queries use none; more is a bomb (`a1: child… a999: child…`).
 * - tokens 1,000: the largest real document has 75 tokens, the full introspection query 183;
 *   parsing stops at the limit, so a huge document costs little to refuse.
 */
export interface RequestLimits {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  bodyLimitBytes: number;
}

export type QueryLimit = 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens';

export function requestLimits(settings: RequestLimitSettings, options: { production: boolean }): RequestLimits {
  const reject = (limit: QueryLimit) => [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(limit, error.message)),
  ];
  const armor = new ApolloArmor({
    // graphql-js's own parser enforces the token limit (parseOptions below) with a clean 400.
    maxTokens: { enabled: false },
    // Variable-blind, so replaced by query-cost.ts (see costLimitPlugin).
    costLimit: { enabled: false },
    maxDepth: { n: settings.maxDepth, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: reject('depth') },
    maxAliases: { n: settings.maxAliases, propagateOnRejection: false, onReject: reject('aliases') },
    maxDirectives: { n: settings.maxDirectives, propagateOnRejection: false, onReject: reject('directives') },
    // Without introspection, "Did you mean…" would still reveal the schema field by field.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  return {
    parseOptions: { maxTokens: settings.maxTokens },
    validationRules: armor.validationRules,
    // Input hygiene first: no later hook should walk variables nested 40,000 levels deep.
    plugins: [inputHygienePlugin(), ...armor.plugins, costLimitPlugin(settings.maxCost)],
    bodyLimitBytes: settings.bodyLimitBytes,
  };
}

/** Refuses an operation whose estimated cost (with its variables) is over the limit, before it runs. */
function costLimitPlugin(maxCost: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) throw limitError('cost', `Query cost limit of ${maxCost} exceeded, found ${cost}.`);
        },
      };
    },
  };
}

/**
 * A GraphQL error carrying a domain error, so public-error.ts shows it as QUERY_LIMIT_EXCEEDED with
 * the limit's name (Apollo would otherwise relabel a validation error GRAPHQL_VALIDATION_FAILED).
 */
export function limitError(limit: QueryLimit, detail: string): GraphQLError {
  const message = `The request exceeds the ${limit} limit: ${detail.replace(/^Syntax Error: /, '')}`;
  return new GraphQLError(message, {
    originalError: new DomainError('QUERY_LIMIT_EXCEEDED', message, { limit }),
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', http: { status: 400 } },
  });
}
