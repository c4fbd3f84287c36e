import { GraphQLError } from 'graphql';
import { DomainError, NotFoundError } from '../../src/shared/errors/domain.error';
import { INTERNAL_MESSAGE, toPublicError } from '../../src/shared/graphql/public-error';

const formatted = (error: GraphQLError) => error.toJSON();

it('keeps a domain error’s code and message', () => {
  const error = new GraphQLError('x', { originalError: new NotFoundError('Child'), path: ['child'] });
  expect(toPublicError(formatted(error), error)).toEqual({
    message: 'Child was not found', path: ['child'], locations: undefined, extensions: { code: 'NOT_FOUND' },
  });
});

it('masks anything unexpected as INTERNAL without its message, stack or SQL', () => {
  const cause = new Error('duplicate key value violates unique constraint "child_pkey" SELECT * FROM child');
  const error = new GraphQLError(cause.message, { originalError: cause, extensions: { stacktrace: ['at x'] } });
  const result = toPublicError(formatted(error), error);
  expect(result).toEqual({ message: INTERNAL_MESSAGE, path: undefined, locations: undefined, extensions: { code: 'INTERNAL' } });
});

it('keeps GraphQL request errors but drops extension keys that could carry internals', () => {
  const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', response: { url: 'http://cases:4001/graphql' } },
  });
  expect(toPublicError(formatted(error), error).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
});

it('keeps extra extensions a domain error chose to expose', () => {
  const error = new GraphQLError('x', { originalError: new DomainError('CONFLICT', 'Stale version', { currentVersion: 3 }) });
  expect(toPublicError(formatted(error), error).extensions).toEqual({ code: 'CONFLICT', currentVersion: 3 });
});

describe('hardening', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['PostgreSQL starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a wrapped driver error', Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: '08006' }) })],
  ])('answers SERVICE_UNAVAILABLE, without detail, for %s', (_name, cause) => {
    const error = new GraphQLError(cause.message, { originalError: cause, path: ['child'] });
    expect(toPublicError(formatted(error), error).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(toPublicError(formatted(error), error).message).not.toMatch(/5432|ECONN|terminat|timeout/);
  });

  it('still masks a query error that is not about the connection', () => {
    const cause = Object.assign(new Error('relation "alert" does not exist'), { code: '42P01' });
    const error = new GraphQLError(cause.message, { originalError: cause });
    expect(toPublicError(formatted(error), error).extensions).toEqual({ code: 'INTERNAL' });
  });

  it('names the token limit as QUERY_LIMIT_EXCEEDED when parsing stops there', () => {
    const error = new GraphQLError('Syntax Error: Document contains more that 1000 tokens. Parsing aborted.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(toPublicError(formatted(error), error).extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens' });
  });

  it('keeps RATE_LIMITED and its retry time', () => {
    const error = new GraphQLError('Too many requests', { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12, http: { status: 429 } } });
    expect(toPublicError(formatted(error), error).extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 12 });
  });
});
