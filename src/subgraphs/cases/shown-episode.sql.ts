/**
 * Which custody episode a child's record shows, and its deadlines follow: the open one, or else
 * the latest. An ORDER BY over `custody_episode` aliased `alias`; take the first row. The stored
 * function `deadline_recompute_inputs` (migrations/1764140012000-write-functions.ts) writes it out.
 */
export function shownEpisodeFirst(alias: string): string {
  return `${alias}.status = 'IN_CUSTODY' DESC, ${alias}.entry_date DESC`;
}
