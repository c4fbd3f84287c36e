import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is calling (src/shared/auth/principal.ts), as a stored function. Every request begins its
 * transaction with this lookup in the same message, and a message of several statements cannot
 * bind parameters, so the lookup was sent with its id written in and planned at every request
 * (0.27 ms of planning to 0.05 of running). Inside a function its statements are planned once per
 * connection; what is planned per request is only the call.
 */
export class PrincipalFunction1764140013000 implements MigrationInterface {
  name = 'PrincipalFunction1764140013000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION hub_principal(p_kind text, p_id uuid)
        RETURNS TABLE (id uuid, handle text, display_name text, roles text[], scopes text[], agency_id uuid, consortium_id uuid,
                       code text, name text, type text, establishment_type text, local_authority_code text, consortium_code text,
                       consortium_settings jsonb)
        LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $principal$
      BEGIN
        IF p_kind = 'user' THEN
          RETURN QUERY
            SELECT p.id, p.username, p.display_name, p.roles, '{}'::text[], a.id, a.consortium_id, a.code, a.name, a.type,
                   a.establishment_type, a.local_authority_code, k.code, k.settings
              FROM staff_user p JOIN agency a ON a.id = p.agency_id JOIN consortium k ON k.id = a.consortium_id
             WHERE p.id = p_id AND p.active AND a.active;
        ELSIF p_kind = 'client' THEN
          RETURN QUERY
            SELECT p.id, p.client_id, p.name, '{}'::text[], p.scopes, a.id, a.consortium_id, a.code, a.name, a.type,
                   a.establishment_type, a.local_authority_code, k.code, k.settings
              FROM machine_client p JOIN agency a ON a.id = p.agency_id JOIN consortium k ON k.id = a.consortium_id
             WHERE p.id = p_id AND p.active AND a.active;
        ELSE
          RAISE EXCEPTION 'unknown kind of principal: %', p_kind;
        END IF;
      END
      $principal$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION hub_principal(text, uuid)');
  }
}
