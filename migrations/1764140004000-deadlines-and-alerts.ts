import { MigrationInterface, QueryRunner } from 'typeorm';

const PATHWAYS = `'CASE_MANAGEMENT', 'ACCOMMODATION', 'ETE', 'HEALTH', 'SUBSTANCE_MISUSE', 'FAMILIES', 'FINANCE'`;
const STATUSES = `'OPEN', 'MET', 'MISSED', 'CANCELLED'`;

/**
 * Deadlines computed in working days, and alerts raised from them. One deadline row per rule per
 * custody episode, recomputed in place when its anchor date moves; every move and change of status
 * is kept in the append-only `deadline_change`. Alerts gain their deadline, escalation level and
 * stage, and a resolution for alerts that stopped mattering (deadline met, moved or escalated).
 */
export class DeadlinesAndAlerts1764140004000 implements MigrationInterface {
  name = 'DeadlinesAndAlerts1764140004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deadline (
        id uuid PRIMARY KEY,
        child_id uuid NOT NULL REFERENCES child(id),
        custody_episode_id uuid NOT NULL REFERENCES custody_episode(id),
        rule_code text NOT NULL CHECK (rule_code ~ '^[A-Z][A-Z0-9_]{2,47}$'),
        pathway text NOT NULL CHECK (pathway IN (${PATHWAYS})),
        anchor text NOT NULL CHECK (anchor IN ('SENTENCE_DATE', 'ENTRY_DATE', 'RELEASE_DATE', 'ACTUAL_RELEASE_DATE')),
        basis_date date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        met_at timestamptz,
        next_check_on date,
        computed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT deadline_one_per_rule_per_episode UNIQUE (custody_episode_id, rule_code),
        CONSTRAINT deadline_met_has_time CHECK ((status = 'MET') = (met_at IS NOT NULL)),
        CONSTRAINT deadline_settled_needs_no_check CHECK (status IN ('OPEN', 'MISSED') OR next_check_on IS NULL)
      );
      CREATE INDEX deadline_child_idx ON deadline (child_id, due_on);
      CREATE INDEX deadline_next_check_idx ON deadline (next_check_on) WHERE next_check_on IS NOT NULL;

      CREATE TABLE deadline_change (
        id uuid PRIMARY KEY,
        deadline_id uuid NOT NULL REFERENCES deadline(id),
        child_id uuid NOT NULL REFERENCES child(id),
        kind text NOT NULL CHECK (kind IN ('MOVED', 'MET', 'MISSED', 'REOPENED', 'CANCELLED')),
        previous_basis_date date NOT NULL,
        basis_date date NOT NULL,
        previous_due_on date NOT NULL,
        due_on date NOT NULL,
        previous_status text NOT NULL CHECK (previous_status IN (${STATUSES})),
        status text NOT NULL CHECK (status IN (${STATUSES})),
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX deadline_change_deadline_idx ON deadline_change (deadline_id, changed_at);
      CREATE INDEX deadline_change_child_idx ON deadline_change (child_id);
      CREATE TRIGGER deadline_change_append_only BEFORE UPDATE OR DELETE ON deadline_change
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();

      ALTER TABLE alert
        ADD COLUMN deadline_id uuid REFERENCES deadline(id),
        ADD COLUMN level smallint CHECK (level BETWEEN 1 AND 50),
        ADD COLUMN stage text CHECK (stage ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN resolution text CHECK (resolution IN ('MET', 'CANCELLED', 'SUPERSEDED')),
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD CONSTRAINT alert_resolution_complete CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
        ADD CONSTRAINT alert_deadline_has_stage CHECK ((deadline_id IS NULL) = (stage IS NULL AND level IS NULL));
      CREATE INDEX alert_deadline_idx ON alert (deadline_id) WHERE deadline_id IS NOT NULL;
      CREATE INDEX alert_addressee_raised_idx ON alert (addressed_to_agency_id, addressed_to_role, raised_at DESC, id DESC);

      GRANT SELECT, INSERT, UPDATE, DELETE ON deadline TO hub_app;
      GRANT SELECT, INSERT ON deadline_change TO hub_app;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      REVOKE ALL ON deadline_change FROM hub_app;
      REVOKE ALL ON deadline FROM hub_app;
      DROP INDEX alert_addressee_raised_idx;
      DROP INDEX alert_deadline_idx;
      ALTER TABLE alert
        DROP CONSTRAINT alert_deadline_has_stage,
        DROP CONSTRAINT alert_resolution_complete,
        DROP COLUMN version,
        DROP COLUMN resolution,
        DROP COLUMN resolved_at,
        DROP COLUMN stage,
        DROP COLUMN level,
        DROP COLUMN deadline_id;
      DROP TABLE deadline_change;
      DROP TABLE deadline;
    `);
  }
}
