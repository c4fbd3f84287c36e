import type { DataSource } from 'typeorm';
import { AgencyType, EstablishmentType } from '../../subgraphs/sharing/agency.enums';
import { parseConsortiumSettings, type ConsortiumSettings } from '../policy/consortium-settings';
import { AuthenticationError } from './authentication.error';
import type { HubTokenClaims, PrincipalKind } from './token-claims';

export interface AgencySummary {
  id: string;
  consortiumId: string;
  code: string;
  name: string;
  type: AgencyType;
  establishmentType: EstablishmentType | null;
  localAuthorityCode: string | null;
}

export interface ConsortiumSummary {
  id: string;
  code: string;
  settings: ConsortiumSettings;
}

/** Who is calling: a staff user or a partner system, always acting for one agency. */
export interface Principal {
  kind: PrincipalKind;
  id: string;
  /** username or client id: an identifier, never a person's name */
  handle: string;
  displayName: string;
  agency: AgencySummary;
  consortium: ConsortiumSummary;
  roles: string[];
  scopes: string[];
}

const PRINCIPAL_SQL: Record<PrincipalKind, string> = {
  user: `SELECT p.id, p.username AS handle, p.display_name, p.roles, '{}'::text[] AS scopes,
                a.id AS agency_id, a.consortium_id, a.code, a.name, a.type, a.establishment_type, a.local_authority_code,
                k.code AS consortium_code, k.settings AS consortium_settings
           FROM staff_user p JOIN agency a ON a.id = p.agency_id JOIN consortium k ON k.id = a.consortium_id
          WHERE p.id = $1 AND p.active AND a.active`,
  client: `SELECT p.id, p.client_id AS handle, p.name AS display_name, '{}'::text[] AS roles, p.scopes,
                  a.id AS agency_id, a.consortium_id, a.code, a.name, a.type, a.establishment_type, a.local_authority_code,
                  k.code AS consortium_code, k.settings AS consortium_settings
             FROM machine_client p JOIN agency a ON a.id = p.agency_id JOIN consortium k ON k.id = a.consortium_id
            WHERE p.id = $1 AND p.active AND a.active`,
};

/** Loads the principal named by a verified token; an unknown or deactivated one is unauthenticated. */
export async function loadPrincipal(db: DataSource, claims: HubTokenClaims): Promise<Principal> {
  const rows: PrincipalRow[] = await db.query(PRINCIPAL_SQL[claims.typ], [claims.sub]);
  return principalFrom(rows, claims);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The principal's query with its id written in, for a message that carries other statements too
 * (a request's transaction begins with it): such a message cannot bind parameters. The id is a
 * verified token's subject and is checked again here to be a bare UUID.
 */
export function principalStatement(claims: HubTokenClaims): string {
  if (!UUID.test(claims.sub)) throw new AuthenticationError('bad subject');
  return PRINCIPAL_SQL[claims.typ].replace('$1', `'${claims.sub}'::uuid`);
}

export function principalFrom(rows: PrincipalRow[], claims: HubTokenClaims): Principal {
  const row = rows[0];
  if (!row) throw new AuthenticationError(`no active ${claims.typ} ${claims.sub}`);
  return {
    kind: claims.typ,
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    roles: row.roles,
    scopes: row.scopes,
    agency: {
      id: row.agency_id,
      consortiumId: row.consortium_id,
      code: row.code,
      name: row.name,
      type: row.type,
      establishmentType: row.establishment_type,
      localAuthorityCode: row.local_authority_code,
    },
    consortium: { id: row.consortium_id, code: row.consortium_code, settings: parseConsortiumSettings(row.consortium_settings) },
  };
}

export interface PrincipalRow {
  id: string;
  handle: string;
  display_name: string;
  roles: string[];
  scopes: string[];
  agency_id: string;
  consortium_id: string;
  code: string;
  name: string;
  type: AgencyType;
  establishment_type: EstablishmentType | null;
  local_authority_code: string | null;
  consortium_code: string;
  consortium_settings: unknown;
}
