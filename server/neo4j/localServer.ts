/**
 * The local Neo4j server that Ringtrace runs when no `NEO4J_URI` is given.
 *
 * `start()` finds Java 17/21, fetches the runtime on first use, stops a server an earlier run left
 * behind, checks the Bolt port is free, writes `neo4j.conf`, launches Neo4j's own entry point and
 * waits until Bolt answers. `stop()` sends SIGTERM and waits for a clean shutdown. The database
 * files stay in the home folder between runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../config';
import { StartupError } from '../errors';
import { findJava } from './java';
import { ensureRuntime } from './runtime';

export const CONF_TEMPLATE = path.join(PROJECT_ROOT, 'neo4j', 'neo4j.conf.template');
const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';
/** `neo4j-admin`'s entry point (in `neo4j-command-line`; the import command is `neo4j-import-tool`). */
const ADMIN_TOOL = 'org.neo4j.cli.AdminTool';
const STOP_TIMEOUT_MS = 60_000;

/** JVM flags the `bin/neo4j` launcher would pass; launching the JVM ourselves, we pass them. */
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dfile.encoding=UTF-8',
];

/** Fills `{{name}}` placeholders; a placeholder without a value is an error. */
export function renderConf(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`neo4j.conf template: no value for {{${name}}}`);
    return value;
  });
}

/** Resolves when nothing listens on 127.0.0.1:port; otherwise throws a `StartupError`. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new StartupError(
            `Port ${port} on 127.0.0.1 is already in use, so the local Neo4j cannot take it. ` +
              'Another Neo4j may be running: stop it, or set NEO4J_BOLT_PORT to a free port, or ' +
              'set NEO4J_URI (with NEO4J_PASSWORD) to use the server on that port.',
          ),
        );
      } else reject(error);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return !isAlive(pid);
}

export class LocalNeo4j {
  readonly #config: LocalNeo4jConfig;
  readonly #logger: Logger;
  #process: ChildProcess | undefined;
  #exited: Promise<void> | undefined;
  /** Told when the server, once started, exits without `stop()` having been called. */
  #onUnexpectedExit: ((reason: string) => void) | undefined;

  constructor(config: LocalNeo4jConfig, logger: Logger) {
    this.#config = config;
    this.#logger = logger.child({ component: 'local-neo4j' });
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.#config.boltPort}`;
  }

  get homeDir(): string {
    return this.#config.homeDir;
  }

  get #pidFile(): string {
    return path.join(this.#config.homeDir, 'run', 'ringtrace-neo4j.pid');
  }

  /**
   * Starts the server and resolves with its Bolt URI once it accepts connections.
   * With `reuseRunning`, a server already running from this home folder (a Ringtrace server that
   * is up while a command-line tool runs) is used as it is, and `stop()` leaves it running.
   */
  async start(options: { reuseRunning?: boolean } = {}): Promise<string> {
    if (options.reuseRunning && this.#runningPid() !== undefined) {
      this.#logger.info({ uri: this.uri }, 'Using the local Neo4j that is already running');
      return this.uri;
    }
    const java = findJava(this.#config.javaHome);
    await ensureRuntime(this.#config.runtimeDir, this.#logger);
    const home = this.#config.homeDir;
    for (const folder of ['conf', 'data', 'logs', 'run', 'import']) {
      mkdirSync(path.join(home, folder), { recursive: true });
    }
    await this.#stopLeftover();
    await assertPortFree(this.#config.boltPort);
    this.#writeConf();

    const runtime = this.#config.runtimeDir;
    const args = [
      `-Xms${this.#config.heap}`,
      `-Xmx${this.#config.heap}`,
      ...JVM_FLAGS,
      '-cp',
      `${path.join(runtime, 'plugins', '*')}:${path.join(runtime, 'lib', '*')}`,
      ENTRY_POINT,
      `--home-dir=${home}`,
      `--config-dir=${path.join(home, 'conf')}`,
      '--console-mode',
    ];
    this.#logger.info(
      { java: java.bin, home, port: this.#config.boltPort },
      'Starting local Neo4j',
    );
    const started = Date.now();
    // Own process group: Ctrl-C reaches Ringtrace, which then stops Neo4j in order.
    const child = spawn(java.bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#process = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    if (child.pid !== undefined) writeFileSync(this.#pidFile, `${child.pid}\n`);

    await this.#waitUntilReady(child);
    child.once('exit', (code, signal) => {
      if (this.#process !== child) return; // stopped on purpose
      this.#process = undefined;
      rmSync(this.#pidFile, { force: true });
      this.#onUnexpectedExit?.(`exit code ${String(code)}, signal ${String(signal)}`);
    });
    this.#logger.info(
      { seconds: Math.round((Date.now() - started) / 100) / 10, uri: this.uri },
      'Local Neo4j ready',
    );
    return this.uri;
  }

  /** Registers who hears when the started server exits without being asked to stop. */
  onUnexpectedExit(listener: (reason: string) => void): void {
    this.#onUnexpectedExit = listener;
  }

  /** Pid of the server this object started, while it runs. */
  get pid(): number | undefined {
    const child = this.#process;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /** True while a Neo4j runs from this home folder (started by this or another process). */
  isRunning(): boolean {
    return this.#runningPid() !== undefined;
  }

  /** True when the home folder holds the store of this database (it has been created). */
  hasDatabase(name: string): boolean {
    return existsSync(path.join(this.#config.homeDir, 'data', 'databases', name));
  }

  /**
   * Runs a `neo4j-admin` command (Neo4j's `AdminTool`, from the same runtime) on this home
   * folder while the server is stopped; each line it prints goes to `onLine`. Rejects when it
   * exits with an error, with its last lines.
   */
  async runAdmin(
    args: readonly string[],
    onLine: (line: string) => void,
    heap = '1g',
  ): Promise<void> {
    if (this.isRunning()) {
      throw new StartupError(
        `The local Neo4j in ${this.#config.homeDir} is running; stop it first.`,
      );
    }
    const java = findJava(this.#config.javaHome);
    await ensureRuntime(this.#config.runtimeDir, this.#logger);
    for (const folder of ['conf', 'data', 'logs', 'run', 'import']) {
      mkdirSync(path.join(this.#config.homeDir, folder), { recursive: true });
    }
    this.#writeConf();
    const child = spawn(
      java.bin,
      [
        `-Xmx${heap}`,
        ...JVM_FLAGS,
        '-cp',
        path.join(this.#config.runtimeDir, 'lib', '*'),
        ADMIN_TOOL,
        ...args,
      ],
      {
        env: {
          ...process.env,
          NEO4J_HOME: this.#config.homeDir,
          NEO4J_CONF: path.join(this.#config.homeDir, 'conf'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const recent: string[] = [];
    let partial = '';
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 30) recent.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (partial) onLine(partial);
    if (code !== 0) {
      throw new StartupError(
        `neo4j-admin ${args.slice(0, 3).join(' ')} failed (exit ${String(code)}):\n` +
          [...recent, partial]
            .filter((line) => line.trim())
            .slice(-15)
            .join('\n'),
      );
    }
  }

  /** Stops the server cleanly (SIGTERM, then SIGKILL after a minute); safe to call twice. */
  async stop(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.#process = undefined;
      return;
    }
    this.#logger.info('Stopping local Neo4j');
    this.#process = undefined;
    child.kill('SIGTERM');
    const stopped = await Promise.race([
      this.#exited?.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS).unref()),
    ]);
    if (!stopped) {
      this.#logger.warn('Local Neo4j did not stop within a minute; killing it');
      child.kill('SIGKILL');
      await this.#exited;
    }
    this.#process = undefined;
    rmSync(this.#pidFile, { force: true });
    this.#logger.info('Local Neo4j stopped');
  }

  #writeConf(): void {
    const template = readFileSync(CONF_TEMPLATE, 'utf8');
    const conf = renderConf(template, {
      homeDir: this.#config.homeDir,
      pluginsDir: path.join(this.#config.runtimeDir, 'plugins'),
      boltPort: String(this.#config.boltPort),
      pageCache: this.#config.pageCache,
    });
    writeFileSync(path.join(this.#config.homeDir, 'conf', 'neo4j.conf'), conf);
  }

  /** Pid of a Neo4j running from this home folder, per the pid file; undefined when none. */
  #runningPid(): number | undefined {
    if (!existsSync(this.#pidFile)) return undefined;
    const pid = Number(readFileSync(this.#pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    const cmdlineFile = `/proc/${pid}/cmdline`;
    const cmdline = existsSync(cmdlineFile) ? readFileSync(cmdlineFile, 'utf8') : '';
    return cmdline.includes(ENTRY_POINT) && cmdline.includes(this.#config.homeDir)
      ? pid
      : undefined;
  }

  /** A server from an earlier run that ended without stopping it (e.g. killed) is stopped now. */
  async #stopLeftover(): Promise<void> {
    const pid = this.#runningPid();
    if (pid !== undefined) {
      this.#logger.warn({ pid }, 'Stopping a local Neo4j left running by an earlier start');
      process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) process.kill(pid, 'SIGKILL');
    }
    rmSync(this.#pidFile, { force: true });
  }

  async #waitUntilReady(child: ChildProcess): Promise<void> {
    const consoleLog = createWriteStream(path.join(this.#config.homeDir, 'logs', 'console.log'), {
      flags: 'a',
    });
    const recent: string[] = [];
    const timeoutMs = this.#config.startTimeoutSeconds * 1000;

    await new Promise<void>((resolve, reject) => {
      const fail = (message: string) => {
        clearTimeout(timer);
        reject(
          new StartupError(
            `${message}\nLast lines from Neo4j (full log: ${path.join(this.#config.homeDir, 'logs')}):\n` +
              recent.slice(-15).join('\n'),
          ),
        );
      };
      const timer = setTimeout(() => {
        fail(`The local Neo4j did not start within ${this.#config.startTimeoutSeconds} s.`);
        child.kill('SIGKILL');
      }, timeoutMs);
      const onData = (chunk: Buffer) => {
        consoleLog.write(chunk);
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          recent.push(line);
          if (recent.length > 50) recent.shift();
          if (/\bINFO\s+Started\.\s*$/.test(line)) {
            clearTimeout(timer);
            resolve();
          }
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error) =>
        fail(`The local Neo4j could not be launched: ${error.message}`),
      );
      child.once('exit', (code, signal) =>
        fail(
          `The local Neo4j exited during start (code ${String(code)}, signal ${String(signal)}).`,
        ),
      );
    });
    // Keep the console log flowing after start without blocking on a full pipe.
    child.once('exit', () => consoleLog.end());
  }
}
