import path from 'node:path';
import { z } from 'zod';
import { isAddressOrSubnet } from '../integrations/webhooks/webhook-url-policy';
import { PROJECT_ROOT } from './project-root';

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

export const SERVICE_NAMES = ['gateway', 'cases', 'sharing', 'accommodation'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type SubgraphName = Exclude<ServiceName, 'gateway'>;
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['cases', 'sharing', 'accommodation'];

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const optionalUrl = z.string().url().optional();
const positive = (max: number) => z.coerce.number().int().min(1).max(max);

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
  // Request limits (src/shared/graphql/request-limits.ts explains each default).
  REQUEST_BODY_LIMIT_KB: positive(65536).default(2048),
  QUERY_MAX_DEPTH: positive(100).default(10),
  QUERY_MAX_COST: positive(10_000_000).default(20000),
  QUERY_MAX_ALIASES: positive(1000).default(15),
  QUERY_MAX_DIRECTIVES: positive(1000).default(10),
  QUERY_MAX_TOKENS: positive(100_000).default(1000),
  // Rate limits: requests per window, counted in memory or, with REDIS_URL, across processes.
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  RATE_LIMIT_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, : _ - only').default('hub:rate'),
  RATE_LIMIT_WINDOW_SECONDS: positive(3600).default(60),
  RATE_LIMIT_PER_PRINCIPAL: positive(10_000_000).default(1800),
  RATE_LIMIT_GATEWAY_PER_TOKEN: positive(10_000_000).default(600),
  RATE_LIMIT_GATEWAY_PER_ADDRESS: positive(10_000_000).default(3000),
  // POST /oauth/token: a client needs a token every 10 minutes, so these leave room for retries and replicas only.
  RATE_LIMIT_TOKEN_PER_CLIENT: positive(1_000_000).default(20),
  RATE_LIMIT_TOKEN_PER_ADDRESS: positive(1_000_000).default(120),
  // Per-client allow-lists of operations (src/integrations/trusted-documents), and the key the
  // gateway signs each subgraph request's original-document hash with (else a file in JWT_KEYS_DIR).
  TRUSTED_DOCUMENTS_DIR: z.string().min(1).optional(),
  // Changes older than this leave the change feed (daily job); a cursor from before them is CURSOR_EXPIRED.
  CHANGE_FEED_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(90),
  // Webhook targets (src/integrations/webhooks/webhook-url-policy.ts): both on, and no exemptions, in production.
  WEBHOOK_REQUIRE_HTTPS: flag.optional(),
  WEBHOOK_BLOCK_PRIVATE_ADDRESSES: flag.optional(),
  // Proxies whose X-Forwarded-For is believed for the client's address (rate limits, audit): Express's
  // presets (loopback, linklocal, uniquelocal) or IPs/CIDRs of the ingress. Anything else is spoofable.
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine(
      (entries) => entries.every((e) => PROXY_PRESETS.includes(e) || isAddressOrSubnet(e)),
      `must be a comma list of ${PROXY_PRESETS.join(', ')}, IP addresses or CIDR subnets`,
    )
    .default(['loopback']),
  WEBHOOK_ALLOWED_ADDRESSES: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((entries) => entries.every(isAddressOrSubnet), 'must be a comma list of IP addresses or CIDR subnets')
    .optional(),
  INTERNAL_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  // The web app (web/, built by `npm run build:web`), served by the gateway at `/`.
  WEB_APP_DIR: z.string().min(1).optional(),
  DEV_SIGN_IN: flag.optional(),
  IDENTITY_PROVIDER_URL: optionalUrl,
  WEB_BRAND_NAME: z.string().trim().min(1).max(80).default('South & West Yorkshire Resettlement Consortium'),
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
  limits: RequestLimitSettings;
  rateLimit: RateLimitSettings;
  trustedDocumentsDir?: string;
  internalSigningKey?: string;
  webhooks: WebhookTargetSettings;
  changeFeedRetentionDays: number;
  web: WebAppSettings;
  /** Express `trust proxy`: whose X-Forwarded-For names the client. */
  trustProxy: string[];
}

export interface WebhookTargetSettings {
  requireHttps: boolean;
  blockPrivate: boolean;
  /** IPs or CIDRs exempt from blockPrivate; outside production only. */
  allowedAddresses: string[];
}

export interface WebAppSettings {
  /** The built app (index.html and assets/); the gateway serves it at `/` when it exists. */
  dir: string;
  /** `POST /dev/sign-in`: a token for any demo user, for development only (never in production). */
  devSignIn: boolean;
  /** Where staff get a token from the organisation's identity provider; the sign-in page links to it. */
  identityProviderUrl?: string;
  /** The consortium's name in the app's header: each consortium runs its own hub. */
  brandName: string;
}

/** What one GraphQL request may ask for; the same at the gateway and at every subgraph. */
export interface RequestLimitSettings {
  bodyLimitBytes: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

export interface RateLimitSettings {
  /** Unset: counters live in each process's memory. */
  redisUrl?: string;
  keyPrefix: string;
  windowSeconds: number;
  /** Requests per window per principal at each subgraph (after the token is verified). */
  perPrincipal: number;
  /** Requests per window per bearer token at the gateway (per address for requests without one). */
  gatewayPerToken: number;
  /** Requests per window from one client address at the gateway, whatever the token. */
  gatewayPerAddress: number;
  /** `/oauth/token` requests per window naming one client id, and from one address. */
  tokenPerClient: number;
  tokenPerAddress: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Never echoed in an error message. */
const SECRET_VARIABLES = new Set(['INTERNAL_SIGNING_KEY']);

/** Reads and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const value = SECRET_VARIABLES.has(name) ? undefined : env[name];
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
  const productionProblems = [
    production && raw.WEBHOOK_REQUIRE_HTTPS === false && 'WEBHOOK_REQUIRE_HTTPS: must not be false when NODE_ENV=production',
    production && raw.WEBHOOK_BLOCK_PRIVATE_ADDRESSES === false && 'WEBHOOK_BLOCK_PRIVATE_ADDRESSES: must not be false when NODE_ENV=production',
    production && raw.WEBHOOK_ALLOWED_ADDRESSES?.length && 'WEBHOOK_ALLOWED_ADDRESSES: not allowed when NODE_ENV=production',
    production && raw.DEV_SIGN_IN && 'DEV_SIGN_IN: must not be true when NODE_ENV=production',
  ].filter((p): p is string => typeof p === 'string');
  if (productionProblems.length) throw new ConfigError(productionProblems);
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
    limits: {
      bodyLimitBytes: raw.REQUEST_BODY_LIMIT_KB * 1024,
      maxDepth: raw.QUERY_MAX_DEPTH,
      maxCost: raw.QUERY_MAX_COST,
      maxAliases: raw.QUERY_MAX_ALIASES,
      maxDirectives: raw.QUERY_MAX_DIRECTIVES,
      maxTokens: raw.QUERY_MAX_TOKENS,
    },
    rateLimit: {
      redisUrl: raw.REDIS_URL,
      keyPrefix: raw.RATE_LIMIT_KEY_PREFIX,
      windowSeconds: raw.RATE_LIMIT_WINDOW_SECONDS,
      perPrincipal: raw.RATE_LIMIT_PER_PRINCIPAL,
      gatewayPerToken: raw.RATE_LIMIT_GATEWAY_PER_TOKEN,
      gatewayPerAddress: raw.RATE_LIMIT_GATEWAY_PER_ADDRESS,
      tokenPerClient: raw.RATE_LIMIT_TOKEN_PER_CLIENT,
      tokenPerAddress: raw.RATE_LIMIT_TOKEN_PER_ADDRESS,
    },
    trustedDocumentsDir: raw.TRUSTED_DOCUMENTS_DIR ? path.resolve(raw.TRUSTED_DOCUMENTS_DIR) : undefined,
    internalSigningKey: raw.INTERNAL_SIGNING_KEY,
    changeFeedRetentionDays: raw.CHANGE_FEED_RETENTION_DAYS,
    trustProxy: raw.TRUST_PROXY,
    webhooks: {
      requireHttps: raw.WEBHOOK_REQUIRE_HTTPS ?? production,
      blockPrivate: raw.WEBHOOK_BLOCK_PRIVATE_ADDRESSES ?? production,
      allowedAddresses: raw.WEBHOOK_ALLOWED_ADDRESSES ?? [],
    },
    web: {
      dir: path.resolve(raw.WEB_APP_DIR ?? path.join(PROJECT_ROOT, 'web', 'dist')),
      devSignIn: raw.DEV_SIGN_IN ?? !production,
      identityProviderUrl: raw.IDENTITY_PROVIDER_URL,
      brandName: raw.WEB_BRAND_NAME,
    },
  };
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
