import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row that a query returned as JSON (`row_to_json`, column names as in the
 * table), converted column by column exactly as TypeORM converts the rows it loads itself. Lets
 * one query bring a record along with another result instead of a second round trip for it.
 */
export function hydrateEntity<T extends ObjectLiteral>(db: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = db.connection.getMetadata(target);
  const driver = db.connection.driver;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in row) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}

/**
 * Entities from a query that selects each as `row_to_json(alias) AS row`: a plain statement, so it
 * is prepared once per connection, with none of the query builder's work per call.
 */
export async function queryEntities<T extends ObjectLiteral>(db: EntityManager, target: EntityTarget<T>, sql: string, params: unknown[]): Promise<T[]> {
  const rows: { row: Record<string, unknown> }[] = await db.query(sql, params);
  return rows.map(({ row }) => hydrateEntity(db, target, row));
}
