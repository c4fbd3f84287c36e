import { ValidationError } from '../errors/domain.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids are UUIDs; anything else is a VALIDATION_FAILED naming the argument, not a database error. */
export function parseUuid(field: string, value: string): string {
  if (!isUuid(value)) throw new ValidationError(field, 'must be a UUID');
  return value.toLowerCase();
}
