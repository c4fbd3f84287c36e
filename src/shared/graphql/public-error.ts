import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { isConnectionFailure } from '../db/connection-errors';
import { DomainError } from '../errors/domain.error';

/** Codes a caller may see, with the message that came with them. Anything else becomes INTERNAL. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'CONFLICT', 'CONSENT_REQUIRED',
  'INVALID_TRANSITION', 'SERVICE_UNAVAILABLE', 'PERSISTED_QUERY_NOT_ALLOWED',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_LIMIT_EXCEEDED', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'CURSOR_EXPIRED',
]);
/** Extension keys that carry no internals (no stack, no SQL, no upstream URLs). */
const PUBLIC_EXTENSIONS = new Set([
  'code', 'reason', 'field', 'fields', 'currentVersion', 'scope', 'correlationId', 'limit', 'retryAfterSeconds',
  // INVALID_TRANSITION names the states it refused to move between (codes, never data).
  'from', 'to',
]);

export const UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable; please try again shortly';
/** graphql-js's message when parsing stops at `maxTokens` (request-limits.ts); it spells "more that". */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th[a-z]+ (\d+) tokens/;

export const INTERNAL_MESSAGE = 'Something went wrong on our side; quote the correlation id when reporting it';

/**
 * The one place that decides what an error looks like to a caller: domain errors keep their code
 * and message, GraphQL's own request errors keep theirs, and everything else is masked.
 */
export function toPublicError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : unwrapResolverError(error);
  if (original instanceof DomainError) {
    return shape(formatted, original.message, { ...original.extensions, code: original.code });
  }
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors.map((e) => e.property);
    const detail = original.extensions.validationErrors
      .map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`)
      .join('; ');
    return shape(formatted, `Invalid input: ${detail}`, { code: 'VALIDATION_FAILED', fields });
  }
  if (isConnectionFailure(original)) {
    return shape(formatted, UNAVAILABLE_MESSAGE, { code: 'SERVICE_UNAVAILABLE' });
  }
  const code = formatted.extensions?.code;
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    return shape(formatted, `The request exceeds the tokens limit of ${tokens[1]}`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens' });
  }
  if (code === 'BAD_USER_INPUT') {
    // A variable GraphQL could not coerce (unknown enum value, impossible date, missing field) is
    // bad input like any other: VALIDATION_FAILED, naming the field.
    return shape(formatted, formatted.message, { code: 'VALIDATION_FAILED', field: coercedField(formatted.message) });
  }
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    return shape(formatted, formatted.message, publicExtensions(formatted.extensions ?? {}));
  }
  return shape(formatted, INTERNAL_MESSAGE, { code: 'INTERNAL' });
}

/** `…got invalid value "X" at "input.releaseType"…` → releaseType; `Variable "$id" …` → id. */
function coercedField(message: string): string | undefined {
  const at = /at "([^"]+)"/.exec(message)?.[1];
  if (at) return at.split('.').filter((part) => !/^\d+$/.test(part)).at(-1);
  return /Variable "\$([A-Za-z0-9_]+)"/.exec(message)?.[1];
}

export function isMaskedInternal(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === 'INTERNAL';
}

function shape(formatted: GraphQLFormattedError, message: string, extensions: Record<string, unknown>) {
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}

function publicExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
}
