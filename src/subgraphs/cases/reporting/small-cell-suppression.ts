/**
 * Disclosure control for aggregate tables: primary suppression of small cells and secondary
 * (complementary) suppression so that published totals cannot be used to recover them.
 *
 * The table and its margins are treated as one (rows+1) x (columns+1) grid: every row of the grid
 * sums to its row total and every column to its column total, so each row and each column of the grid
 * is an equation an attacker can solve. A line with exactly one hidden entry gives that entry away, so
 * we hide another entry of the line (the smallest published interior cell, or the line's total when
 * there is none) and repeat until no line has exactly one hidden entry. This defeats differencing on a
 * single line; it is not a full linear-programming audit of every combination of lines.
 *
 * Zero is published (common practice: a true zero reveals nothing about a child). Counts
 * 1..threshold-1 are hidden, in the margins as well as the body.
 */
export interface SuppressionOptions {
  /** Smallest count that may be published (counts 1..threshold-1 are suppressed). */
  threshold: number;
  /** Publish a total for each row (sum of its cells). */
  rowTotals: boolean;
  /** Publish a total for each column (and, with rowTotals, the grand total). */
  columnTotals: boolean;
}

export interface SuppressedTable {
  /** cells[r][c]: the count, or null when suppressed. */
  cells: (number | null)[][];
  /** One per row when rowTotals, else empty. */
  rowTotals: (number | null)[];
  /** One per column when columnTotals, else empty. */
  columnTotals: (number | null)[];
  /** Published only when both row and column totals are. */
  grandTotal: number | null;
  /** The grid positions that were hidden, primary and secondary, for explanation and tests. */
  hidden: { primary: number; secondary: number };
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function suppressSmallCells(counts: number[][], options: SuppressionOptions): SuppressedTable {
  const rows = counts.length;
  const cols = rows ? counts[0].length : 0;
  if (counts.some((r) => r.length !== cols)) throw new Error('every row needs the same number of cells');
  if (counts.some((r) => r.some((v) => !Number.isInteger(v) || v < 0))) throw new Error('counts are non-negative integers');
  const threshold = Math.max(1, Math.floor(options.threshold));
  const withGrand = options.rowTotals && options.columnTotals;

  // The grid: interior cells plus margins; a margin that is not published is absent (undefined).
  const value: (number | undefined)[][] = [];
  for (let r = 0; r <= rows; r += 1) {
    value.push([]);
    for (let c = 0; c <= cols; c += 1) {
      const interior = r < rows && c < cols;
      if (interior) value[r][c] = counts[r][c];
      else if (r < rows && c === cols) value[r][c] = options.rowTotals ? sum(counts[r]) : undefined;
      else if (r === rows && c < cols) value[r][c] = options.columnTotals ? sum(counts.map((row) => row[c])) : undefined;
      else value[r][c] = withGrand ? sum(counts.map(sum)) : undefined;
    }
  }
  const hidden = value.map((row) => row.map(() => false));
  let primary = 0;
  // Margins are counts of children too: a small total is hidden like a small cell.
  for (let r = 0; r <= rows; r += 1) {
    for (let c = 0; c <= cols; c += 1) {
      const v = value[r][c];
      if (v !== undefined && v > 0 && v < threshold) {
        hidden[r][c] = true;
        primary += 1;
      }
    }
  }

  // Lines: each row of the grid with its total column, each column with its total row; a line is an
  // equation only when its total is published.
  type Pos = [number, number];
  const lines: { members: Pos[]; total: Pos }[] = [];
  for (let r = 0; r <= rows; r += 1) {
    if (value[r][cols] === undefined) continue;
    lines.push({ members: range(cols).map((c): Pos => [r, c]), total: [r, cols] });
  }
  for (let c = 0; c <= cols; c += 1) {
    if (value[rows][c] === undefined) continue;
    lines.push({ members: range(rows).map((r): Pos => [r, c]), total: [rows, c] });
  }

  let secondary = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const all = [...line.members, line.total].filter(([r, c]) => value[r][c] !== undefined);
      if (all.filter(([r, c]) => hidden[r][c]).length !== 1) continue;
      const [r, c] = coverFor(line, value, hidden);
      if (hidden[r][c]) continue; // nothing left to hide in this line
      hidden[r][c] = true;
      secondary += 1;
      changed = true;
    }
  }

  const publish = (r: number, c: number): number | null => (value[r][c] === undefined || hidden[r][c] ? null : value[r][c]!);
  return {
    cells: range(rows).map((r) => range(cols).map((c) => publish(r, c))),
    rowTotals: options.rowTotals ? range(rows).map((r) => publish(r, cols)) : [],
    columnTotals: options.columnTotals ? range(cols).map((c) => publish(rows, c)) : [],
    grandTotal: withGrand ? publish(rows, cols) : null,
    hidden: { primary, secondary },
  };
}

/**
 * The entry to hide alongside a line's one hidden entry: the smallest non-zero published cell; else the
 * line's total when non-zero; else a zero cell. A hidden zero is weak cover and, once hidden, needs cover
 * itself, so zeros are the last resort (otherwise cover cascades through rows of zeros).
 */
function coverFor(line: { members: [number, number][]; total: [number, number] }, value: (number | undefined)[][], hidden: boolean[][]): [number, number] {
  const open = line.members.filter(([r, c]) => !hidden[r][c] && value[r][c] !== undefined);
  const nonZero = open.filter(([r, c]) => value[r][c]! > 0).sort(([r1, c1], [r2, c2]) => value[r1][c1]! - value[r2][c2]! || r1 - r2 || c1 - c2);
  if (nonZero.length) return nonZero[0];
  const [tr, tc] = line.total;
  if (!hidden[tr][tc] && value[tr][tc]! > 0) return line.total;
  return open[0] ?? line.total;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
