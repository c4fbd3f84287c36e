import { MigrationInterface, QueryRunner } from 'typeorm';

const PATHWAYS = `'CASE_MANAGEMENT', 'ACCOMMODATION', 'ETE', 'HEALTH', 'SUBSTANCE_MISUSE', 'FAMILIES', 'FINANCE'`;
const MET_AT_GATE_BY = `'YJS_WORKER', 'PARENT_OR_CARER', 'SOCIAL_WORKER', 'ACCOMMODATION_PROVIDER', 'MENTOR',
  'OTHER_PROFESSIONAL', 'NOBODY'`;

/**
 * Writes by the agency that owns the fact: actions agreed at meetings, ROTL, release details and
 * the transition to probation. The release address itself is never stored with custody facts:
 * the episode only points at the accommodation request that holds it (accommodation scope).
 */
export class CaseWrites1764140005000 implements MigrationInterface {
  name = 'CaseWrites1764140005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Child records that point at a meeting or an episode must be about the same child.
      ALTER TABLE meeting ADD CONSTRAINT meeting_id_child_key UNIQUE (id, child_id);
      ALTER TABLE custody_episode ADD CONSTRAINT custody_episode_id_child_key UNIQUE (id, child_id);

      CREATE TABLE meeting_action (
        id uuid PRIMARY KEY,
        meeting_id uuid NOT NULL,
        child_id uuid NOT NULL REFERENCES child(id),
        position integer NOT NULL CHECK (position >= 1),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        pathway text CHECK (pathway IN (${PATHWAYS})),
        owner_agency_id uuid NOT NULL REFERENCES agency(id),
        owner_role text NOT NULL CHECK (owner_role ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        completed_on date,
        status_note text CHECK (length(status_note) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        CONSTRAINT meeting_action_position_key UNIQUE (meeting_id, position),
        CONSTRAINT meeting_action_same_child FOREIGN KEY (meeting_id, child_id) REFERENCES meeting (id, child_id),
        CONSTRAINT meeting_action_done_has_date CHECK ((status = 'DONE') = (completed_on IS NOT NULL))
      );
      CREATE INDEX meeting_action_child_idx ON meeting_action (child_id, status, due_on);
      CREATE INDEX meeting_action_owner_idx ON meeting_action (owner_agency_id, status, due_on);

      CREATE TABLE rotl_request (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        custody_episode_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('EDUCATION', 'WORK', 'FAMILY', 'RESETTLEMENT', 'OTHER')),
        requested_from date NOT NULL,
        requested_until date NOT NULL,
        details text NOT NULL CHECK (length(details) BETWEEN 1 AND 2000),
        requested_by_agency_id uuid NOT NULL REFERENCES agency(id),
        requested_by_user_id uuid REFERENCES staff_user(id),
        requested_by_client_id uuid REFERENCES machine_client(id),
        status text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED', 'APPROVED', 'REFUSED', 'CLOSED')),
        decision text CHECK (decision IN ('APPROVED', 'REFUSED')),
        decided_on date,
        decided_by_agency_id uuid REFERENCES agency(id),
        decision_reason text CHECK (length(decision_reason) BETWEEN 1 AND 2000),
        outcome text CHECK (outcome IN ('COMPLETED', 'RETURNED_LATE', 'FAILED_TO_RETURN', 'NOT_TAKEN')),
        outcome_recorded_on date,
        outcome_note text CHECK (length(outcome_note) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        CONSTRAINT rotl_request_same_child FOREIGN KEY (custody_episode_id, child_id) REFERENCES custody_episode (id, child_id),
        CONSTRAINT rotl_dates_in_order CHECK (requested_until >= requested_from),
        CONSTRAINT rotl_requested_by_one CHECK ((requested_by_user_id IS NULL) <> (requested_by_client_id IS NULL)),
        CONSTRAINT rotl_decided_unless_requested
          CHECK ((status = 'REQUESTED') = (decision IS NULL AND decided_on IS NULL AND decided_by_agency_id IS NULL)),
        CONSTRAINT rotl_status_follows_decision CHECK (status NOT IN ('APPROVED', 'REFUSED') OR status = decision),
        CONSTRAINT rotl_closed_has_outcome CHECK ((status = 'CLOSED') = (outcome IS NOT NULL AND outcome_recorded_on IS NOT NULL)),
        CONSTRAINT rotl_outcome_only_if_approved CHECK (status <> 'CLOSED' OR decision = 'APPROVED')
      );
      CREATE INDEX rotl_request_child_idx ON rotl_request (child_id, requested_from DESC);
      CREATE INDEX rotl_request_episode_idx ON rotl_request (custody_episode_id);

      ALTER TABLE custody_episode
        ADD COLUMN met_at_gate_by text CHECK (met_at_gate_by IN (${MET_AT_GATE_BY})),
        ADD COLUMN met_at_gate_by_agency_id uuid REFERENCES agency(id),
        ADD COLUMN release_accommodation_request_id uuid REFERENCES accommodation_request(id),
        ADD CONSTRAINT custody_release_details_only_when_released CHECK (status = 'RELEASED' OR
          (met_at_gate_by IS NULL AND met_at_gate_by_agency_id IS NULL AND release_accommodation_request_id IS NULL)),
        ADD CONSTRAINT custody_release_after_sentence
          CHECK (sentence_date IS NULL OR release_date IS NULL OR release_date >= sentence_date),
        ADD CONSTRAINT custody_actual_release_after_sentence
          CHECK (sentence_date IS NULL OR actual_release_date IS NULL OR actual_release_date >= sentence_date);

      ALTER TABLE probation_transfer
        ADD COLUMN referred_by_agency_id uuid REFERENCES agency(id),
        ADD COLUMN joint_working_from date,
        ADD COLUMN cancelled_on date,
        ADD COLUMN cancellation_reason text CHECK (length(cancellation_reason) BETWEEN 1 AND 2000),
        ADD CONSTRAINT probation_joint_working_after_referral
          CHECK (joint_working_from IS NULL OR joint_working_from >= referred_on),
        ADD CONSTRAINT probation_handover_after_joint_working
          CHECK (handover_on IS NULL OR (joint_working_from IS NOT NULL AND handover_on >= joint_working_from)),
        ADD CONSTRAINT probation_joint_working_status
          CHECK (status NOT IN ('JOINT_WORKING', 'HANDED_OVER') OR joint_working_from IS NOT NULL),
        ADD CONSTRAINT probation_handed_over_has_date CHECK ((status = 'HANDED_OVER') = (handover_on IS NOT NULL)),
        ADD CONSTRAINT probation_contingency_two_months
          CHECK (yjs_contingency_until IS NOT DISTINCT FROM (handover_on + interval '2 months')::date),
        -- Rows cancelled before these columns existed have neither; the hub always records both.
        ADD CONSTRAINT probation_cancellation_only_when_cancelled CHECK (cancelled_on IS NULL OR status = 'CANCELLED'),
        ADD CONSTRAINT probation_cancellation_complete CHECK ((cancelled_on IS NULL) = (cancellation_reason IS NULL));
      CREATE UNIQUE INDEX probation_transfer_one_in_progress_per_child ON probation_transfer (child_id)
        WHERE status IN ('REFERRED', 'JOINT_WORKING');

      GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_action TO hub_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON rotl_request TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE ALL ON rotl_request FROM hub_app;
      REVOKE ALL ON meeting_action FROM hub_app;

      DROP INDEX probation_transfer_one_in_progress_per_child;
      ALTER TABLE probation_transfer
        DROP CONSTRAINT probation_cancellation_complete,
        DROP CONSTRAINT probation_cancellation_only_when_cancelled,
        DROP CONSTRAINT probation_contingency_two_months,
        DROP CONSTRAINT probation_handed_over_has_date,
        DROP CONSTRAINT probation_joint_working_status,
        DROP CONSTRAINT probation_handover_after_joint_working,
        DROP CONSTRAINT probation_joint_working_after_referral,
        DROP COLUMN cancellation_reason,
        DROP COLUMN cancelled_on,
        DROP COLUMN joint_working_from,
        DROP COLUMN referred_by_agency_id;

      ALTER TABLE custody_episode
        DROP CONSTRAINT custody_actual_release_after_sentence,
        DROP CONSTRAINT custody_release_after_sentence,
        DROP CONSTRAINT custody_release_details_only_when_released,
        DROP COLUMN release_accommodation_request_id,
        DROP COLUMN met_at_gate_by_agency_id,
        DROP COLUMN met_at_gate_by;

      DROP TABLE rotl_request;
      DROP TABLE meeting_action;
      ALTER TABLE custody_episode DROP CONSTRAINT custody_episode_id_child_key;
      ALTER TABLE meeting DROP CONSTRAINT meeting_id_child_key;
    `);
  }
}
