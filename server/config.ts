/**
 * Ringtrace configuration: the one place that reads the environment.
 *
 * `loadConfig(env)` validates every variable at start and throws a `ConfigError` that names the
 * variable and says what to fix. Nothing else in Ringtrace reads `process.env`.
 */
import { totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: the folder that holds `package.json`, `cypher/` and `neo4j/`. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Neo4j URI schemes the driver accepts: a single server, a cluster, or Aura. */
const NEO4J_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

export const DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  logLevel: 'info',
  dataDir: '.ringtrace/data',
  neo4jUser: 'neo4j',
  neo4jDatabase: 'neo4j',
  localBoltPort: 7687,
  localHeap: '2g',
  localPageCache: '1g',
  localStartTimeoutSeconds: 180,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  loginsPerIpPer15Minutes: 100,
  expensiveQueriesPerMinute: 30,
  maxUploadMegabytes: 200,
  principalCacheSeconds: 5,
  auditSyncMs: 100,
  warning: {
    minCallSeconds: 300,
    longCallSeconds: 600,
    workedOnHours: 72,
    escalateMinutes: 15,
    minHeldMinor: 100_00,
  },
  freeze: {
    holdHours: 48,
    answerMinutes: 30,
    warnBeforeHours: 6,
    autoStop: ['paying_suspected_mule', 'urgent_new_payee', 'traced_money_held', 'money_moved_on'],
  },
} as const;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Neo4j that Ringtrace starts and stops itself (no `NEO4J_URI`). */
export interface LocalNeo4jConfig {
  readonly kind: 'local';
  readonly boltPort: number;
  /** JVM heap, e.g. `2g`. */
  readonly heap: string;
  /** Page cache, e.g. `1g`. */
  readonly pageCache: string;
  /** Where the Neo4j home (conf, data, logs) lives: `<dataDir>/neo4j`. */
  readonly homeDir: string;
  /** Where Maven puts the server and plugin jars. */
  readonly runtimeDir: string;
  /** JDK to run Neo4j with; otherwise `java` on the PATH or a JDK 17/21 under /usr/lib/jvm. */
  readonly javaHome: string | undefined;
  readonly startTimeoutSeconds: number;
}

/** A Neo4j server or cluster that runs elsewhere (`NEO4J_URI` given). */
export interface RemoteNeo4jConfig {
  readonly kind: 'remote';
  readonly uri: string;
  readonly user: string;
  readonly password: string;
}

/** Sign-in and abuse limits. */
export interface SecuritySettings {
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** `auto`: Secure cookie when the request came over HTTPS (directly or via a loopback proxy). */
  readonly cookieSecure: 'auto' | boolean;
  readonly loginsPerIpPer15Minutes: number;
  readonly expensiveQueriesPerMinute: number;
  /** Largest file accepted by the upload endpoint. */
  readonly maxUploadMegabytes: number;
  /** How long a checked session or token is trusted before it is looked up again (0: never). */
  readonly principalCacheSeconds: number;
  /** The audit journal is synced to disk this often (0: before each request is answered). */
  readonly auditSyncMs: number;
  /**
   * Which proxies in front of Ringtrace are believed about the client's address and protocol
   * (`X-Forwarded-For`, `X-Forwarded-Proto`): none by default; Express's `trust proxy` value.
   */
  readonly trustProxy: false | number | string;
}

/** Early warning's thresholds (`server/warning/`): defaults a centre would start from. */
export interface WarningSettings {
  /**
   * A call from a watched number warns when the person talked this long (`WARNING_MIN_CALL_SECONDS`):
   * scam callers dial strangers all day and many talk for a minute or two before they hang up;
   * a person being worked on is kept on the line (fake police and "safe account" scripts run for
   * tens of minutes).
   */
  readonly minCallSeconds: number;
  /**
   * One call this long warns at once (`WARNING_LONG_CALL_SECONDS`); a shorter one (of at least
   * `minCallSeconds`) warns when watched numbers call the person again within `workedOnHours`.
   */
  readonly longCallSeconds: number;
  /** A person called by watched numbers this recently who pays someone new is urgent. */
  readonly workedOnHours: number;
  /** An alert nobody acknowledged this long escalates to the centre. */
  readonly escalateMinutes: number;
  /** Traced money still held below this (minor units) raises no alert. */
  readonly minHeldMinor: number;
}

/** What the centre's policy requests a stop for without waiting for an investigator. */
export const AUTO_STOP_RULES = [
  /** A victim pays into a watched account: stop that account for the payment. */
  'paying_suspected_mule',
  /** A person worked on by scam numbers pays a payee that is itself watched. */
  'urgent_new_payee',
  /** A new report's money, traced forward, still sits in an account. */
  'traced_money_held',
  /** Money leaves an account under a stop request: follow it to the account it went to. */
  'money_moved_on',
] as const;
export type AutoStopRule = (typeof AUTO_STOP_RULES)[number];

/** Stop-payment requests and holds (`server/freeze/`). */
export interface FreezeSettings {
  /** How long a bank's hold lasts (`FREEZE_HOLD_HOURS`); it may be renewed once for as long. */
  readonly holdHours: number;
  /** A request the bank has not answered this long escalates (`FREEZE_ANSWER_MINUTES`). */
  readonly answerMinutes: number;
  /** The investigator is warned this long before a hold ends (`FREEZE_WARN_BEFORE_HOURS`). */
  readonly warnBeforeHours: number;
  /**
   * What requests a stop automatically (`FREEZE_AUTO_STOP`, comma-separated, or `none`): the
   * alerts whose proposed stop is sent at once, and following money out of stopped accounts.
   */
  readonly autoStop: readonly AutoStopRule[];
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly production: boolean;
  /** Absolute folder for everything Ringtrace keeps between runs. */
  readonly dataDir: string;
  readonly database: string;
  readonly neo4j: LocalNeo4jConfig | RemoteNeo4jConfig;
  /** The built client, served in production. */
  readonly clientDir: string;
  /** Ingestion checkpoints, rejects and uploads: `<dataDir>/ingest`. */
  readonly ingestDir: string;
  /** The local audit journal: `<dataDir>/audit-journal`. */
  readonly auditJournalDir: string;
  /**
   * The audit trail's anchor outside Neo4j: the Ed25519 signing key (`AUDIT_SIGNING_KEY_FILE`,
   * default `<dataDir>/audit-key/ed25519.pem`) and the signed checkpoints
   * (`<dataDir>/audit-checkpoints`).
   */
  readonly auditAnchor: { readonly keyFile: string; readonly checkpointDir: string };
  /** Load the demo scenario when the graph is empty at start (`RINGTRACE_DEMO`, default on). */
  readonly demo: boolean;
  readonly security: SecuritySettings;
  readonly warning: WarningSettings;
  readonly freeze: FreezeSettings;
  /**
   * The heap of the thread that finds rings and scores risk, in MiB (`ANALYSIS_HEAP_MB`; by
   * default half the machine's memory, at least 4,096): a graph of millions of transfers needs
   * more than Node's default of about 4 GiB.
   */
  readonly analysisHeapMegabytes: number;
}

/** Half the machine's memory in MiB, at least Node's usual 4,096. */
export function defaultAnalysisHeapMegabytes(): number {
  return Math.max(4096, Math.floor(totalmem() / 2 / 2 ** 20));
}

type Env = Readonly<Record<string, string | undefined>>;

const port = z.coerce.number().int().min(1).max(65535);
const memorySize = z.string().regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 2g');
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const databaseName = z
  .string()
  .regex(/^[a-z][a-z0-9.-]{2,62}$/i, 'must be a Neo4j database name such as neo4j');

/** A proxy address: a named range, an IPv4 or IPv6 address, optionally with a prefix length. */
const PROXY_ADDRESS =
  /^(loopback|linklocal|uniquelocal|[0-9.]+(\/\d{1,2})?|[0-9a-f:]+(\/\d{1,3})?)$/i;

/** `TRUST_PROXY`: `false`, a number of proxy hops, or a comma-separated list of proxy addresses. */
const trustProxy = z.string().transform((value, ctx): false | number | string => {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const items = value.split(',').map((item) => item.trim());
  if (items.every((item) => PROXY_ADDRESS.test(item))) return items.join(', ');
  ctx.addIssue({
    code: 'custom',
    message:
      'must be false, a number of proxy hops, or proxy addresses such as loopback or 10.0.0.5/32',
  });
  return z.NEVER;
});

/** Reads one variable through a schema; a failure names the variable. */
function read<T>(env: Env, variable: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const parsed = schema.safeParse(raw.trim());
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid value';
    throw new ConfigError(variable, `${reason} (got "${raw}")`);
  }
  return parsed.data;
}

function readNeo4jUri(env: Env): string | undefined {
  const raw = env.NEO4J_URI?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('NEO4J_URI', `"${raw}" is not a URI; use e.g. bolt://host:7687`);
  }
  if (!NEO4J_SCHEMES.includes(url.protocol)) {
    throw new ConfigError(
      'NEO4J_URI',
      `scheme "${url.protocol}" is not supported; use one of ${NEO4J_SCHEMES.join(' ')}`,
    );
  }
  return raw;
}

function readSecurity(env: Env): SecuritySettings {
  const cookieSecure = read(env, 'COOKIE_SECURE', z.enum(['auto', 'true', 'false']), 'auto');
  return {
    sessionIdleMinutes: read(
      env,
      'SESSION_IDLE_MINUTES',
      z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      DEFAULTS.sessionIdleMinutes,
    ),
    sessionMaxHours: read(
      env,
      'SESSION_MAX_HOURS',
      z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 7),
      DEFAULTS.sessionMaxHours,
    ),
    cookieSecure: cookieSecure === 'auto' ? 'auto' : cookieSecure === 'true',
    loginsPerIpPer15Minutes: read(
      env,
      'LOGIN_RATE_LIMIT',
      z.coerce.number().int().min(1).max(100_000),
      DEFAULTS.loginsPerIpPer15Minutes,
    ),
    expensiveQueriesPerMinute: read(
      env,
      'EXPENSIVE_RATE_LIMIT',
      z.coerce.number().int().min(1).max(100_000),
      DEFAULTS.expensiveQueriesPerMinute,
    ),
    maxUploadMegabytes: read(
      env,
      'INGEST_MAX_UPLOAD_MB',
      z.coerce.number().int().min(1).max(100_000),
      DEFAULTS.maxUploadMegabytes,
    ),
    principalCacheSeconds: read(
      env,
      'PRINCIPAL_CACHE_SECONDS',
      z.coerce.number().int().min(0).max(60),
      DEFAULTS.principalCacheSeconds,
    ),
    auditSyncMs: read(
      env,
      'AUDIT_SYNC_MS',
      z.coerce.number().int().min(0).max(1_000),
      DEFAULTS.auditSyncMs,
    ),
    trustProxy: read(env, 'TRUST_PROXY', trustProxy, false),
  };
}

function readWarning(env: Env): WarningSettings {
  const whole = (max: number) => z.coerce.number().int().min(0).max(max);
  return {
    minCallSeconds: read(
      env,
      'WARNING_MIN_CALL_SECONDS',
      whole(3_600),
      DEFAULTS.warning.minCallSeconds,
    ),
    longCallSeconds: read(
      env,
      'WARNING_LONG_CALL_SECONDS',
      whole(24 * 3_600),
      DEFAULTS.warning.longCallSeconds,
    ),
    workedOnHours: read(
      env,
      'WARNING_WORKED_ON_HOURS',
      whole(24 * 30),
      DEFAULTS.warning.workedOnHours,
    ),
    escalateMinutes: read(
      env,
      'WARNING_ESCALATE_MINUTES',
      whole(24 * 60),
      DEFAULTS.warning.escalateMinutes,
    ),
    minHeldMinor: read(env, 'WARNING_MIN_HELD_MINOR', whole(1e12), DEFAULTS.warning.minHeldMinor),
  };
}

function readFreeze(env: Env): FreezeSettings {
  const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
  const rules = z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === 'none' || text === '') return [];
      const named = text.split(',').map((rule) => rule.trim());
      const unknown = named.filter(
        (rule) => !(AUTO_STOP_RULES as readonly string[]).includes(rule),
      );
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown rule(s) ${unknown.join(', ')}; use none or some of ${AUTO_STOP_RULES.join(', ')}`,
        });
        return z.NEVER;
      }
      return named as AutoStopRule[];
    });
  return {
    holdHours: read(env, 'FREEZE_HOLD_HOURS', whole(1, 24 * 30), DEFAULTS.freeze.holdHours),
    answerMinutes: read(
      env,
      'FREEZE_ANSWER_MINUTES',
      whole(1, 24 * 60),
      DEFAULTS.freeze.answerMinutes,
    ),
    warnBeforeHours: read(
      env,
      'FREEZE_WARN_BEFORE_HOURS',
      whole(0, 24 * 7),
      DEFAULTS.freeze.warnBeforeHours,
    ),
    autoStop: read(env, 'FREEZE_AUTO_STOP', rules, [...DEFAULTS.freeze.autoStop]),
  };
}

/** Validates the environment and returns Ringtrace's configuration. */
export function loadConfig(env: Env): Config {
  const dataDir = path.resolve(PROJECT_ROOT, env.RINGTRACE_DATA_DIR?.trim() || DEFAULTS.dataDir);
  const uri = readNeo4jUri(env);
  const user = read(env, 'NEO4J_USER', z.string().min(1), DEFAULTS.neo4jUser);

  let neo4j: LocalNeo4jConfig | RemoteNeo4jConfig;
  if (uri) {
    const password = env.NEO4J_PASSWORD ?? '';
    if (password === '') {
      throw new ConfigError('NEO4J_PASSWORD', 'is required when NEO4J_URI is set');
    }
    neo4j = { kind: 'remote', uri, user, password };
  } else {
    neo4j = {
      kind: 'local',
      boltPort: read(env, 'NEO4J_BOLT_PORT', port, DEFAULTS.localBoltPort),
      heap: read(env, 'NEO4J_HEAP', memorySize, DEFAULTS.localHeap).toLowerCase(),
      pageCache: read(env, 'NEO4J_PAGECACHE', memorySize, DEFAULTS.localPageCache).toLowerCase(),
      homeDir: path.join(dataDir, 'neo4j'),
      runtimeDir: path.join(PROJECT_ROOT, '.ringtrace', 'neo4j-runtime'),
      javaHome: env.JAVA_HOME?.trim() || undefined,
      startTimeoutSeconds: read(
        env,
        'NEO4J_START_TIMEOUT',
        z.coerce.number().int().min(10).max(3600),
        DEFAULTS.localStartTimeoutSeconds,
      ),
    };
  }

  return {
    port: read(env, 'PORT', port, DEFAULTS.port),
    host: read(env, 'HOST', z.string().min(1), DEFAULTS.host),
    logLevel: read(env, 'LOG_LEVEL', logLevel, DEFAULTS.logLevel),
    production: env.NODE_ENV === 'production',
    dataDir,
    database: read(env, 'NEO4J_DATABASE', databaseName, DEFAULTS.neo4jDatabase),
    neo4j,
    clientDir: path.join(PROJECT_ROOT, 'dist', 'client'),
    ingestDir: path.join(dataDir, 'ingest'),
    auditJournalDir: path.join(dataDir, 'audit-journal'),
    auditAnchor: {
      keyFile: path.resolve(
        PROJECT_ROOT,
        env.AUDIT_SIGNING_KEY_FILE?.trim() || path.join(dataDir, 'audit-key', 'ed25519.pem'),
      ),
      checkpointDir: path.join(dataDir, 'audit-checkpoints'),
    },
    demo: read(env, 'RINGTRACE_DEMO', z.enum(['on', 'off']), 'on') === 'on',
    security: readSecurity(env),
    warning: readWarning(env),
    freeze: readFreeze(env),
    analysisHeapMegabytes: read(
      env,
      'ANALYSIS_HEAP_MB',
      z.coerce
        .number()
        .int()
        .min(256)
        .max(2 ** 20),
      defaultAnalysisHeapMegabytes(),
    ),
  };
}
