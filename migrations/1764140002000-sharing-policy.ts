import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPES = `'identity', 'custody', 'accommodation', 'ete', 'health', 'substance_misuse', 'family', 'finance',
  'offence_risk', 'safeguarding', 'voice'`;
const AGENCY_TYPES = `'YOUTH_JUSTICE_SERVICE', 'CHILDRENS_SERVICES', 'SECURE_ESTABLISHMENT', 'PROBATION',
  'HOUSING_PROVIDER', 'CONSORTIUM_TEAM', 'EDUCATION', 'HEALTH', 'POLICE'`;

/**
 * What decides who sees a child's data beyond the agreements: consent, sharing without consent,
 * team cover, and the case relationships (probation transfer, accommodation referral, involvement).
 */
export class SharingPolicy1764140002000 implements MigrationInterface {
  name = 'SharingPolicy1764140002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE consortium ADD CONSTRAINT consortium_settings_is_object CHECK (jsonb_typeof(settings) = 'object');

      CREATE TABLE consent (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        scope text NOT NULL CHECK (scope IN (${SCOPES})),
        recipient_agency_id uuid REFERENCES agency(id),
        recipient_agency_type text CHECK (recipient_agency_type IN (${AGENCY_TYPES})),
        given_by text NOT NULL CHECK (given_by IN ('CHILD', 'PARENT', 'CARER', 'LOCAL_AUTHORITY')),
        given_at timestamptz NOT NULL,
        expires_at timestamptz,
        explanation text NOT NULL CHECK (length(explanation) BETWEEN 10 AND 4000),
        evidence_reference text CHECK (length(evidence_reference) <= 500),
        recorded_by_user_id uuid REFERENCES staff_user(id),
        recorded_by_client_id uuid REFERENCES machine_client(id),
        recorded_by_agency_id uuid NOT NULL REFERENCES agency(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by_user_id uuid REFERENCES staff_user(id),
        withdrawn_by_client_id uuid REFERENCES machine_client(id),
        withdrawal_reason text CHECK (length(withdrawal_reason) <= 2000),
        CONSTRAINT consent_one_recipient CHECK ((recipient_agency_id IS NULL) <> (recipient_agency_type IS NULL)),
        CONSTRAINT consent_expiry_after_given CHECK (expires_at IS NULL OR expires_at > given_at),
        CONSTRAINT consent_recorded_by_one CHECK ((recorded_by_user_id IS NULL) <> (recorded_by_client_id IS NULL)),
        CONSTRAINT consent_withdrawal_complete CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
      );
      CREATE INDEX consent_child_scope_idx ON consent (child_id, scope);

      -- A consent row is never rewritten: the only change allowed is recording its withdrawal, once.
      CREATE FUNCTION consent_only_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'consent records are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.withdrawn_at IS NOT NULL
           OR (to_jsonb(NEW) - ARRAY['withdrawn_at', 'withdrawn_by_user_id', 'withdrawn_by_client_id', 'withdrawal_reason'])
              IS DISTINCT FROM
              (to_jsonb(OLD) - ARRAY['withdrawn_at', 'withdrawn_by_user_id', 'withdrawn_by_client_id', 'withdrawal_reason']) THEN
          RAISE EXCEPTION 'a consent can only be withdrawn, once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER consent_only_withdrawal BEFORE UPDATE OR DELETE ON consent
        FOR EACH ROW EXECUTE FUNCTION consent_only_withdrawal();

      CREATE TABLE sharing_without_consent (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        scope text NOT NULL CHECK (scope IN (${SCOPES})),
        recipient_agency_id uuid NOT NULL REFERENCES agency(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 4000),
        legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 3 AND 500),
        authorised_by_user_id uuid NOT NULL REFERENCES staff_user(id),
        authorised_by_agency_id uuid NOT NULL REFERENCES agency(id),
        starts_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_at > starts_at)
      );
      CREATE INDEX sharing_without_consent_child_idx ON sharing_without_consent (child_id);

      CREATE TABLE team_cover_grant (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        grantee_user_id uuid NOT NULL REFERENCES staff_user(id),
        granted_by_user_id uuid NOT NULL REFERENCES staff_user(id),
        granted_by_agency_id uuid NOT NULL REFERENCES agency(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 2000),
        starts_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_at > starts_at),
        CHECK (grantee_user_id <> granted_by_user_id)
      );
      CREATE INDEX team_cover_grant_child_idx ON team_cover_grant (child_id);
      CREATE INDEX team_cover_grant_grantee_idx ON team_cover_grant (grantee_user_id, expires_at);

      CREATE TABLE case_involvement (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        agency_id uuid NOT NULL REFERENCES agency(id),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 3 AND 500),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_by_user_id uuid REFERENCES staff_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      );
      CREATE INDEX case_involvement_child_idx ON case_involvement (child_id);
      CREATE INDEX case_involvement_agency_idx ON case_involvement (agency_id, ends_at);

      CREATE TABLE probation_transfer (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        probation_agency_id uuid NOT NULL REFERENCES agency(id),
        status text NOT NULL CHECK (status IN ('REFERRED', 'JOINT_WORKING', 'HANDED_OVER', 'CANCELLED')),
        referred_on date NOT NULL,
        handover_on date,
        yjs_contingency_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX probation_transfer_child_idx ON probation_transfer (child_id);
      CREATE INDEX probation_transfer_agency_idx ON probation_transfer (probation_agency_id) WHERE status <> 'CANCELLED';

      CREATE TABLE accommodation_request (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        requested_by_agency_id uuid NOT NULL REFERENCES agency(id),
        requested_by_user_id uuid REFERENCES staff_user(id),
        status text NOT NULL CHECK (status IN ('OPEN', 'OFFER_ACCEPTED', 'CONFIRMED', 'WITHDRAWN', 'CLOSED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX accommodation_request_child_idx ON accommodation_request (child_id);

      CREATE TABLE accommodation_request_recipient (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES accommodation_request(id),
        provider_agency_id uuid NOT NULL REFERENCES agency(id),
        status text NOT NULL CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'CLARIFICATION_REQUESTED', 'OFFERED', 'DECLINED',
          'ACCEPTED', 'CLOSED')),
        access_ends_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (request_id, provider_agency_id)
      );
      CREATE INDEX accommodation_request_recipient_provider_idx ON accommodation_request_recipient (provider_agency_id);

      CREATE TABLE alert (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind ~ '^[A-Z_]{3,64}$'),
        child_id uuid REFERENCES child(id),
        addressed_to_agency_id uuid NOT NULL REFERENCES agency(id),
        addressed_to_role text NOT NULL,
        subject_type text,
        subject_id uuid,
        raised_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz,
        dedupe_key text NOT NULL UNIQUE,
        acknowledged_at timestamptz,
        acknowledged_by_user_id uuid REFERENCES staff_user(id)
      );
      CREATE INDEX alert_addressee_idx ON alert (addressed_to_agency_id, addressed_to_role, acknowledged_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE alert;
      DROP TABLE accommodation_request_recipient;
      DROP TABLE accommodation_request;
      DROP TABLE probation_transfer;
      DROP TABLE case_involvement;
      DROP TABLE team_cover_grant;
      DROP TABLE sharing_without_consent;
      DROP TABLE consent;
      DROP FUNCTION consent_only_withdrawal();
      ALTER TABLE consortium DROP CONSTRAINT consortium_settings_is_object;
    `);
  }
}
