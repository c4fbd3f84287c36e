import { suppressSmallCells, type SuppressedTable } from '../../src/subgraphs/cases/reporting/small-cell-suppression';

const BOTH = { threshold: 5, rowTotals: true, columnTotals: true };

/** Every row and column equation of the published grid: none may have exactly one unknown. */
function recoverableByDifferencing(t: SuppressedTable): boolean {
  const lines: (number | null)[][] = [];
  t.cells.forEach((row, r) => t.rowTotals.length && lines.push([...row, t.rowTotals[r]]));
  if (t.columnTotals.length) t.cells[0]?.forEach((_, c) => lines.push([...t.cells.map((row) => row[c]), t.columnTotals[c]]));
  if (t.rowTotals.length && t.columnTotals.length) {
    lines.push([...t.columnTotals, t.grandTotal]);
    lines.push([...t.rowTotals, t.grandTotal]);
  }
  return lines.some((line) => line.filter((v) => v === null).length === 1);
}

describe('small-cell suppression', () => {
  it('publishes a table with no small cells unchanged, with its totals', () => {
    const t = suppressSmallCells([[5, 10], [7, 0]], BOTH);
    expect(t.cells).toEqual([[5, 10], [7, 0]]);
    expect(t.rowTotals).toEqual([15, 7]);
    expect(t.columnTotals).toEqual([12, 10]);
    expect(t.grandTotal).toBe(22);
    expect(t.hidden).toEqual({ primary: 0, secondary: 0 });
  });

  it('shows zero but hides every count from 1 to threshold-1', () => {
    const t = suppressSmallCells([[0], [1], [4], [5]], { threshold: 5, rowTotals: false, columnTotals: false });
    expect(t.cells).toEqual([[0], [null], [null], [5]]);
  });

  it('naive suppression leaks the small cell through the total; secondary suppression stops it', () => {
    // One column by category with a total: hiding only the 3 would let 3 = 30 - 12 - 15 be read back.
    const counts = [[12], [3], [15]];
    const naive = { cells: [[12], [null], [15]], total: 30 };
    expect(naive.total - 12 - 15).toBe(3); // the leak
    const t = suppressSmallCells(counts, { threshold: 5, rowTotals: false, columnTotals: true });
    expect(t.cells).toEqual([[null], [null], [15]]); // the next smallest (12) is hidden too
    expect(t.columnTotals).toEqual([30]);
    expect(t.hidden).toEqual({ primary: 1, secondary: 1 });
    expect(recoverableByDifferencing(t)).toBe(false);
  });

  it('protects rows and columns of a two-way table, iterating to a fixed point', () => {
    const counts = [
      [2, 20, 30],
      [25, 40, 35],
      [10, 12, 50],
    ];
    const t = suppressSmallCells(counts, BOTH);
    expect(t.cells[0][0]).toBeNull();
    // Row 0 hides the next smallest (20); column 0 hides the next smallest (10); then column 1
    // (20 hidden) and row 2 (10 hidden) each need a second hidden cell: 12 covers both.
    expect(t.cells).toEqual([
      [null, null, 30],
      [25, 40, 35],
      [null, null, 50],
    ]);
    expect(t.rowTotals).toEqual([52, 100, 72]);
    expect(t.columnTotals).toEqual([37, 72, 115]);
    expect(t.grandTotal).toBe(224);
    expect(recoverableByDifferencing(t)).toBe(false);
  });

  it('hides the total when a line has no other cell to hide', () => {
    const t = suppressSmallCells([[3]], BOTH);
    expect(t.cells).toEqual([[null]]);
    expect(t.rowTotals).toEqual([null]);
    expect(t.columnTotals).toEqual([null]);
    expect(t.grandTotal).toBeNull();
  });

  it('hides a small margin and covers it: a column total of 4 is hidden and so is its neighbour', () => {
    // Every interior cell is hidden in column 1, so the column total of 4 is itself small-derived.
    const t = suppressSmallCells([[10, 1], [10, 3]], BOTH);
    expect(t.cells).toEqual([[null, null], [null, null]]);
    expect(t.columnTotals).toEqual([null, null]); // 4 is itself small; 20 then covers it
    expect(t.rowTotals).toEqual([11, 13]);
    expect(t.grandTotal).toBe(24);
    expect(recoverableByDifferencing(t)).toBe(false);
  });

  it('without published totals, only the small cells are hidden', () => {
    const t = suppressSmallCells([[2, 40], [30, 50]], { threshold: 5, rowTotals: false, columnTotals: false });
    expect(t.cells).toEqual([[null, 40], [30, 50]]);
    expect(t.rowTotals).toEqual([]);
    expect(t.grandTotal).toBeNull();
  });

  it('covers with the line total rather than cascading through zeros', () => {
    // Scope rows by month: the 5 in February sits alone in a row of zeros.
    const t = suppressSmallCells([[0, 0, 0], [0, 5, 0], [0, 0, 1]], BOTH);
    expect(t.cells).toEqual([[0, 0, 0], [0, null, 0], [0, 0, null]]);
    expect(t.rowTotals).toEqual([0, null, null]);
    expect(t.columnTotals).toEqual([0, null, null]);
    expect(t.grandTotal).toBe(6);
    expect(recoverableByDifferencing(t)).toBe(false);
  });

  it('honours a configurable threshold', () => {
    expect(suppressSmallCells([[7], [20]], { threshold: 10, rowTotals: false, columnTotals: false }).cells).toEqual([[null], [20]]);
    expect(suppressSmallCells([[7], [20]], { threshold: 3, rowTotals: false, columnTotals: false }).cells).toEqual([[7], [20]]);
  });

  it('never leaves a recoverable cell over many generated tables', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 30;
    for (let n = 0; n < 300; n += 1) {
      const counts = Array.from({ length: 1 + (n % 5) }, () => Array.from({ length: 1 + (n % 4) }, () => next()));
      const t = suppressSmallCells(counts, BOTH);
      expect(recoverableByDifferencing(t)).toBe(false);
      t.cells.forEach((row, r) => row.forEach((v, c) => v !== null && expect(v).toBe(counts[r][c])));
      counts.forEach((row, r) => row.forEach((v, c) => v > 0 && v < 5 && expect(t.cells[r][c]).toBeNull()));
      [...t.rowTotals, ...t.columnTotals, t.grandTotal].forEach((v) => v !== null && expect(v === 0 || v >= 5).toBe(true));
    }
  });
});
