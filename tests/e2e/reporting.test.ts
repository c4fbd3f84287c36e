import { buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isObjectType, isScalarType, type GraphQLNamedType, type IntrospectionQuery } from 'graphql';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const TABLE = `name title dimension columns csv
  rows { label total { value suppressed } values { column value suppressed } }
  totals { label total { value suppressed } values { column value suppressed } }`;
const CUSTODY = `query($dimension: ReportDimension!, $period: ReportPeriodInput) {
  custodyReport(dimension: $dimension, period: $period) {
    scope scopeCode suppressionThreshold period { fromMonth toMonth } previousPeriod { fromMonth toMonth }
    tables { ${TABLE} previousPeriod { ${TABLE} } }
  }
}`;
const OTHER = (name: string) => `query($period: ReportPeriodInput) {
  ${name}(period: $period) { scope scopeCode tables { ${TABLE} previousPeriod { name } } }
}`;

interface Cell { column: string; value: number | null; suppressed: boolean }
interface Row { label: string; total: { value: number | null; suppressed: boolean } | null; values: Cell[] }
interface Table { name: string; title: string; dimension: string; columns: string[]; csv: string; rows: Row[]; totals: Row | null; previousPeriod: Table | null }
interface Report { scope: string; scopeCode: string; suppressionThreshold: number; period: { fromMonth: string; toMonth: string }; previousPeriod: { fromMonth: string; toMonth: string }; tables: Table[] }

async function report(as: string | { token: string }, query: string, variables: Record<string, unknown>, field = 'custodyReport') {
  const options = typeof as === 'string' ? { as, variables } : { token: as.token, variables };
  const { body } = await hub.query<Record<string, Report>>(query, options);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data![field];
}

function byName(r: Report, name: string): Table {
  const t = r.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

/** No published figure is small, and no row or column with a published total has exactly one hidden figure. */
function expectProtected(table: Table, threshold = 5) {
  const rows = [...table.rows, ...(table.totals ? [table.totals] : [])];
  for (const row of rows) {
    for (const v of [...row.values, ...(row.total ? [row.total] : [])]) {
      if (v.value !== null) expect(v.value === 0 || v.value >= threshold).toBe(true);
      expect(v.suppressed).toBe(v.value === null);
    }
    if (row.total && row.total.value !== null) expect([...row.values, row.total].filter((v) => v.suppressed).length).not.toBe(1);
  }
  if (table.totals) {
    table.columns.forEach((_, c) => {
      const column = [...table.rows.map((r) => r.values[c]), table.totals!.values[c]];
      expect(column.filter((v) => v.suppressed).length).not.toBe(1);
    });
  }
}

describe('who gets which report', () => {
  it('gives the Leeds operational manager the tables for Leeds children only', async () => {
    const r = await report('leeds.om', CUSTODY, { dimension: 'HOME_AUTHORITY' });
    expect(r.scope).toBe('LOCAL_AUTHORITY');
    expect(r.scopeCode).toBe('LEEDS');
    expect(r.suppressionThreshold).toBe(5);
    for (const t of r.tables) {
      expect(t.rows.map((x) => x.label)).toEqual(['LEEDS']);
      expectProtected(t);
    }
  });

  it('gives the consortium link worker the whole consortium, every authority a row', async () => {
    const r = await report('swyrc.lw', CUSTODY, { dimension: 'HOME_AUTHORITY' });
    expect(r.scope).toBe('CONSORTIUM');
    const authorities: { code: string }[] = await hub.db.query(
      `SELECT la.code FROM local_authority la JOIN consortium k ON k.id = la.consortium_id WHERE k.code = $1 ORDER BY la.code`,
      [r.scopeCode],
    );
    for (const t of r.tables) {
      expect(t.rows.map((x) => x.label)).toEqual(authorities.map((a) => a.code));
      expectProtected(t);
    }
  });

  it('publishes releases that agree with the case records wherever a figure is not suppressed', async () => {
    const r = await report('swyrc.lw', CUSTODY, { dimension: 'HOME_AUTHORITY' });
    const releases = byName(r, 'RELEASES_BY_MONTH');
    const counts: { la: string; month: string; n: string }[] = await hub.db.query(
      `SELECT c.home_local_authority_code AS la, to_char(e.actual_release_date, 'YYYY-MM') AS month, count(DISTINCT c.id) AS n
         FROM custody_episode e JOIN child c ON c.id = e.child_id JOIN consortium k ON k.id = c.consortium_id
        WHERE k.code = $1 AND e.status = 'RELEASED' GROUP BY 1, 2`,
      [r.scopeCode],
    );
    for (const row of releases.rows) {
      for (const cell of row.values) {
        const expected = Number(counts.find((x) => x.la === row.label && x.month === cell.column)?.n ?? 0);
        if (cell.value !== null) expect(cell.value).toBe(expected);
        else expect(expected).toBeGreaterThan(0); // a hidden zero would be pointless: zeros are shown
      }
    }
  });

  it('refuses a housing officer, and audits the refusal', async () => {
    const { body } = await hub.query(OTHER('timelinessReport'), { as: 'housing.leeds' });
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(body.data?.timelinessReport ?? null).toBeNull();
    const [entry] = await hub.db.query(
      `SELECT operation, outcome, child_ids, resource FROM audit_event WHERE resource = 'report:timeliness' AND outcome = 'DENIED'
        ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ operation: 'CONSULT', outcome: 'DENIED', child_ids: [], resource: 'report:timeliness' });
  });

  it('records each report read in the audit log with no child ids', async () => {
    await report('leeds.om', OTHER('sharingReport'), {}, 'sharingReport');
    const [entry] = await hub.db.query(
      `SELECT operation, outcome, child_ids FROM audit_event WHERE resource = 'report:sharing' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry).toEqual({ operation: 'CONSULT', outcome: 'ALLOWED', child_ids: [] });
  });

  it('rejects a malformed or too long period', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ fromMonth: '2025-13', toMonth: '2026-01' }, 'fromMonth'],
      [{ fromMonth: '2025-05', toMonth: '2025-01' }, 'period.toMonth'],
      [{ fromMonth: '2020-01', toMonth: '2025-01' }, 'period'],
    ];
    for (const [period, field] of cases) {
      const { body } = await hub.query(CUSTODY, { as: 'leeds.om', variables: { dimension: 'SEX', period } });
      expect(body.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(body.errors?.[0].extensions)).toContain(field);
    }
  });

  it('answers every report for the demo data with protected tables and CSV', async () => {
    let suppressed = 0;
    for (const name of ['timelinessReport', 'releaseOutcomesReport', 'sharingReport']) {
      const r = await report('leeds.om', OTHER(name), {}, name);
      expect(r.tables.length).toBeGreaterThan(0);
      for (const t of r.tables) {
        suppressed += t.rows.flatMap((row) => row.values).filter((v) => v.suppressed).length;
        if (t.rows.some((row) => row.values.some((v) => v.suppressed))) expect(t.csv).toContain('[c]');
        expectProtected(t);
        expect(t.previousPeriod?.name).toBe(t.name);
        expect(t.csv.split('\r\n')[0]).toBe([t.dimension, ...t.columns, ...(t.rows[0]?.total ? ['TOTAL'] : [])].join(','));
      }
    }
    expect(suppressed).toBeGreaterThan(0); // one authority's small demo caseload: suppression shows
  });
});

describe('the reporting schema holds aggregates only', () => {
  it('reaches no ID field and no free-text String from any report query', async () => {
    const { body } = await hub.query<IntrospectionQuery>(getIntrospectionQuery(), { as: 'leeds.om', service: 'cases' });
    const schema = buildClientSchema(body.data!);
    const queries = ['custodyReport', 'timelinessReport', 'releaseOutcomesReport', 'sharingReport'];
    // Strings allowed: table metadata, category codes, months and the CSV built from those.
    const allowed = new Set(['Report.scopeCode', 'ReportPeriod.fromMonth', 'ReportPeriod.toMonth', 'ReportTable.name', 'ReportTable.title',
      'ReportTable.dimension', 'ReportTable.columns', 'ReportTable.csv', 'ReportRow.label', 'ReportCell.column']);
    const seen = new Set<string>();
    const strings: string[] = [];
    const walk = (type: GraphQLNamedType) => {
      if (seen.has(type.name)) return;
      seen.add(type.name);
      if (!isObjectType(type)) return;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        expect(`${type.name}.${field.name}: ${named.name}`).not.toMatch(/: ID$/);
        expect(field.name).not.toMatch(/^id$|Id$|Ids$/);
        if (isScalarType(named) && named.name === 'String') strings.push(`${type.name}.${field.name}`);
        expect(isObjectType(named) || isScalarType(named) || isEnumType(named)).toBe(true);
        walk(named);
      }
    };
    for (const q of queries) walk(getNamedType(schema.getQueryType()!.getFields()[q].type));
    expect(seen.has('Child')).toBe(false);
    expect(strings.sort()).toEqual([...allowed].sort());
    expect([...seen].filter((t) => !t.startsWith('Report') && !['String', 'Int', 'Boolean'].includes(t))).toEqual([]);
  });
});
