import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change-feed retention: `purge_entity_change(days)` deletes the oldest changes (a prefix in feed
 * order, only of transactions that have all ended) and records how far it went in
 * `entity_change_horizon`, so a cursor from before it is refused rather than silently skipping.
 * It runs with its owner's rights: hub_app may call it but still cannot delete a change itself.
 * Client assertions (RFC 7523): a client's public key (JWK) and the assertion ids already used.
 */
export class IntegrationHardening1764140008000 implements MigrationInterface {
  name = 'IntegrationHardening1764140008000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE entity_change_horizon (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        purged_through_txid bigint NOT NULL,
        purged_through_seq bigint NOT NULL,
        purged_at timestamptz NOT NULL
      );

      CREATE FUNCTION entity_change_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('hub.feed_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      DROP TRIGGER entity_change_append_only ON entity_change;
      CREATE TRIGGER entity_change_append_only BEFORE UPDATE OR DELETE ON entity_change
        FOR EACH ROW EXECUTE FUNCTION entity_change_refuse_change();

      CREATE FUNCTION purge_entity_change(retention_days integer) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        through_txid bigint;
        through_seq bigint;
        purged bigint;
      BEGIN
        IF retention_days IS NULL OR retention_days < 7 THEN
          RAISE EXCEPTION 'change feed retention must be at least 7 days' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        -- Only changes of transactions older than every running one: none can still commit below the boundary.
        SELECT txid, seq INTO through_txid, through_seq FROM entity_change
         WHERE changed_at < now() - make_interval(days => retention_days)
           AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
         ORDER BY txid DESC, seq DESC LIMIT 1;
        IF through_txid IS NULL THEN
          RETURN 0;
        END IF;
        PERFORM set_config('hub.feed_purge', 'on', true);
        DELETE FROM entity_change WHERE (txid, seq) <= (through_txid, through_seq);
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('hub.feed_purge', 'off', true);
        INSERT INTO entity_change_horizon AS h VALUES (true, through_txid, through_seq, now())
          ON CONFLICT (id) DO UPDATE SET purged_through_txid = excluded.purged_through_txid,
                 purged_through_seq = excluded.purged_through_seq, purged_at = excluded.purged_at
           WHERE (h.purged_through_txid, h.purged_through_seq) < (excluded.purged_through_txid, excluded.purged_through_seq);
        RETURN purged;
      END $$;
      REVOKE ALL ON FUNCTION purge_entity_change(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION purge_entity_change(integer) TO hub_app;
      GRANT SELECT ON entity_change_horizon TO hub_app;

      ALTER TABLE machine_client ADD COLUMN public_jwk jsonb CHECK (public_jwk IS NULL OR jsonb_typeof(public_jwk) = 'object');
      CREATE TABLE client_assertion_jti (
        client_id uuid NOT NULL REFERENCES machine_client(id),
        jti text NOT NULL CHECK (length(jti) BETWEEN 1 AND 256),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (client_id, jti)
      );
      CREATE INDEX client_assertion_jti_expiry_idx ON client_assertion_jti (expires_at);
      GRANT SELECT, INSERT, DELETE ON client_assertion_jti TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE ALL ON client_assertion_jti, entity_change_horizon FROM hub_app;
      DROP TABLE client_assertion_jti;
      ALTER TABLE machine_client DROP COLUMN public_jwk;
      DROP FUNCTION purge_entity_change(integer);
      DROP TRIGGER entity_change_append_only ON entity_change;
      CREATE TRIGGER entity_change_append_only BEFORE UPDATE OR DELETE ON entity_change
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      DROP FUNCTION entity_change_refuse_change();
      DROP TABLE entity_change_horizon;
    `);
  }
}
