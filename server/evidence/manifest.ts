/**
 * The bundle's manifest and its check. `manifest.json` lists every other file of the bundle with
 * its SHA-256 and size, and says what the bundle was made from, by whom, when, with which Ringtrace;
 * the manifest's own SHA-256 is the bundle's fingerprint, recorded in the audit trail. `verifyBundle`
 * checks a bundle offline: every listed file present and unchanged, nothing unlisted.
 */
import { createHash } from 'node:crypto';
import type { BundleContext, MadeFrom } from './model';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'ringtrace-evidence-bundle/1';

export interface ManifestFile {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly description: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly bundleId: string;
  readonly createdAt: string;
  readonly createdBy: BundleContext['createdBy'];
  readonly ringtraceVersion: string;
  readonly caseNumber: string | null;
  readonly note: string | null;
  readonly madeFrom: {
    readonly kind: MadeFrom['kind'];
    readonly id: string;
    readonly title: string;
    readonly analysisRun: MadeFrom['run'];
    readonly trace: { method: string; depth: number; windowHours: number } | null;
  };
  /** `all`, or the partner organisation whose records alone the bundle holds. */
  readonly scope: string;
  readonly counts: { nodes: number; events: number; links: number; sources: number };
  readonly truncated: boolean;
  readonly hashAlgorithm: 'SHA-256';
  readonly files: readonly ManifestFile[];
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function manifestFile(name: string, bytes: Uint8Array, description: string): ManifestFile {
  return { name, sha256: sha256(bytes), bytes: bytes.byteLength, description };
}

/** The manifest as stored: pretty JSON, UTF-8, so it can be read as well as hashed. */
export function manifestBytes(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

export interface Verification {
  readonly ok: boolean;
  /** SHA-256 of `manifest.json` as found in the bundle; null when there is none. */
  readonly manifestSha256: string | null;
  readonly bundleId: string | null;
  readonly checked: readonly { name: string; ok: boolean; problem: string | null }[];
  /** Problems not tied to one listed file (no manifest, a file the manifest does not list). */
  readonly problems: readonly string[];
}

function isManifest(value: unknown): value is Manifest {
  const record = value as Partial<Manifest> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    record.format === MANIFEST_FORMAT &&
    Array.isArray(record.files) &&
    (record.files as unknown[]).every((item) => {
      const file = item as Partial<ManifestFile> | null;
      return (
        typeof file === 'object' &&
        file !== null &&
        typeof file.name === 'string' &&
        typeof file.sha256 === 'string' &&
        typeof file.bytes === 'number'
      );
    })
  );
}

/**
 * Checks the files of a bundle (name → bytes) against its manifest, and the manifest against the
 * SHA-256 Ringtrace recorded for it when that is given (a changed manifest that still agrees with
 * changed files is caught only so). Pure.
 */
export function verifyBundle(
  files: ReadonlyMap<string, Uint8Array>,
  expectedManifestSha256?: string,
): Verification {
  const stored = files.get(MANIFEST_NAME);
  if (!stored) {
    return {
      ok: false,
      manifestSha256: null,
      bundleId: null,
      checked: [],
      problems: [`${MANIFEST_NAME} is missing: this is not a Ringtrace evidence bundle.`],
    };
  }
  const manifestSha256 = sha256(stored);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(stored));
  } catch {
    parsed = null;
  }
  if (!isManifest(parsed)) {
    return {
      ok: false,
      manifestSha256,
      bundleId: null,
      checked: [],
      problems: [`${MANIFEST_NAME} is not a manifest of format ${MANIFEST_FORMAT}.`],
    };
  }
  const checked = parsed.files.map((file) => {
    const bytes = files.get(file.name);
    if (!bytes) return { name: file.name, ok: false, problem: 'missing from the bundle' };
    if (bytes.byteLength !== file.bytes) {
      return {
        name: file.name,
        ok: false,
        problem: `size ${bytes.byteLength} bytes, the manifest says ${file.bytes}`,
      };
    }
    const actual = sha256(bytes);
    if (actual !== file.sha256) {
      return {
        name: file.name,
        ok: false,
        problem: `SHA-256 ${actual}, the manifest says ${file.sha256}`,
      };
    }
    return { name: file.name, ok: true, problem: null };
  });
  const listed = new Set(parsed.files.map((file) => file.name));
  const problems = [...files.keys()]
    .filter((name) => name !== MANIFEST_NAME && !listed.has(name))
    .map((name) => `${name} is in the bundle but not in the manifest`);
  const expected = expectedManifestSha256?.trim().toLowerCase();
  if (expected && expected !== manifestSha256) {
    problems.push(`${MANIFEST_NAME}: SHA-256 ${manifestSha256}, recorded ${expected}`);
  }
  return {
    ok: problems.length === 0 && checked.every((file) => file.ok),
    manifestSha256,
    bundleId: typeof parsed.bundleId === 'string' ? parsed.bundleId : null,
    checked,
    problems,
  };
}
