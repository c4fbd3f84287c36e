import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startHub } from '../src/hub';
import { loadKeyStore } from '../src/shared/auth/key-store';
import { SUBGRAPH_NAMES, type SubgraphName } from '../src/shared/config';
import { createDataSource } from '../src/shared/db/data-source';
import { createLogger } from '../src/shared/logging/logger';
import { loadPolicySet } from '../src/shared/policy/policy-loader';
import { AllowAllAccessControl } from './allow-all-access';
import { benchConfig } from './bench-hub';
import { installQueryCounter, queryCounts, startCapture, stopCapture, type CapturedStatement, type QueryCounts } from './query-counter';
import { startRawLevel } from './raw-level';

export type LevelId = 'L1' | 'L2' | 'L3' | 'L4';
export const LEVELS: LevelId[] = ['L1', 'L2', 'L3', 'L4'];
export const LEVEL_TITLES: Record<LevelId, string> = {
  L1: 'raw pg, hand-written SQL with the access predicate',
  L2: 'subgraph, policy and audit off',
  L3: 'subgraph as shipped',
  L4: 'through the gateway',
};

export interface LevelOptions {
  level: LevelId;
  databaseUrl: string;
  keysDir: string;
  poolSize: number;
}

export interface LevelStats {
  queries: QueryCounts;
  /** Peak resident set of the process serving the level so far, in MB. */
  peakRssMb: number;
  /** CPU time (user + system) of the process serving the level so far, in ms. */
  cpuMs: number;
}

/** The application name of a level's database connections: how its PostgreSQL backends are told apart. */
export const levelApplicationName = (level: LevelId) => `hub-bench-${level}`;

export interface RunningLevel {
  level: LevelId;
  /** Where each scenario's requests go: level 1 by scenario, the others by subgraph (level 4: the gateway for all). */
  url: (service: SubgraphName, scenario: string) => string;
  stats: () => Promise<LevelStats>;
  /** Keeps the SQL statements (and parameters) the level sends while `work` runs. */
  capture: (work: () => Promise<void>) => Promise<CapturedStatement[]>;
  stop: () => Promise<void>;
}

interface Served {
  urls: Partial<Record<SubgraphName | 'raw', string>>;
  stop: () => Promise<void>;
}

/** Starts one level's servers in this process. */
export async function serveLevel(options: LevelOptions): Promise<Served> {
  installQueryCounter();
  if (options.level === 'L1') {
    const raw = await startRawLevel(options.databaseUrl, options.poolSize, levelApplicationName('L1'));
    return { urls: { raw: raw.url }, stop: raw.stop };
  }
  const services = options.level === 'L4' ? ['gateway', ...SUBGRAPH_NAMES].join(',') : SUBGRAPH_NAMES.join(',');
  const config = benchConfig({ databaseUrl: options.databaseUrl, keysDir: options.keysDir, services, poolSize: options.poolSize });
  const db = createDataSource({ url: options.databaseUrl, poolSize: options.poolSize, applicationName: levelApplicationName(options.level) });
  await db.initialize();
  const experiment = process.env.BENCH_L2_EXPERIMENT;
  const policyOff =
    options.level === 'L2'
      ? {
          ...(experiment === 'audit-only' ? {} : { appendAudit: async () => undefined }),
          ...(experiment === 'policy-only' ? {} : { accessControl: (...args: ConstructorParameters<typeof AllowAllAccessControl>) => new AllowAllAccessControl(...args) }),
        }
      : {};
  const hub = await startHub({
    config, db, keys: loadKeyStore(options.keysDir, { generateIfEmpty: false }), logger: createLogger({ level: 'silent', service: 'bench' }),
    policy: loadPolicySet(), ...policyOff,
  });
  const urls: Served['urls'] = {};
  for (const name of SUBGRAPH_NAMES) urls[name] = `${hub.url(options.level === 'L4' ? 'gateway' : name)}/graphql`;
  return {
    urls,
    stop: async () => {
      await hub.stop();
      await db.destroy();
    },
  };
}

function routeTo(level: LevelId, urls: Served['urls']): RunningLevel['url'] {
  return (service, scenario) => (level === 'L1' ? `${urls.raw}/${scenario}` : urls[service]!);
}

function ownStats(): LevelStats {
  const { user, system } = process.cpuUsage();
  return { queries: queryCounts(), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: (user + system) / 1000 };
}

/** The level in this process (the smoke test: jest cannot fork compiled TypeScript). Its RSS is the whole process's. */
export async function startLevelInProcess(options: LevelOptions): Promise<RunningLevel> {
  const served = await serveLevel(options);
  return {
    level: options.level,
    url: routeTo(options.level, served.urls),
    stats: async () => ownStats(),
    capture: async (work) => {
      startCapture();
      try {
        await work();
        return stopCapture();
      } finally {
        stopCapture();
      }
    },
    stop: served.stop,
  };
}

/** The level in a process of its own, so its queries and peak RSS are its alone. */
export async function startLevelProcess(options: LevelOptions): Promise<RunningLevel> {
  const child: ChildProcess = fork(path.join(__dirname, 'level-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [] });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  child.on('message', (message: { id: number; result: unknown }) => pending.get(message.id)?.(message.result));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`level ${options.level} exited (${code})`))));
  exited.catch(() => undefined);
  const call = <T>(command: string, payload?: unknown) =>
    Promise.race([
      new Promise<T>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as (value: unknown) => void);
        child.send({ id, command, payload });
      }),
      exited,
    ]);
  const urls = await call<Served['urls']>('start', options);
  return {
    level: options.level,
    url: routeTo(options.level, urls),
    stats: () => call<LevelStats>('stats'),
    capture: async (work) => {
      await call('capture-start');
      await work();
      return call<CapturedStatement[]>('capture-stop');
    },
    stop: async () => {
      await call('stop');
      child.disconnect();
    },
  };
}

/** The forked side: start on request, answer stats, stop. */
export function runLevelProcess(): void {
  let served: Served | undefined;
  process.on('message', (message: { id: number; command: string; payload?: LevelOptions }) => {
    const answer = (result: unknown) => process.send!({ id: message.id, result });
    const fail = (error: unknown) => {
      process.stderr.write(`level process: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    };
    if (message.command === 'start') serveLevel(message.payload!).then((s) => ((served = s), answer(s.urls)), fail);
    else if (message.command === 'stats') answer(ownStats());
    else if (message.command === 'capture-start') answer(startCapture());
    else if (message.command === 'capture-stop') answer(stopCapture());
    else if (message.command === 'stop') (served ? served.stop() : Promise.resolve()).then(() => answer(null), fail);
  });
}
