import { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copy of AuditOperation at the time of this migration: a new operation needs a new migration.
const OPERATIONS = `'CONSULT', 'DISCLOSE', 'ALTER', 'CONSENT_RECORD', 'CONSENT_WITHDRAW', 'SHARE_WITHOUT_CONSENT',
  'TEAM_COVER_GRANT', 'ERASE', 'AUDIT_READ'`;

/** Tables the application role may read but never write freely: the log and its checkpoints. */
const AUDIT_TABLES = `'audit_event', 'audit_checkpoint', 'schema_migration'`;

/**
 * The disclosure log (DPA 2018 s.62): append-only and hash-chained. Rows can only leave through the
 * retention purge, which must remove a prefix of the chain and set `hub.audit_purge` for its
 * transaction. `hub_app`, the role the application runs as in production, may only SELECT and INSERT.
 */
export class AuditLog1764140003000 implements MigrationInterface {
  name = 'AuditLog1764140003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_event (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'client')),
        actor_id uuid NOT NULL,
        actor_agency_id uuid NOT NULL,
        actor_roles text[] NOT NULL,
        purpose text NOT NULL,
        operation text NOT NULL CHECK (operation IN (${OPERATIONS})),
        outcome text NOT NULL CHECK (outcome IN ('ALLOWED', 'DENIED')),
        reason text,
        child_ids uuid[] NOT NULL,
        scopes text[] NOT NULL,
        resource text NOT NULL,
        justification jsonb NOT NULL CHECK (jsonb_typeof(justification) = 'object'),
        correlation_id text NOT NULL,
        client_address text,
        user_agent text,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
        -- Each hash is followed by at most one entry: a writer that read a stale head cannot fork the chain.
        CONSTRAINT audit_event_prev_hash_key UNIQUE (prev_hash)
      );
      CREATE INDEX audit_event_child_ids_idx ON audit_event USING gin (child_ids);
      CREATE INDEX audit_event_agency_time_idx ON audit_event (actor_agency_id, occurred_at);
      CREATE INDEX audit_event_actor_time_idx ON audit_event (actor_id, occurred_at);
      CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);

      CREATE TABLE audit_checkpoint (
        id uuid PRIMARY KEY,
        created_at timestamptz NOT NULL,
        purged_through_seq bigint NOT NULL UNIQUE,
        last_hash text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$'),
        signature text NOT NULL,
        key_id text NOT NULL,
        entries_purged integer NOT NULL CHECK (entries_purged > 0)
      );

      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'audit_event' AND TG_OP = 'DELETE'
           AND current_setting('hub.audit_purge', true) = 'on' THEN
          RETURN NULL;
        END IF;
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;

      -- Even a purge may only remove the oldest entries, so the rest still links to its checkpoint.
      CREATE FUNCTION audit_purge_only_prefix() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_event WHERE seq < (SELECT max(seq) FROM purged)) THEN
          RAISE EXCEPTION 'audit purge must remove a prefix of the chain' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
      CREATE TRIGGER audit_event_purge_prefix AFTER DELETE ON audit_event
        REFERENCING OLD TABLE AS purged FOR EACH STATEMENT EXECUTE FUNCTION audit_purge_only_prefix();
      CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoint
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
          CREATE ROLE hub_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another database of this cluster created it at the same moment
      END $$;

      DO $$
      DECLARE t text;
      BEGIN
        FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                   AND tablename NOT IN (${AUDIT_TABLES}) LOOP
          EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO hub_app', t);
        END LOOP;
      END $$;
      GRANT SELECT, INSERT ON audit_event TO hub_app;
      GRANT USAGE ON SEQUENCE audit_event_seq_seq TO hub_app;
      GRANT SELECT ON audit_checkpoint TO hub_app;
      GRANT SELECT ON schema_migration TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    // hub_app is cluster-wide and may serve other databases: only this database's grants are withdrawn.
    await db.query(`
      DROP TABLE audit_checkpoint;
      DROP TABLE audit_event;
      DROP FUNCTION audit_purge_only_prefix();
      DROP FUNCTION audit_refuse_change();
      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_app') THEN
          EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM hub_app', current_schema());
        END IF;
      END $$;
    `);
  }
}
