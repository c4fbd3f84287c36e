import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children, custody episodes and the append-only records about them. History tables refuse
 * UPDATE and DELETE so a correction is always a new row with its reason.
 */
export class CaseRecords1764140001000 implements MigrationInterface {
  name = 'CaseRecords1764140001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION forbid_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;

      CREATE TABLE child (
        id uuid PRIMARY KEY,
        consortium_id uuid NOT NULL REFERENCES consortium(id),
        given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
        family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
        preferred_name text CHECK (length(preferred_name) BETWEEN 1 AND 100),
        date_of_birth date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('FEMALE', 'MALE', 'NOT_KNOWN')),
        ethnicity text CHECK (ethnicity ~ '^[A-Z_]{2,40}$'),
        home_local_authority_code text NOT NULL REFERENCES local_authority(code),
        home_yjs_agency_id uuid NOT NULL REFERENCES agency(id),
        looked_after_status text NOT NULL DEFAULT 'NOT_LOOKED_AFTER' CHECK (looked_after_status IN
          ('NOT_LOOKED_AFTER', 'LOOKED_AFTER', 'LOOKED_AFTER_ON_REMAND', 'CARE_LEAVER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX child_home_yjs_idx ON child (home_yjs_agency_id);
      CREATE INDEX child_consortium_idx ON child (consortium_id);

      CREATE TABLE custody_episode (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        establishment_agency_id uuid NOT NULL REFERENCES agency(id),
        legal_status text NOT NULL CHECK (legal_status IN ('REMAND', 'SENTENCED')),
        sentence_type text CHECK (sentence_type IN ('DTO', 'S250', 'S254_EXTENDED', 'S259_HMP')),
        sentence_date date,
        entry_date date NOT NULL,
        release_date date,
        release_type text CHECK (release_type IN
          ('STANDARD', 'EARLY_RELEASE', 'LATE_RELEASE', 'PAROLE_BOARD', 'END_OF_REMAND', 'SENTENCE_EXPIRY')),
        actual_release_date date,
        status text NOT NULL DEFAULT 'IN_CUSTODY' CHECK (status IN ('IN_CUSTODY', 'RELEASED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT custody_sentence_fields_match_status CHECK
          ((legal_status = 'SENTENCED') = (sentence_type IS NOT NULL AND sentence_date IS NOT NULL)),
        CONSTRAINT custody_release_after_entry CHECK (release_date IS NULL OR release_date >= entry_date),
        CONSTRAINT custody_released_has_date CHECK ((status = 'RELEASED') = (actual_release_date IS NOT NULL)),
        CONSTRAINT custody_actual_release_after_entry
          CHECK (actual_release_date IS NULL OR actual_release_date >= entry_date)
      );
      CREATE INDEX custody_episode_child_idx ON custody_episode (child_id);
      CREATE INDEX custody_episode_establishment_idx ON custody_episode (establishment_agency_id, status);
      CREATE INDEX custody_episode_release_idx ON custody_episode (release_date) WHERE status = 'IN_CUSTODY';
      CREATE UNIQUE INDEX custody_episode_one_open_per_child ON custody_episode (child_id)
        WHERE status = 'IN_CUSTODY';

      CREATE TABLE establishment_transfer (
        id uuid PRIMARY KEY,
        custody_episode_id uuid NOT NULL REFERENCES custody_episode(id),
        from_agency_id uuid NOT NULL REFERENCES agency(id),
        to_agency_id uuid NOT NULL REFERENCES agency(id),
        transferred_on date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_agency_id <> to_agency_id)
      );
      CREATE INDEX establishment_transfer_episode_idx ON establishment_transfer (custody_episode_id);
      CREATE INDEX establishment_transfer_from_idx ON establishment_transfer (from_agency_id, transferred_on);

      CREATE TABLE release_date_change (
        id uuid PRIMARY KEY,
        custody_episode_id uuid NOT NULL REFERENCES custody_episode(id),
        previous_release_date date,
        new_release_date date NOT NULL,
        previous_release_type text,
        new_release_type text NOT NULL,
        reason_code text NOT NULL CHECK (reason_code IN ('INITIAL_CALCULATION', 'RECALCULATION', 'EARLY_RELEASE',
          'LATE_RELEASE', 'PAROLE_DECISION', 'APPEAL', 'RECALL', 'CORRECTION', 'OTHER')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        responsible_agency_id uuid NOT NULL REFERENCES agency(id),
        changed_by_user_id uuid REFERENCES staff_user(id),
        changed_by_client_id uuid REFERENCES machine_client(id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((changed_by_user_id IS NULL) <> (changed_by_client_id IS NULL))
      );
      CREATE INDEX release_date_change_episode_idx ON release_date_change (custody_episode_id, changed_at);

      CREATE TABLE pathway_update (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        pathway text NOT NULL CHECK (pathway IN ('CASE_MANAGEMENT', 'ACCOMMODATION', 'ETE', 'HEALTH',
          'SUBSTANCE_MISUSE', 'FAMILIES', 'FINANCE')),
        status text NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'READY', 'AT_RISK')),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        responsible_agency_id uuid NOT NULL REFERENCES agency(id),
        recorded_by_user_id uuid REFERENCES staff_user(id),
        recorded_by_client_id uuid REFERENCES machine_client(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recorded_by_user_id IS NULL) <> (recorded_by_client_id IS NULL))
      );
      CREATE INDEX pathway_update_child_idx ON pathway_update (child_id, pathway, recorded_at DESC);

      CREATE TABLE meeting (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        custody_episode_id uuid REFERENCES custody_episode(id),
        kind text NOT NULL CHECK (kind IN ('INITIAL_PLANNING', 'RESETTLEMENT_PANEL', 'CASE_REVIEW', 'CUSTODY_VISIT',
          'PRE_RELEASE', 'POST_RELEASE_REVIEW', 'OTHER')),
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD', 'CANCELLED')),
        scheduled_for timestamptz NOT NULL,
        held_at timestamptz,
        location text CHECK (length(location) <= 500),
        organised_by_agency_id uuid NOT NULL REFERENCES agency(id),
        attendees jsonb NOT NULL DEFAULT '[]'::jsonb,
        decisions text CHECK (length(decisions) <= 10000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'HELD') = (held_at IS NOT NULL))
      );
      CREATE INDEX meeting_child_idx ON meeting (child_id, scheduled_for);

      CREATE TABLE timeline_event (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        occurred_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind ~ '^[A-Z_]{2,64}$'),
        scope text NOT NULL CHECK (scope ~ '^[a-z_]{2,32}$'),
        agency_id uuid NOT NULL REFERENCES agency(id),
        subject_type text,
        subject_id uuid,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX timeline_event_child_idx ON timeline_event (child_id, occurred_at DESC);

      CREATE TRIGGER release_date_change_append_only BEFORE UPDATE OR DELETE ON release_date_change
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER pathway_update_append_only BEFORE UPDATE OR DELETE ON pathway_update
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER establishment_transfer_append_only BEFORE UPDATE OR DELETE ON establishment_transfer
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER timeline_event_append_only BEFORE UPDATE OR DELETE ON timeline_event
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE timeline_event;
      DROP TABLE meeting;
      DROP TABLE pathway_update;
      DROP TABLE release_date_change;
      DROP TABLE establishment_transfer;
      DROP TABLE custody_episode;
      DROP TABLE child;
      DROP FUNCTION forbid_change_to_append_only();
    `);
  }
}
