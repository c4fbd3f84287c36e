import { MigrationInterface, QueryRunner } from 'typeorm';

const SUPPORT_LEVELS = `'NO_SUPPORT_NEEDED', 'FLOATING_SUPPORT', 'SUPPORTED_ACCOMMODATION', 'TWENTY_FOUR_HOUR_SUPPORT'`;
const ACCOMMODATION_TYPES = `'SUPPORTED_ACCOMMODATION', 'SUPPORTED_LODGINGS', 'FOYER_OR_HOSTEL', 'SOCIAL_TENANCY', 'PRIVATE_TENANCY',
  'FOSTER_PLACEMENT', 'CHILDRENS_HOME', 'FAMILY_HOME', 'EMERGENCY_TEMPORARY'`;
const DECLINE_REASONS = `'NO_VACANCY', 'NEEDS_NOT_MET', 'RISK_NOT_MANAGEABLE', 'OUTSIDE_AREA', 'AGE_CRITERIA_NOT_MET',
  'TIMESCALE_NOT_MET', 'OTHER'`;
const CLOSED_REASONS = `'OTHER_OFFER_ACCEPTED', 'OFFER_FELL_THROUGH', 'REQUEST_WITHDRAWN', 'REQUEST_CLOSED'`;
const STATUS_REASON = `'^[A-Z][A-Z_]{1,63}$'`;
const POSTCODE = `'^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$'`;

/**
 * Accommodation requests from referral to confirmed release address: the referral's placement
 * facts, offers, the clarification thread, address visits, the child's release address, the
 * outcome at release; and, for every mutation of the hub, idempotency keys and the outbox.
 */
export class AccommodationRequests1764140006000 implements MigrationInterface {
  name = 'AccommodationRequests1764140006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE accommodation_request
        ADD COLUMN release_date date,
        ADD COLUMN release_area text CHECK (length(release_area) BETWEEN 2 AND 100),
        ADD COLUMN preferred_areas text[] NOT NULL DEFAULT '{}' CHECK (cardinality(preferred_areas) <= 10),
        ADD COLUMN child_wishes text CHECK (length(child_wishes) <= 2000),
        ADD COLUMN support_level text NOT NULL DEFAULT 'FLOATING_SUPPORT' CHECK (support_level IN (${SUPPORT_LEVELS})),
        ADD COLUMN support_needs text[] NOT NULL DEFAULT '{}' CHECK (cardinality(support_needs) <= 20),
        -- What a placement must respect, never why: exclusion zones, licence conditions, restrictions.
        ADD COLUMN placement_risks jsonb NOT NULL
          DEFAULT '{"exclusionZones": [], "licenceConditions": [], "restrictions": []}'::jsonb
          CHECK (jsonb_typeof(placement_risks) = 'object'),
        ADD COLUMN status_reason text CHECK (status_reason ~ ${STATUS_REASON});

      -- Requests made before this migration take the planned release date and home authority. The
      -- columns stay nullable for rows written without referral details; the API always sets them.
      UPDATE accommodation_request q
         SET release_date = (SELECT e.release_date FROM custody_episode e WHERE e.child_id = q.child_id
                              ORDER BY e.entry_date DESC LIMIT 1),
             release_area = (SELECT c.home_local_authority_code FROM child c WHERE c.id = q.child_id);
      CREATE INDEX accommodation_request_status_release_idx ON accommodation_request (status, release_date, id);

      ALTER TABLE accommodation_request_recipient
        ADD COLUMN decline_reason text CHECK (decline_reason IN (${DECLINE_REASONS})),
        ADD COLUMN closed_reason text CHECK (closed_reason IN (${CLOSED_REASONS})),
        ADD COLUMN sent_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN responded_at timestamptz,
        ADD CONSTRAINT accommodation_recipient_decline_reason_only_when_declined CHECK (decline_reason IS NULL OR status = 'DECLINED'),
        ADD CONSTRAINT accommodation_recipient_closed_reason_only_when_closed CHECK (closed_reason IS NULL OR status = 'CLOSED');
      CREATE INDEX accommodation_request_recipient_inbox_idx
        ON accommodation_request_recipient (provider_agency_id, access_ends_at, request_id);

      CREATE TABLE accommodation_offer (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES accommodation_request(id),
        recipient_id uuid NOT NULL REFERENCES accommodation_request_recipient(id),
        provider_agency_id uuid NOT NULL REFERENCES agency(id),
        made_by_user_id uuid REFERENCES staff_user(id),
        made_by_client_id uuid REFERENCES machine_client(id),
        address_line1 text NOT NULL CHECK (length(address_line1) BETWEEN 1 AND 200),
        address_line2 text CHECK (length(address_line2) BETWEEN 1 AND 200),
        town text NOT NULL CHECK (length(town) BETWEEN 1 AND 100),
        postcode text NOT NULL CHECK (postcode ~ ${POSTCODE}),
        accommodation_type text NOT NULL CHECK (accommodation_type IN (${ACCOMMODATION_TYPES})),
        available_from date NOT NULL,
        conditions text CHECK (length(conditions) BETWEEN 1 AND 2000),
        hold_until date,
        status text NOT NULL DEFAULT 'MADE' CHECK (status IN ('MADE', 'ACCEPTED', 'CONFIRMED', 'NOT_ACCEPTED', 'FELL_THROUGH')),
        decided_at timestamptz,
        -- Set when the provider's part ends: it keeps seeing its own offer (and nothing of the child) until then.
        provider_visible_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((made_by_user_id IS NULL) <> (made_by_client_id IS NULL))
      );
      CREATE INDEX accommodation_offer_request_idx ON accommodation_offer (request_id, created_at);
      CREATE INDEX accommodation_offer_provider_idx ON accommodation_offer (provider_agency_id, provider_visible_until, created_at);
      CREATE UNIQUE INDEX accommodation_offer_one_live_per_recipient ON accommodation_offer (recipient_id)
        WHERE status IN ('MADE', 'ACCEPTED', 'CONFIRMED');
      CREATE UNIQUE INDEX accommodation_offer_one_accepted_per_request ON accommodation_offer (request_id)
        WHERE status IN ('ACCEPTED', 'CONFIRMED');

      -- One thread per provider: a provider never sees another provider's questions.
      CREATE TABLE accommodation_message (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES accommodation_request(id),
        recipient_id uuid NOT NULL REFERENCES accommodation_request_recipient(id),
        kind text NOT NULL CHECK (kind IN ('QUESTION', 'ANSWER')),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        author_agency_id uuid NOT NULL REFERENCES agency(id),
        author_user_id uuid REFERENCES staff_user(id),
        author_client_id uuid REFERENCES machine_client(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((author_user_id IS NULL) <> (author_client_id IS NULL))
      );
      CREATE INDEX accommodation_message_thread_idx ON accommodation_message (recipient_id, created_at);
      CREATE INDEX accommodation_message_request_idx ON accommodation_message (request_id);

      CREATE TABLE address_visit (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES accommodation_request(id),
        offer_id uuid NOT NULL REFERENCES accommodation_offer(id),
        visited_on date NOT NULL,
        suitability text NOT NULL CHECK (suitability IN ('SUITABLE', 'SUITABLE_WITH_CONDITIONS', 'UNSUITABLE')),
        notes text CHECK (length(notes) BETWEEN 1 AND 2000),
        visited_by_agency_id uuid NOT NULL REFERENCES agency(id),
        recorded_by_user_id uuid REFERENCES staff_user(id),
        recorded_by_client_id uuid REFERENCES machine_client(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recorded_by_user_id IS NULL) <> (recorded_by_client_id IS NULL))
      );
      CREATE INDEX address_visit_offer_idx ON address_visit (offer_id, visited_on DESC, recorded_at DESC);
      CREATE INDEX address_visit_request_idx ON address_visit (request_id);

      -- The child's confirmed release address (accommodation scope); a new one supersedes the last.
      CREATE TABLE release_address (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        request_id uuid NOT NULL REFERENCES accommodation_request(id),
        offer_id uuid NOT NULL REFERENCES accommodation_offer(id),
        address_line1 text NOT NULL CHECK (length(address_line1) BETWEEN 1 AND 200),
        address_line2 text CHECK (length(address_line2) BETWEEN 1 AND 200),
        town text NOT NULL CHECK (length(town) BETWEEN 1 AND 100),
        postcode text NOT NULL CHECK (postcode ~ ${POSTCODE}),
        accommodation_type text NOT NULL CHECK (accommodation_type IN (${ACCOMMODATION_TYPES})),
        available_from date NOT NULL,
        confirmed_by_agency_id uuid NOT NULL REFERENCES agency(id),
        confirmed_by_user_id uuid REFERENCES staff_user(id),
        confirmed_by_client_id uuid REFERENCES machine_client(id),
        confirmed_at timestamptz NOT NULL,
        superseded_at timestamptz,
        superseded_reason text CHECK (superseded_reason ~ ${STATUS_REASON}),
        CHECK ((confirmed_by_user_id IS NULL) <> (confirmed_by_client_id IS NULL)),
        CHECK ((superseded_at IS NULL) = (superseded_reason IS NULL))
      );
      CREATE UNIQUE INDEX release_address_one_current_per_child ON release_address (child_id) WHERE superseded_at IS NULL;
      CREATE INDEX release_address_request_idx ON release_address (request_id);

      CREATE TABLE accommodation_outcome (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        request_id uuid NOT NULL UNIQUE REFERENCES accommodation_request(id),
        release_address_id uuid REFERENCES release_address(id),
        outcome text NOT NULL CHECK (outcome IN ('SETTLED', 'TEMPORARY', 'HOMELESS')),
        released_on date NOT NULL,
        recorded_by_agency_id uuid NOT NULL REFERENCES agency(id),
        recorded_by_user_id uuid REFERENCES staff_user(id),
        recorded_by_client_id uuid REFERENCES machine_client(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recorded_by_user_id IS NULL) <> (recorded_by_client_id IS NULL))
      );
      CREATE INDEX accommodation_outcome_child_idx ON accommodation_outcome (child_id);
      CREATE INDEX accommodation_outcome_report_idx ON accommodation_outcome (released_on, outcome);

      -- A retried mutation with the same key returns its first answer instead of acting again.
      CREATE TABLE idempotency_key (
        id uuid PRIMARY KEY,
        principal_kind text NOT NULL CHECK (principal_kind IN ('user', 'client')),
        principal_id uuid NOT NULL,
        key text NOT NULL CHECK (key ~ '^[A-Za-z0-9._:-]{8,128}$'),
        operation text NOT NULL CHECK (operation ~ '^[A-Za-z][A-Za-z0-9_]{1,63}$'),
        request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        response jsonb CHECK (response IS NULL OR jsonb_typeof(response) = 'object'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_key_principal_key UNIQUE (principal_id, key)
      );
      CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

      -- Domain events written in the same transaction as the change, for partner integration to deliver.
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        occurred_at timestamptz NOT NULL,
        consortium_id uuid NOT NULL REFERENCES consortium(id),
        event_type text NOT NULL CHECK (event_type ~ '^[a-z][a-z_]*(\\.[a-z][a-z_]*){1,4}$'),
        event_version integer NOT NULL DEFAULT 1 CHECK (event_version > 0),
        aggregate_type text NOT NULL CHECK (aggregate_type ~ '^[a-z][a-z_]{1,63}$'),
        aggregate_id uuid NOT NULL,
        child_id uuid REFERENCES child(id),
        actor_agency_id uuid REFERENCES agency(id),
        correlation_id text CHECK (length(correlation_id) <= 200),
        -- Ids and codes only: a consumer fetches what it may see through the API.
        payload jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(payload) = 'object'),
        published_at timestamptz
      );
      CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL;
      CREATE INDEX outbox_event_aggregate_idx ON outbox_event (aggregate_type, aggregate_id, seq);
      CREATE INDEX outbox_event_child_idx ON outbox_event (child_id) WHERE child_id IS NOT NULL;

      CREATE TRIGGER accommodation_message_append_only BEFORE UPDATE OR DELETE ON accommodation_message
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER address_visit_append_only BEFORE UPDATE OR DELETE ON address_visit
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER accommodation_outcome_append_only BEFORE UPDATE OR DELETE ON accommodation_outcome
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();

      GRANT SELECT, INSERT, UPDATE, DELETE ON accommodation_offer, release_address, idempotency_key, outbox_event TO hub_app;
      GRANT SELECT, INSERT ON accommodation_message, address_visit, accommodation_outcome TO hub_app;
      GRANT USAGE ON SEQUENCE outbox_event_seq_seq TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE ALL ON accommodation_offer, release_address, idempotency_key, outbox_event, accommodation_message, address_visit,
        accommodation_outcome FROM hub_app;
      REVOKE ALL ON SEQUENCE outbox_event_seq_seq FROM hub_app;
      DROP TABLE outbox_event;
      DROP TABLE idempotency_key;
      DROP TABLE accommodation_outcome;
      DROP TABLE release_address;
      DROP TABLE address_visit;
      DROP TABLE accommodation_message;
      DROP TABLE accommodation_offer;

      DROP INDEX accommodation_request_recipient_inbox_idx;
      ALTER TABLE accommodation_request_recipient
        DROP CONSTRAINT accommodation_recipient_closed_reason_only_when_closed,
        DROP CONSTRAINT accommodation_recipient_decline_reason_only_when_declined,
        DROP COLUMN responded_at,
        DROP COLUMN sent_at,
        DROP COLUMN closed_reason,
        DROP COLUMN decline_reason;

      DROP INDEX accommodation_request_status_release_idx;
      ALTER TABLE accommodation_request
        DROP COLUMN status_reason,
        DROP COLUMN placement_risks,
        DROP COLUMN support_needs,
        DROP COLUMN support_level,
        DROP COLUMN child_wishes,
        DROP COLUMN preferred_areas,
        DROP COLUMN release_area,
        DROP COLUMN release_date;
    `);
  }
}
