/**
 * Finds a Java runtime that Neo4j 5.26 accepts (17 or 21): `JAVA_HOME`, then `java` on the PATH,
 * then the JDKs under /usr/lib/jvm. A clear `StartupError` says what to install otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../errors';

export const SUPPORTED_JAVA_MAJORS = [17, 21] as const;

export interface JavaRuntime {
  readonly bin: string;
  readonly major: number;
}

/** Major version from `java -version` output: `openjdk version "17.0.15"` -> 17, `"1.8.0"` -> 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

function probe(bin: string): JavaRuntime | undefined {
  const result = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const major = parseJavaMajor(`${result.stderr}${result.stdout}`);
  return major === undefined ? undefined : { bin, major };
}

function candidates(javaHome: string | undefined): string[] {
  const list: string[] = [];
  if (javaHome) list.push(path.join(javaHome, 'bin', 'java'));
  list.push('java');
  const jvmDir = '/usr/lib/jvm';
  if (existsSync(jvmDir)) {
    for (const entry of readdirSync(jvmDir).sort()) {
      const bin = path.join(jvmDir, entry, 'bin', 'java');
      if (existsSync(bin)) list.push(bin);
    }
  }
  return list;
}

/** Returns the first Java 17 or 21 found; throws a `StartupError` that says what to do. */
export function findJava(javaHome: string | undefined): JavaRuntime {
  const seen: string[] = [];
  for (const bin of candidates(javaHome)) {
    const runtime = probe(bin);
    if (!runtime) continue;
    if ((SUPPORTED_JAVA_MAJORS as readonly number[]).includes(runtime.major)) return runtime;
    seen.push(`Java ${runtime.major} at ${bin}`);
  }
  throw new StartupError(
    'The local Neo4j 5.26 needs Java 17 or 21' +
      (seen.length ? `, but found only ${seen.join(', ')}` : ', and no Java was found') +
      '. Install OpenJDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or set ' +
      'JAVA_HOME to a JDK 17 or 21; or set NEO4J_URI to use a Neo4j server that already runs.',
  );
}
