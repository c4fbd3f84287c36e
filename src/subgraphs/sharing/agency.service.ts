import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import type { AgencyType, EstablishmentType } from './agency.enums';
import type { Agency } from './agency.type';

const SELECT_AGENCY = `
  SELECT a.id, a.code, a.name, a.type, a.establishment_type, la.code AS la_code, la.name AS la_name
    FROM agency a LEFT JOIN local_authority la ON la.code = a.local_authority_code
   WHERE a.consortium_id = $1 AND a.active`;

/** The consortium's agency directory. It holds no child data, so any authenticated caller may read it. */
export class AgencyService {
  constructor(private readonly db: DataSource) {}

  async list(ctx: RequestContext, type?: AgencyType): Promise<Agency[]> {
    const rows: AgencyRow[] = type
      ? await this.db.query(`${SELECT_AGENCY} AND a.type = $2 ORDER BY a.name`, [ctx.principal.agency.consortiumId, type])
      : await this.db.query(`${SELECT_AGENCY} ORDER BY a.name`, [ctx.principal.agency.consortiumId]);
    return rows.map(toAgency);
  }

  /** Only agencies of the caller's own consortium exist for the caller. */
  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, Agency>> {
    return findAgencies(this.db, ctx.principal.agency.consortiumId, ids);
  }
}

export async function findAgencies(db: Queryable, consortiumId: string, ids: readonly string[]): Promise<Map<string, Agency>> {
  const rows = (await db.query(`${SELECT_AGENCY} AND a.id = ANY($2::uuid[])`, [consortiumId, ids])) as AgencyRow[];
  return new Map(rows.map((row) => [row.id, toAgency(row)]));
}

/** Batches every Agency a request's results point at into one query. */
export function agencyLoader(ctx: RequestContext) {
  return ctx.loaders.get('agency', async (ids) => findAgencies(await ctx.tx.manager(), ctx.principal.consortium.id, ids));
}

interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

interface AgencyRow {
  id: string;
  code: string;
  name: string;
  type: AgencyType;
  establishment_type: EstablishmentType | null;
  la_code: string | null;
  la_name: string | null;
}

function toAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    establishmentType: row.establishment_type,
    localAuthority: row.la_code && row.la_name ? { code: row.la_code, name: row.la_name } : null,
  };
}
