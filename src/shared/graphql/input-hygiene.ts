import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { ValidationError } from '../errors/domain.error';

/** Deeper than any real input (a meeting outcome's actions are 4 levels down); a bomb beyond. */
export const MAX_VARIABLE_NESTING = 32;

/**
 * Text the hub refuses wherever it appears in a request, before any resolver runs: NUL (PostgreSQL
 * cannot store it, so it would surface as an internal error), the other C0 control characters
 * except tab, line feed and carriage return, and lone UTF-16 surrogates (not text at all: stored,
 * they would silently become U+FFFD). Other Unicode, right-to-left marks and combining characters
 * included, is somebody's language and is kept as sent.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function inputHygienePlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = variableProblem(request.variables ?? {}) ?? literalProblem(document);
          if (problem) {
            const error = new ValidationError(problem.field, problem.problem);
            throw new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
          }
        },
      };
    },
  };
}

interface Problem {
  field: string;
  problem: string;
}

/** Walks the variables without recursion, so nesting itself cannot exhaust the stack. */
export function variableProblem(variables: Record<string, unknown>): Problem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = Object.entries(variables).map(([k, value]) => ({ value, path: k, depth: 1 }));
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (depth > MAX_VARIABLE_NESTING) return { field: path.split('.')[0], problem: `nested more than ${MAX_VARIABLE_NESTING} levels deep` };
    if (typeof value === 'string') {
      if (FORBIDDEN_TEXT.test(value)) return { field: path, problem: 'contains control characters or malformed Unicode' };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}.${i}`, depth: depth + 1 }));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN_TEXT.test(key)) return { field: path, problem: 'contains control characters or malformed Unicode' };
        stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Apollo keeps one parsed document per query text, so each document is walked once. */
const literalProblems = new WeakMap<DocumentNode, Problem | null>();

/** String literals written into the document itself (`explanation: "…\u0000…"`). */
function literalProblem(document: DocumentNode): Problem | undefined {
  let known = literalProblems.get(document);
  if (known === undefined) literalProblems.set(document, (known = findLiteralProblem(document) ?? null));
  return known ?? undefined;
}

function findLiteralProblem(document: DocumentNode): Problem | undefined {
  let found: Problem | undefined;
  visit(document, {
    [Kind.ARGUMENT](node) {
      if (found) return false;
      visit(node.value, {
        [Kind.STRING](literal) {
          if (!found && FORBIDDEN_TEXT.test(literal.value)) found = { field: node.name.value, problem: 'contains control characters or malformed Unicode' };
        },
      });
      return false;
    },
  });
  return found;
}
