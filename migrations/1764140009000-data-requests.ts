import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPES = `'identity', 'custody', 'accommodation', 'ete', 'health', 'substance_misuse', 'family', 'finance',
  'offence_risk', 'safeguarding', 'voice'`;

/**
 * Requests for data: one agency of a child's case asks another for information it holds, to be
 * answered within the consortium's timescale. Codes and dates only: what is shared in answer flows
 * through the child's records under the agreements, never through the request.
 */
export class DataRequests1764140009000 implements MigrationInterface {
  name = 'DataRequests1764140009000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_request (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        requesting_agency_id uuid NOT NULL REFERENCES agency(id),
        requested_by_user_id uuid REFERENCES staff_user(id),
        requested_by_client_id uuid REFERENCES machine_client(id),
        addressed_agency_id uuid NOT NULL REFERENCES agency(id),
        scopes text[] NOT NULL CHECK (cardinality(scopes) BETWEEN 1 AND 11 AND scopes <@ ARRAY[${SCOPES}]::text[]),
        purpose text NOT NULL CHECK (purpose ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        requested_at timestamptz NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ANSWERED', 'DECLINED', 'WITHDRAWN')),
        outcome text CHECK (outcome IN ('PROVIDED', 'NOT_HELD', 'DECLINED')),
        decline_reason text CHECK (decline_reason IN ('NO_AGREEMENT', 'CONSENT_REQUIRED', 'NOT_PROPORTIONATE', 'NOT_OUR_CASE')),
        responded_at timestamptz,
        responded_by_user_id uuid REFERENCES staff_user(id),
        responded_by_client_id uuid REFERENCES machine_client(id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        CONSTRAINT data_request_not_to_self CHECK (addressed_agency_id <> requesting_agency_id),
        CONSTRAINT data_request_requested_by_one CHECK ((requested_by_user_id IS NULL) <> (requested_by_client_id IS NULL)),
        CONSTRAINT data_request_response_complete CHECK (
          (status = 'OPEN') = (responded_at IS NULL)
          AND (status IN ('ANSWERED', 'DECLINED')) = (outcome IS NOT NULL)
          AND (status = 'DECLINED') = (outcome IS NOT DISTINCT FROM 'DECLINED')
          AND (outcome IS NOT DISTINCT FROM 'DECLINED') = (decline_reason IS NOT NULL)
        )
      );
      CREATE INDEX data_request_addressed_idx ON data_request (addressed_agency_id, status, due_on, id);
      CREATE INDEX data_request_requesting_idx ON data_request (requesting_agency_id, status, due_on, id);
      CREATE INDEX data_request_child_idx ON data_request (child_id);
      CREATE INDEX data_request_due_idx ON data_request (due_on);
      GRANT SELECT, INSERT, UPDATE ON data_request TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE data_request;`);
  }
}
