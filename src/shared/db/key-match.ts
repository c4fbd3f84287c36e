/**
 * SQL matching `column` to one of `keys`, bound as parameter `$n`: `= $n` for one key, `= ANY($n)`
 * for several; with the value to bind. A statement is prepared once per connection, but PostgreSQL
 * keeps its plan only if the generic plan looks no dearer than one made for the values at hand. For
 * an array it guesses several elements, so a statement read by one key (a point read, a write's
 * authorisation: loaders mostly get one) was planned afresh at every call. By key, both plans cost
 * the same and the plan is kept.
 */
export function keyMatch(column: string, keys: readonly string[], n = 1, type = 'uuid'): [sql: string, value: string | readonly string[]] {
  return keys.length === 1 ? [`${column} = $${n}::${type}`, keys[0]] : [`${column} = ANY($${n}::${type}[])`, keys];
}

/** The same as rows of one column `column` named `alias`, for a statement that joins each key (lateral reads). */
export function keyRows(
  alias: string,
  column: string,
  keys: readonly string[],
  n = 1,
  type = 'uuid',
): [sql: string, value: string | readonly string[]] {
  return keys.length === 1
    ? [`(SELECT $${n}::${type} AS ${column}) AS ${alias}`, keys[0]]
    : [`unnest($${n}::${type}[]) AS ${alias}(${column})`, keys];
}
