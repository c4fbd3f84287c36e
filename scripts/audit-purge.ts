import 'reflect-metadata';
import { z } from 'zod';
import { loadKeyStore } from '../src/shared/auth/key-store';
import { purgeAuditBefore } from '../src/shared/audit/audit-retention';
import { loadConfig } from '../src/shared/config';
import { createDataSource } from '../src/shared/db/data-source';
import { provisionDatabase } from '../src/shared/db/database-provisioning';
import { createLogger } from '../src/shared/logging/logger';

const DAY_MS = 86_400_000;

// At least a year, so a value meant in years (e.g. 7) cannot wipe the log; 2557 days is about 7 years.
const retentionDays = z.coerce.number().int().min(365).max(36_525).default(2557);

/**
 * `npm run audit:purge`: removes disclosure-log entries older than AUDIT_RETENTION_DAYS (oldest
 * first, never leaving a gap) and leaves a checkpoint signed with this deployment's key.
 */
async function main(): Promise<void> {
  const raw = process.env.AUDIT_RETENTION_DAYS;
  const parsed = retentionDays.safeParse(raw === '' ? undefined : raw);
  if (!parsed.success) {
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days from 365 to 36525 (got ${JSON.stringify(raw)})`);
  }
  const config = loadConfig();
  const keys = loadKeyStore(config.jwt.keysDir, { generateIfEmpty: config.jwt.generateKeys });
  if (!keys.signingKey) throw new Error(`no private key in ${config.jwt.keysDir} to sign the checkpoint`);
  const logger = createLogger({ level: config.logLevel, service: 'audit-purge' });
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: 2, applicationName: 'audit-purge' });
  await db.initialize();
  try {
    const cutoff = new Date(Date.now() - parsed.data * DAY_MS);
    const { entriesPurged, checkpoint } = await purgeAuditBefore(db, cutoff, keys.signingKey);
    process.stdout.write(
      checkpoint
        ? `audit purge: removed ${entriesPurged} entries older than ${cutoff.toISOString()} (${parsed.data} days); ` +
            `checkpoint ${checkpoint.id} through seq ${checkpoint.purgedThroughSeq} signed with key ${checkpoint.keyId}\n`
        : `audit purge: nothing older than ${cutoff.toISOString()} (${parsed.data} days) to remove\n`,
    );
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`Audit purge failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
