import 'reflect-metadata';
import { loadKeyStore } from '../src/shared/auth/key-store';
import { purgeAuditBefore } from '../src/shared/audit/audit-retention';
import { loadConfig } from '../src/shared/config';
import { createDataSource } from '../src/shared/db/data-source';
import { provisionDatabase } from '../src/shared/db/database-provisioning';
import { createLogger } from '../src/shared/logging/logger';

const DAY_MS = 86_400_000;

/**
 * `npm run audit:purge`: removes disclosure-log entries older than AUDIT_RETENTION_DAYS (oldest
 * first, never leaving a gap) and leaves a checkpoint signed with this deployment's key.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const retentionDays = config.auditRetentionDays;
  const keys = loadKeyStore(config.jwt.keysDir, { generateIfEmpty: config.jwt.generateKeys });
  if (!keys.signingKey) throw new Error(`no private key in ${config.jwt.keysDir} to sign the checkpoint`);
  const logger = createLogger({ level: config.logLevel, service: 'audit-purge' });
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: 2, applicationName: 'audit-purge' });
  await db.initialize();
  try {
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    const { entriesPurged, checkpoint } = await purgeAuditBefore(db, cutoff, keys.signingKey);
    process.stdout.write(
      checkpoint
        ? `audit purge: removed ${entriesPurged} entries older than ${cutoff.toISOString()} (${retentionDays} days); ` +
            `checkpoint ${checkpoint.id} through seq ${checkpoint.purgedThroughSeq} signed with key ${checkpoint.keyId}\n`
        : `audit purge: nothing older than ${cutoff.toISOString()} (${retentionDays} days) to remove\n`,
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
