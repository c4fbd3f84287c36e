import type { EntityManager } from 'typeorm';
import type { DeadlineRule } from './deadline-rules.schema';
import { shownEpisodeFirst } from '../shown-episode.sql';

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
      ORDER BY ${shownEpisodeFirst('custody_episode')} LIMIT 1`,
    [childId],
  );
  return row ?? null;
}

/**
 * When each rule was met during the episode, by the record its `metBy` names (null: not met).
 * One query per child whatever the number of rules: held meetings, each pathway's latest status,
 * and the first update stating each arrangement the rules ask about.
 */
export async function metTimes(db: EntityManager, episode: EpisodeRow, rules: DeadlineRule[]): Promise<Map<string, Date | null>> {
  const detailRules = rules.flatMap((r) => ('pathwayDetail' in r.metBy ? [r.metBy.pathwayDetail] : []));
  const [evidence]: { meetings: EvidenceJson<{ kind: string }>; latest: EvidenceJson<{ pathway: string; status: string }>;
    details: EvidenceJson<{ pathway: string; key: string }> }[] = await db.query(
    `SELECT
       (SELECT coalesce(json_agg(m), '[]') FROM (
          SELECT kind, min(held_at) AS at FROM meeting
           WHERE child_id = $1 AND status = 'HELD' AND (custody_episode_id = $2 OR (custody_episode_id IS NULL AND held_at >= $3::date))
           GROUP BY kind) m) AS meetings,
       (SELECT coalesce(json_agg(l), '[]') FROM (
          SELECT DISTINCT ON (pathway) pathway, status, recorded_at AS at FROM pathway_update
           WHERE child_id = $1 AND recorded_at >= $3::date ORDER BY pathway, recorded_at DESC, id DESC) l) AS latest,
       (SELECT coalesce(json_agg(d), '[]') FROM (
          SELECT k.pathway, k.key, min(p.recorded_at) AS at
            FROM unnest($4::text[], $5::text[]) AS k(pathway, key)
            JOIN pathway_update p ON p.child_id = $1 AND p.pathway = k.pathway AND p.recorded_at >= $3::date
           WHERE coalesce(p.details ->> k.key, '') NOT IN ('', 'false')
           GROUP BY k.pathway, k.key) d) AS details`,
    [episode.childId, episode.id, episode.entryDate, detailRules.map((d) => d.pathway), detailRules.map((d) => d.key)],
  );
  const instant = (value: string | undefined) => (value ? new Date(value) : null);
  const { meetings, latest, details } = evidence;

  const met = new Map<string, Date | null>();
  for (const rule of rules) {
    const by = rule.metBy;
    let at: Date | null = null;
    if ('meetingHeld' in by) {
      at = instant(meetings.find((m) => m.kind === by.meetingHeld)?.at);
    } else if ('pathwayStatus' in by) {
      const last = latest.find((p) => p.pathway === by.pathwayStatus.pathway);
      at = last && (by.pathwayStatus.statuses as string[]).includes(last.status) ? instant(last.at) : null;
    } else {
      at = instant(details.find((d) => d.pathway === by.pathwayDetail.pathway && d.key === by.pathwayDetail.key)?.at);
    }
    met.set(rule.code, at);
  }
  return met;
}

/** Rows of one kind of evidence, each with the instant (JSON text) it happened at. */
type EvidenceJson<T> = (T & { at: string })[];
