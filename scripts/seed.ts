import 'reflect-metadata';
import { loadConfig } from '../src/shared/config';
import { LOCK_MIGRATIONS, withAdvisoryLock } from '../src/shared/db/advisory-lock';
import { createDataSource, runMigrations } from '../src/shared/db/data-source';
import { provisionDatabase } from '../src/shared/db/database-provisioning';
import { createLogger } from '../src/shared/logging/logger';
import { seedDemoData } from '../seeds/seed-demo-data';

/** `npm run seed`: migrates, then loads the demo consortium (safe to run again). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'seed' });
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: 2 });
  await db.initialize();
  try {
    await withAdvisoryLock(db, LOCK_MIGRATIONS, () => runMigrations(db));
    logger.info(await seedDemoData(db), 'demo data loaded');
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
