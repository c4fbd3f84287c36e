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
