import { print } from 'graphql';
import type { TadaDocumentNode } from 'gql.tada';

/** One GraphQL error as the hub sends it: a stable code, and for a withheld field the reason. */
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string; fields?: string[]; scope?: string; correlationId?: string; currentVersion?: number };
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

export class SignedOutError extends Error {
  constructor() {
    super('Your session has ended: sign in again');
  }
}

/**
 * POSTs a typed document to the hub's public /graphql with the user's bearer token. Data and
 * errors come back together: a field withheld from this user is null with an error at its path.
 */
export async function request<T, V>(document: TadaDocumentNode<T, V>, variables: V, token: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    return { data: null, errors: [{ message: 'The hub could not be reached. Check your connection and try again.', extensions: { code: 'NETWORK' } }] };
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: ApiError[] };
  const errors = body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) throw new SignedOutError();
  return { data: body.data ?? null, errors };
}

const samePath = (a: readonly (string | number)[] | undefined, b: readonly (string | number)[]) =>
  a !== undefined && a.length === b.length && a.every((part, i) => part === b[i]);

/** The error the hub gave for exactly this field, if any (e.g. ['child', 'health']). */
export function errorAt(errors: readonly ApiError[], path: readonly (string | number)[]): ApiError | undefined {
  return errors.find((e) => samePath(e.path, path));
}

/** Errors not tied to a field of the answer (the whole operation failed). */
export function operationErrors(errors: readonly ApiError[], data: unknown): ApiError[] {
  return data === null ? [...errors] : errors.filter((e) => !e.path || e.path.length <= 1);
}
