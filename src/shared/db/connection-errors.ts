/**
 * Whether an error means "PostgreSQL (or a subgraph) cannot be reached right now" rather than a
 * bug: the caller gets SERVICE_UNAVAILABLE (retry later) instead of INTERNAL, and the pool
 * reconnects by itself once the server is back.
 */
export function isConnectionFailure(error: unknown): boolean {
  return causes(error).some(
    (e) =>
      (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || SOCKET_CODES.has(e.code))) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)),
  );
}

// 08xxx connection exception; 57P01-57P03 shutdown / crash / not yet accepting; 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// node-postgres reports a lost or refused connection with these messages and no code.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end on the pool)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

/** The error, what it wraps (TypeORM's driverError, `cause`) and an AggregateError's members. */
function causes(error: unknown, depth = 0): ErrorLike[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as ErrorLike & { driverError?: unknown; cause?: unknown; errors?: unknown };
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [e, ...nested.flatMap((n) => causes(n, depth + 1))];
}
