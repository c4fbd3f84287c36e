import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The disclosure log as several hash chains instead of one. A single chain serialised every
 * audited request, its lock held through the COMMIT's WAL flush; with eight, concurrent requests
 * append to different chains and their commits flush together. Existing entries are chain 0, which
 * starts at the old genesis, so they verify as before. A checkpoint now records each chain's head.
 */
export class AuditChains1764140010000 implements MigrationInterface {
  name = 'AuditChains1764140010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_event ADD COLUMN chain smallint NOT NULL DEFAULT 0 CHECK (chain >= 0 AND chain < 8);
      CREATE INDEX audit_event_chain_seq_idx ON audit_event (chain, seq);
      -- Null on checkpoints written before this migration: chain 0's head was their last_hash.
      ALTER TABLE audit_checkpoint ADD COLUMN chain_heads jsonb CHECK (jsonb_typeof(chain_heads) = 'object');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_checkpoint DROP COLUMN chain_heads;
      DROP INDEX audit_event_chain_seq_idx;
      ALTER TABLE audit_event DROP COLUMN chain;
    `);
  }
}
