import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The disclosure-log append as a stored function instead of an anonymous block sent with every
 * request: PostgreSQL compiled the block, and planned its statements, on every audited request; a
 * function is compiled once per connection and its statements' plans are kept. The body is the
 * block as it was (src/shared/audit/audit-writer.ts), with its constants written in: eight chains,
 * advisory lock class 7310062, the all-zero genesis hash.
 */
export class AuditAppendFunction1764140011000 implements MigrationInterface {
  name = 'AuditAppendFunction1764140011000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION audit_append(data jsonb) RETURNS integer LANGUAGE plpgsql AS $append$
      DECLARE
        chain_no integer := -1;
        prev text;
        prevs text[] := '{}';
        hashes text[] := '{}';
        entry record;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'the audit chain can only be appended under READ COMMITTED (transaction is %)', current_setting('transaction_isolation');
        END IF;
        FOR c IN 0..7 LOOP
          IF pg_try_advisory_xact_lock(7310062, c) THEN
            chain_no := c;
            EXIT;
          END IF;
        END LOOP;
        IF chain_no < 0 THEN
          chain_no := pg_backend_pid() % 8;
          PERFORM pg_advisory_xact_lock(7310062, chain_no);
        END IF;
        prev := coalesce(
          (SELECT a.hash FROM audit_event a WHERE a.chain = chain_no ORDER BY a.seq DESC LIMIT 1),
          (SELECT coalesce(k.chain_heads->>(chain_no::text), CASE WHEN chain_no = 0 AND k.chain_heads IS NULL THEN k.last_hash END)
             FROM audit_checkpoint k ORDER BY k.purged_through_seq DESC LIMIT 1),
          CASE WHEN chain_no = 0 THEN repeat('0', 64) ELSE encode(sha256(convert_to(repeat('0', 64) || ':' || chain_no, 'UTF8')), 'hex') END);
        FOR entry IN SELECT x.canonical FROM ROWS FROM (jsonb_to_recordset(data) AS (canonical text)) WITH ORDINALITY AS x(canonical, n)
                     ORDER BY x.n LOOP
          prevs := prevs || prev;
          prev := encode(sha256(convert_to(prev || entry.canonical, 'UTF8')), 'hex');
          hashes := hashes || prev;
        END LOOP;
        -- Rows are inserted in ordinality order, so the identity seq follows the chain.
        INSERT INTO audit_event (chain, id, occurred_at, actor_kind, actor_id, actor_agency_id, actor_roles, purpose, operation, outcome,
                                 reason, child_ids, scopes, resource, justification, correlation_id, client_address, user_agent, prev_hash, hash)
        SELECT chain_no, r.id, r.occurred_at, r.actor_kind, r.actor_id, r.actor_agency_id, r.actor_roles, r.purpose, r.operation, r.outcome,
               r.reason, r.child_ids, r.scopes, r.resource, r.justification, r.correlation_id, r.client_address, r.user_agent,
               prevs[r.ordinality], hashes[r.ordinality]
          FROM ROWS FROM (jsonb_to_recordset(data) AS (
                 id uuid, occurred_at timestamptz, actor_kind text, actor_id uuid, actor_agency_id uuid, actor_roles text[], purpose text,
                 operation text, outcome text, reason text, child_ids uuid[], scopes text[], resource text, justification jsonb,
                 correlation_id text, client_address text, user_agent text, canonical text)) WITH ORDINALITY AS r
         ORDER BY r.ordinality;
        RETURN chain_no;
      END $append$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION audit_append(jsonb)`);
  }
}
