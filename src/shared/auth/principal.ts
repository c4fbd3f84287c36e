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

/** The active principal of a kind by id, with its agency and consortium (migrations/1764140013000-principal-function.ts). */
const PRINCIPAL_SQL = 'SELECT * FROM hub_principal($1, $2)';
const KINDS: ReadonlySet<string> = new Set<PrincipalKind>(['user', 'client']);

/** Loads the principal named by a verified token; an unknown or deactivated one is unauthenticated. */
export async function loadPrincipal(db: DataSource, claims: HubTokenClaims): Promise<Principal> {
  const rows: PrincipalRow[] = await db.query(PRINCIPAL_SQL, [claims.typ, claims.sub]);
  return principalFrom(rows, claims);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The principal's query with its id written in, for a message that carries other statements too
 * (a request's transaction begins with it): such a message cannot bind parameters. The id is a
 * verified token's subject and is checked again here to be a bare UUID, the kind to be a known one.
 */
export function principalStatement(claims: HubTokenClaims): string {
  if (!UUID.test(claims.sub) || !KINDS.has(claims.typ)) throw new AuthenticationError('bad subject');
  return `SELECT * FROM hub_principal('${claims.typ}', '${claims.sub}'::uuid)`;
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
