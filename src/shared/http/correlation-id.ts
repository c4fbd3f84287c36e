import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a caller's correlation id when it is well formed, otherwise starts a new one. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE.test(value) ? value : randomUUID();
}
