import { ValidationError } from '../errors/domain.error';

/** Opaque keyset cursors: base64url of the sort key, checked on the way back in. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) return key;
  } catch {
    // fall through: any malformed cursor is the same validation error
  }
  throw new ValidationError('after', 'is not a cursor this list gave out');
}

export function checkPageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new ValidationError('first', `must be between 1 and ${max}`);
  return first;
}
