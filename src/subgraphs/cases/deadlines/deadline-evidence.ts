import type { EntityManager } from 'typeorm';
import type { DeadlineRule } from './deadline-rules.schema';

export interface EpisodeRow {
  id: string;
  childId: string;
  sentenceType: string | null;
  sentenceDate: string | null;
  entryDate: string;
  releaseDate: string | null;
  actualReleaseDate: string | null;
}

/** The episode deadlines follow: the open one, or else the latest (as Child.caseManagement shows). */
export async function currentEpisode(db: EntityManager, childId: string): Promise<EpisodeRow | null> {
  const [row] = await db.query(
    `SELECT id, child_id AS "childId", sentence_type AS "sentenceType",
            to_char(sentence_date, 'YYYY-MM-DD') AS "sentenceDate", to_char(entry_date, 'YYYY-MM-DD') AS "entryDate",
            to_char(release_date, 'YYYY-MM-DD') AS "releaseDate", to_char(actual_release_date, 'YYYY-MM-DD') AS "actualReleaseDate"
       FROM custody_episode WHERE child_id = $1
      ORDER BY status = 'IN_CUSTODY' DESC, entry_date DESC LIMIT 1`,
    [childId],
  );
  return row ?? null;
}

/**
 * When each rule was met during the episode, by the record its `metBy` names (null: not met).
 * Three queries per child whatever the number of rules.
 */
export async function metTimes(db: EntityManager, episode: EpisodeRow, rules: DeadlineRule[]): Promise<Map<string, Date | null>> {
  const since = episode.entryDate;
  const meetings: { kind: string; held_at: Date }[] = await db.query(
    `SELECT kind, min(held_at) AS held_at FROM meeting
      WHERE child_id = $1 AND status = 'HELD'
        AND (custody_episode_id = $2 OR (custody_episode_id IS NULL AND held_at >= $3::date))
      GROUP BY kind`,
    [episode.childId, episode.id, since],
  );
  const latest: { pathway: string; status: string; recorded_at: Date }[] = await db.query(
    `SELECT DISTINCT ON (pathway) pathway, status, recorded_at FROM pathway_update
      WHERE child_id = $1 AND recorded_at >= $2::date ORDER BY pathway, recorded_at DESC, id DESC`,
    [episode.childId, since],
  );
  const detailRules = rules.flatMap((r) => ('pathwayDetail' in r.metBy ? [r.metBy.pathwayDetail] : []));
  const details: { pathway: string; key: string; recorded_at: Date }[] = detailRules.length
    ? await db.query(
        `SELECT k.pathway, k.key, min(p.recorded_at) AS recorded_at
           FROM unnest($3::text[], $4::text[]) AS k(pathway, key)
           JOIN pathway_update p ON p.child_id = $1 AND p.pathway = k.pathway AND p.recorded_at >= $2::date
          WHERE coalesce(p.details ->> k.key, '') NOT IN ('', 'false')
          GROUP BY k.pathway, k.key`,
        [episode.childId, since, detailRules.map((d) => d.pathway), detailRules.map((d) => d.key)],
      )
    : [];

  const met = new Map<string, Date | null>();
  for (const rule of rules) {
    const by = rule.metBy;
    let at: Date | null = null;
    if ('meetingHeld' in by) {
      at = meetings.find((m) => m.kind === by.meetingHeld)?.held_at ?? null;
    } else if ('pathwayStatus' in by) {
      const last = latest.find((p) => p.pathway === by.pathwayStatus.pathway);
      at = last && (by.pathwayStatus.statuses as string[]).includes(last.status) ? last.recorded_at : null;
    } else {
      at = details.find((d) => d.pathway === by.pathwayDetail.pathway && d.key === by.pathwayDetail.key)?.recorded_at ?? null;
    }
    met.set(rule.code, at);
  }
  return met;
}
