import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two critical sections as stored functions, so that each is one statement instead of a round trip
 * per step. Each takes its advisory lock first and reads after it: in a PL/pgSQL function every
 * statement takes a fresh snapshot under READ COMMITTED, so the reads see whatever the lock's
 * previous holder committed (one SQL statement could not: its snapshot predates the lock). Under
 * REPEATABLE READ they would not, so both refuse any other level, as audit_append does.
 * Both plan their statements once per connection (force_generic_plan): left to choose, PostgreSQL
 * planned them afresh at every call, which cost more than running them (pathway_append 1.2-2.5 ms
 * a call against 0.5; every statement here is a lookup by key, which a generic plan does as well).
 *
 * - `deadline_recompute_inputs`: the lock serialising one child's deadline recomputes (class
 *   7310101, src/subgraphs/cases/deadlines/deadline-recompute.ts), then everything a recompute
 *   reads: the episode deadlines follow (the open one, else the latest: shown-episode.sql.ts), the
 *   child's deadlines, the evidence of when rules were met (deadline-evidence.ts: the latest
 *   update of each pathway a rule reads the status of, one index probe each, and the first update
 *   stating each detail a rule asks about), the case's agencies alerts are addressed to, and the
 *   alerts of those deadlines. Its cost does not grow with the number of a child's updates.
 * - `pathway_append`: the lock serialising appends to one child's pathway (class 7310105), the
 *   latest update, the optimistic check against the one the writer last saw, the insert (its time
 *   after the latest's), its timeline event, and then the deadline inputs above.
 */
export class WriteFunctions1764140012000 implements MigrationInterface {
  name = 'WriteFunctions1764140012000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The evidence reads updates with details only: most have none, and a child's pathway can hold hundreds.
      CREATE INDEX pathway_update_details_idx ON pathway_update (child_id, pathway, recorded_at) WHERE details <> '{}'::jsonb;

      CREATE FUNCTION deadline_recompute_inputs(p_child uuid, p_status_pathways text[], p_detail_pathways text[], p_detail_keys text[])
        RETURNS json LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $inputs$
      DECLARE
        ep record;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'deadline inputs can only be read under READ COMMITTED (transaction is %)', current_setting('transaction_isolation');
        END IF;
        PERFORM pg_advisory_xact_lock(7310101, hashtext(p_child::text));
        SELECT e.id, e.child_id, e.sentence_type, e.sentence_date, e.entry_date, e.release_date, e.actual_release_date
          INTO ep FROM custody_episode e WHERE e.child_id = p_child
         ORDER BY e.status = 'IN_CUSTODY' DESC, e.entry_date DESC LIMIT 1;
        RETURN json_build_object(
          'episode', CASE WHEN ep.id IS NOT NULL THEN json_build_object(
            'id', ep.id, 'childId', ep.child_id, 'sentenceType', ep.sentence_type,
            'sentenceDate', to_char(ep.sentence_date, 'YYYY-MM-DD'), 'entryDate', to_char(ep.entry_date, 'YYYY-MM-DD'),
            'releaseDate', to_char(ep.release_date, 'YYYY-MM-DD'), 'actualReleaseDate', to_char(ep.actual_release_date, 'YYYY-MM-DD')) END,
          'deadlines', (SELECT coalesce(json_agg(json_build_object(
              'id', d.id, 'childId', d.child_id, 'custodyEpisodeId', d.custody_episode_id, 'ruleCode', d.rule_code,
              'pathway', d.pathway, 'anchor', d.anchor, 'basisDate', to_char(d.basis_date, 'YYYY-MM-DD'),
              'dueOn', to_char(d.due_on, 'YYYY-MM-DD'), 'status', d.status, 'metAt', d.met_at,
              'nextCheckOn', to_char(d.next_check_on, 'YYYY-MM-DD'), 'computedAt', d.computed_at, 'createdAt', d.created_at,
              'version', d.version) ORDER BY d.created_at, d.id), '[]')
            FROM deadline d WHERE d.child_id = p_child),
          'alerts', (SELECT coalesce(json_agg(json_build_object(
              'deadlineId', a.deadline_id, 'key', a.dedupe_key, 'resolved', a.resolved_at IS NOT NULL,
              'acknowledged', a.acknowledged_at IS NOT NULL)), '[]')
            FROM alert a WHERE a.deadline_id IN (SELECT d.id FROM deadline d WHERE d.child_id = p_child)),
          'meetings', CASE WHEN ep.id IS NOT NULL THEN (SELECT coalesce(json_agg(m), '[]') FROM (
              SELECT kind, min(held_at) AS at FROM meeting
               WHERE child_id = p_child AND status = 'HELD'
                 AND (custody_episode_id = ep.id OR (custody_episode_id IS NULL AND held_at >= ep.entry_date))
               GROUP BY kind) m) END,
          'latest', CASE WHEN ep.id IS NOT NULL THEN (SELECT coalesce(json_agg(l), '[]') FROM (
              SELECT k.pathway, p.status, p.recorded_at AS at
                FROM unnest(p_status_pathways) AS k(pathway)
                CROSS JOIN LATERAL (SELECT p.status, p.recorded_at FROM pathway_update p
                   WHERE p.child_id = p_child AND p.pathway = k.pathway AND p.recorded_at >= ep.entry_date
                   ORDER BY p.recorded_at DESC, p.id DESC LIMIT 1) p) l) END,
          'details', CASE WHEN ep.id IS NOT NULL THEN (SELECT coalesce(json_agg(x), '[]') FROM (
              SELECT k.pathway, k.key, min(p.recorded_at) AS at
                FROM unnest(p_detail_pathways, p_detail_keys) AS k(pathway, key)
                JOIN pathway_update p ON p.child_id = p_child AND p.pathway = k.pathway AND p.recorded_at >= ep.entry_date
                 AND p.details <> '{}'::jsonb
               WHERE coalesce(p.details ->> k.key, '') NOT IN ('', 'false')
               GROUP BY k.pathway, k.key) x) END,
          'parties', CASE WHEN ep.id IS NOT NULL THEN (SELECT json_build_object(
              'HOME_YJS', c.home_yjs_agency_id,
              'HOME_CHILDRENS_SERVICES', (SELECT a.id FROM agency a WHERE a.consortium_id = c.consortium_id
                  AND a.type = 'CHILDRENS_SERVICES' AND a.active AND a.local_authority_code = c.home_local_authority_code
                ORDER BY a.code LIMIT 1),
              'CURRENT_ESTABLISHMENT', (SELECT e.establishment_agency_id FROM custody_episode e WHERE e.id = ep.id AND e.status = 'IN_CUSTODY'),
              'CONSORTIUM_TEAM', (SELECT a.id FROM agency a WHERE a.consortium_id = c.consortium_id AND a.type = 'CONSORTIUM_TEAM'
                  AND a.active ORDER BY a.code LIMIT 1))
            FROM child c WHERE c.id = p_child) END);
      END
      $inputs$;

      CREATE FUNCTION pathway_append(p_update jsonb, p_expected_latest uuid, p_event jsonb, p_status_pathways text[], p_detail_pathways text[],
                                     p_detail_keys text[])
        RETURNS json LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $append$
      DECLARE
        u pathway_update;
        latest record;
        recorded timestamptz;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'a pathway can only be appended to under READ COMMITTED (transaction is %)', current_setting('transaction_isolation');
        END IF;
        u := jsonb_populate_record(NULL::pathway_update, p_update);
        PERFORM pg_advisory_xact_lock(7310105, hashtext(u.child_id::text || ':' || u.pathway));
        SELECT p.id, p.recorded_at INTO latest FROM pathway_update p
         WHERE p.child_id = u.child_id AND p.pathway = u.pathway ORDER BY p.recorded_at DESC, p.id DESC LIMIT 1;
        IF p_expected_latest IS NOT NULL AND p_expected_latest IS DISTINCT FROM latest.id THEN
          RETURN json_build_object('conflict', true, 'latestId', latest.id);
        END IF;
        INSERT INTO pathway_update (id, child_id, pathway, status, summary, details, responsible_agency_id, recorded_by_user_id,
                                    recorded_by_client_id, recorded_at)
        VALUES (u.id, u.child_id, u.pathway, u.status, u.summary, u.details, u.responsible_agency_id, u.recorded_by_user_id,
                u.recorded_by_client_id, GREATEST(u.recorded_at, latest.recorded_at + interval '1 millisecond'))
        RETURNING recorded_at INTO recorded;
        INSERT INTO timeline_event (id, child_id, occurred_at, kind, scope, agency_id, subject_type, subject_id, payload, recorded_at)
        SELECT e.id, e.child_id, e.occurred_at, e.kind, e.scope, e.agency_id, e.subject_type, e.subject_id, e.payload, e.recorded_at
          FROM jsonb_populate_record(NULL::timeline_event, p_event) e;
        RETURN json_build_object('conflict', false, 'recordedAt', recorded,
          'deadlineInputs', deadline_recompute_inputs(u.child_id, p_status_pathways, p_detail_pathways, p_detail_keys));
      END
      $append$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pathway_append(jsonb, uuid, jsonb, text[], text[], text[]);
      DROP FUNCTION deadline_recompute_inputs(uuid, text[], text[], text[]);
      DROP INDEX pathway_update_details_idx;
    `);
  }
}
