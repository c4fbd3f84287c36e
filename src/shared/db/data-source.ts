import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations';
import { entities } from './entities';
import { PreparingClient } from './preparing-client';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** A TypeORM data source over PostgreSQL. Schema changes come only from migrations. */
export function createDataSource({ url, poolSize = 10, applicationName = 'resettlement-hub' }: DataSourceOptions) {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // Every connection starts its transactions in READ COMMITTED whatever the database's default, so a
      // request's transaction begins in one round trip (the disclosure log needs this level and checks it).
      options: '-c default_transaction_isolation=read\\ committed',
      Client: PreparingClient,
    },
  });
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
