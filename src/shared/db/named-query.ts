import type { EntityManager } from 'typeorm';

/** Runs SQL with TypeORM named parameters (`:name`, as the policy layer's compiled conditions use). */
export async function namedQuery<T>(db: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = db.connection.driver.escapeQueryWithParameters(sql, params);
  return db.query(text, values);
}
