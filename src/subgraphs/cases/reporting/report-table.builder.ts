import { suppressSmallCells } from './small-cell-suppression';
import type { ReportCell, ReportRow, ReportTable } from './report.type';

/** A count per (row label, column) from SQL; missing pairs count zero. */
export interface CountRow {
  label: string;
  col: string;
  n: number | string;
}

export interface TableSpec {
  name: string;
  title: string;
  dimension: string;
  /** Row labels in display order; labels found in the data but not listed are appended, sorted. */
  rowLabels: readonly string[];
  columns: readonly string[];
  /** Whether the cells of a row add up to something meaningful (publish a row total). */
  rowTotals: boolean;
  /** Whether the cells of a column add up to something meaningful (publish a totals row). */
  columnTotals: boolean;
}

export const SUPPRESSED_CSV = '[c]';

/** Builds a published table: counts in a grid, suppressed, with its CSV. */
export function buildReportTable(spec: TableSpec, data: CountRow[], threshold: number): ReportTable {
  const extra = [...new Set(data.map((d) => d.label))].filter((l) => !spec.rowLabels.includes(l)).sort();
  const labels = [...spec.rowLabels, ...extra];
  const grid = labels.map(() => spec.columns.map(() => 0));
  for (const d of data) {
    const c = spec.columns.indexOf(d.col);
    if (c < 0) continue;
    grid[labels.indexOf(d.label)][c] += Number(d.n);
  }
  const published = suppressSmallCells(grid, { threshold, rowTotals: spec.rowTotals, columnTotals: spec.columnTotals });
  const cell = (column: string, value: number | null): ReportCell => ({ column, value, suppressed: value === null });
  const rows: ReportRow[] = labels.map((label, r) => ({
    label,
    values: spec.columns.map((col, c) => cell(col, published.cells[r][c])),
    total: spec.rowTotals ? cell('TOTAL', published.rowTotals[r]) : null,
  }));
  const totals: ReportRow | null = spec.columnTotals
    ? {
        label: 'TOTAL',
        values: spec.columns.map((col, c) => cell(col, published.columnTotals[c])),
        total: spec.rowTotals ? cell('TOTAL', published.grandTotal) : null,
      }
    : null;
  return {
    name: spec.name,
    title: spec.title,
    dimension: spec.dimension,
    columns: [...spec.columns],
    rows,
    totals,
    previousPeriod: null,
    csv: toCsv(spec, rows, totals),
  };
}

function toCsv(spec: TableSpec, rows: ReportRow[], totals: ReportRow | null): string {
  const header = [spec.dimension, ...spec.columns, ...(spec.rowTotals ? ['TOTAL'] : [])];
  const line = (row: ReportRow) => [row.label, ...row.values.map(csvValue), ...(row.total ? [csvValue(row.total)] : [])];
  const lines = [header, ...rows.map(line), ...(totals ? [line(totals)] : [])];
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvValue(cell: ReportCell): string {
  return cell.value === null ? SUPPRESSED_CSV : String(cell.value);
}

/** RFC 4180 quoting, and no leading formula characters (spreadsheet injection). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
