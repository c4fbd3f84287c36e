import type { EntityManager } from 'typeorm';

type Row = Record<string, unknown>;

const BATCH = 500;

/**
 * Multi-row INSERT keyed by id. `update` refreshes reference data on a re-run; `keep` leaves
 * existing rows alone (case records, and append-only tables that refuse updates).
 */
export async function upsertRows(db: EntityManager, table: string, rows: Row[], onConflict: 'update' | 'keep') {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
  const conflict = onConflict === 'update' && updates.length ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = columns.map((c) => {
        const value = row[c];
        params.push(isTextArray(value) || value === null || typeof value !== 'object' ? value : JSON.stringify(value));
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) ${conflict}`,
      params,
    );
  }
}

/** text[] columns take JS string arrays; every other object or array is a jsonb value. */
function isTextArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
