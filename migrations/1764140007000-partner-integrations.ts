import { MigrationInterface, QueryRunner } from 'typeorm';

const FEED_TABLES: { table: string; entityType: string; childColumn: string }[] = [
  { table: 'child', entityType: 'CHILD', childColumn: 'id' },
  { table: 'custody_episode', entityType: 'CUSTODY_EPISODE', childColumn: 'child_id' },
  { table: 'pathway_update', entityType: 'PATHWAY_UPDATE', childColumn: 'child_id' },
  { table: 'meeting', entityType: 'MEETING', childColumn: 'child_id' },
  { table: 'accommodation_request', entityType: 'ACCOMMODATION_REQUEST', childColumn: 'child_id' },
];

/**
 * Partner integrations: the change feed (`entity_change`, written by triggers in the writer's
 * transaction, stamped with its 64-bit transaction id so readers can wait for late committers),
 * partner references (agency, entity type, external reference) → hub record, and webhook
 * subscriptions with one delivery row per (subscription, outbox event).
 */
export class PartnerIntegrations1764140007000 implements MigrationInterface {
  name = 'PartnerIntegrations1764140007000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Ids and codes only: a change says what changed, never the data.
      CREATE TABLE entity_change (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        txid bigint NOT NULL DEFAULT txid_current(),
        entity_type text NOT NULL CHECK (entity_type ~ '^[A-Z][A-Z_]{1,63}$'),
        entity_id uuid NOT NULL,
        -- No foreign key: the log outlives a deleted row.
        child_id uuid NOT NULL,
        operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX entity_change_order_idx ON entity_change (txid, seq);
      CREATE INDEX entity_change_child_idx ON entity_change (child_id, txid, seq);

      CREATE FUNCTION record_entity_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_data jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
      BEGIN
        INSERT INTO entity_change (entity_type, entity_id, child_id, operation)
        VALUES (TG_ARGV[0], (row_data->>'id')::uuid, (row_data->>TG_ARGV[1])::uuid, TG_OP);
        RETURN NULL;
      END $$;

      ${FEED_TABLES.map(
        (t) => `CREATE TRIGGER ${t.table}_entity_change AFTER INSERT OR UPDATE OR DELETE ON ${t.table}
        FOR EACH ROW EXECUTE FUNCTION record_entity_change('${t.entityType}', '${t.childColumn}');`,
      ).join('\n      ')}

      CREATE TRIGGER entity_change_append_only BEFORE UPDATE OR DELETE ON entity_change
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();

      -- A partner's own key for a record it pushed: bulk upserts find the hub record by it.
      CREATE TABLE partner_reference (
        agency_id uuid NOT NULL REFERENCES agency(id),
        entity_type text NOT NULL CHECK (entity_type IN ('PATHWAY_UPDATE')),
        external_ref text NOT NULL CHECK (external_ref ~ '^[A-Za-z0-9._:/-]{1,128}$'),
        entity_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_id, entity_type, external_ref),
        UNIQUE (entity_type, entity_id)
      );

      -- HMAC needs the secret itself, so it is stored as issued (random, per subscription, shown once,
      -- replaced by re-subscribing); anyone who can read this table can already read the records.
      CREATE TABLE webhook_subscription (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL REFERENCES machine_client(id),
        url text NOT NULL CHECK (url ~ '^https?://[^[:space:]]+$' AND length(url) <= 2000),
        event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        signing_secret text NOT NULL CHECK (signing_secret ~ '^whsec_[A-Za-z0-9_-]{43}$'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz
      );
      CREATE INDEX webhook_subscription_client_idx ON webhook_subscription (client_id) WHERE active;
      CREATE INDEX webhook_subscription_event_idx ON webhook_subscription USING gin (event_types) WHERE active;

      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscription(id),
        outbox_event_id uuid NOT NULL REFERENCES outbox_event(id),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- An HTTP status or a short reason code, never the receiver's response body.
        last_error text CHECK (length(last_error) <= 200),
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        dead_lettered_at timestamptz,
        replays integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, outbox_event_id),
        CHECK ((status = 'DEAD') = (dead_lettered_at IS NOT NULL)),
        CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
      );
      CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (outbox_event_id);

      GRANT SELECT, INSERT ON entity_change TO hub_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscription, webhook_delivery TO hub_app;
      GRANT USAGE ON SEQUENCE entity_change_seq_seq TO hub_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON partner_reference TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE ALL ON entity_change, partner_reference, webhook_subscription, webhook_delivery FROM hub_app;
      REVOKE ALL ON SEQUENCE entity_change_seq_seq FROM hub_app;
      DROP TABLE webhook_delivery;
      DROP TABLE webhook_subscription;
      DROP TABLE partner_reference;
      ${FEED_TABLES.map((t) => `DROP TRIGGER ${t.table}_entity_change ON ${t.table};`).join('\n      ')}
      DROP TABLE entity_change;
      DROP FUNCTION record_entity_change();
    `);
  }
}
