import path from 'node:path';
import { z } from 'zod';

export const SERVICE_NAMES = ['gateway', 'cases', 'sharing', 'accommodation'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type SubgraphName = Exclude<ServiceName, 'gateway'>;
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['cases', 'sharing', 'accommodation'];

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const optionalUrl = z.string().url().optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  SERVICES: z
    .string()
    .default(SERVICE_NAMES.join(','))
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(SERVICE_NAMES)).min(1)),
  GATEWAY_PORT: port.default(4000),
  CASES_PORT: port.default(4001),
  SHARING_PORT: port.default(4002),
  ACCOMMODATION_PORT: port.default(4003),
  CASES_URL: optionalUrl,
  SHARING_URL: optionalUrl,
  ACCOMMODATION_URL: optionalUrl,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  JWT_ISSUER: z.string().min(1).default('https://hub.resettlement.local'),
  JWT_AUDIENCE: z.string().min(1).default('resettlement-hub'),
  JWT_KEYS_DIR: z.string().min(1).optional(),
  JWT_GENERATE_KEYS: flag.optional(),
  SEED_DEMO_DATA: flag.optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120000).default(10000),
  // At least a year, so a value meant in years (e.g. 7) cannot wipe the log; 2557 days is about 7 years.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(36525).default(2557),
});

type Raw = z.infer<typeof schema>;

export interface Config {
  nodeEnv: Raw['NODE_ENV'];
  logLevel: Raw['LOG_LEVEL'];
  host: string;
  services: ServiceName[];
  ports: Record<ServiceName, number>;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  databaseUrl?: string;
  databasePoolSize: number;
  dataDir: string;
  embeddedPostgresPort: number;
  jwt: { issuer: string; audience: string; keysDir: string; generateKeys: boolean };
  seedDemoData: boolean;
  shutdownGraceMs: number;
  auditRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const value = env[name];
        return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
      }),
    );
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  const dataDir = path.resolve(raw.DATA_DIR);
  const generateKeys = raw.JWT_GENERATE_KEYS ?? !production;
  if (production && !raw.JWT_KEYS_DIR) {
    throw new ConfigError(['JWT_KEYS_DIR: required when NODE_ENV=production']);
  }
  if (production && generateKeys) {
    throw new ConfigError(['JWT_GENERATE_KEYS: must not be true when NODE_ENV=production']);
  }
  return {
    nodeEnv: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.HOST,
    services: [...new Set(raw.SERVICES)],
    ports: {
      gateway: raw.GATEWAY_PORT,
      cases: raw.CASES_PORT,
      sharing: raw.SHARING_PORT,
      accommodation: raw.ACCOMMODATION_PORT,
    },
    subgraphUrls: {
      cases: raw.CASES_URL,
      sharing: raw.SHARING_URL,
      accommodation: raw.ACCOMMODATION_URL,
    },
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    dataDir,
    embeddedPostgresPort: raw.EMBEDDED_PG_PORT,
    jwt: {
      issuer: raw.JWT_ISSUER,
      audience: raw.JWT_AUDIENCE,
      keysDir: path.resolve(raw.JWT_KEYS_DIR ?? path.join(dataDir, 'keys')),
      generateKeys,
    },
    seedDemoData: raw.SEED_DEMO_DATA ?? !production,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    auditRetentionDays: raw.AUDIT_RETENTION_DAYS,
  };
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
