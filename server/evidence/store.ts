/**
 * Where bundles are kept: `<id>.zip` as handed over and `<id>.json`, what the server recorded of
 * it, in the evidence folder beside the ingestion folder. Files are written under a temporary name
 * and renamed, so a bundle is either there whole or not at all.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceBundle } from '../contract/evidence';
import { sha256 } from './manifest';

export const EVIDENCE_ID = /^ev_[0-9]{8}_[0-9a-f]{12}$/;

/**
 * The evidence folder that belongs to an ingestion folder: beside it in the data folder
 * (`<data>/ingest` → `<data>/evidence`), or inside a scratch ingestion folder of another name.
 */
export function evidenceDir(ingestDir: string): string {
  const resolved = path.resolve(ingestDir);
  return path.basename(resolved) === 'ingest'
    ? path.join(path.dirname(resolved), 'evidence')
    : path.join(resolved, 'evidence');
}

export function newEvidenceId(at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `ev_${day}_${randomBytes(6).toString('hex')}`;
}

async function writeWhole(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, data, { flag: 'wx' });
  await rename(temporary, file);
}

export class EvidenceStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  #file(id: string, extension: 'zip' | 'json'): string {
    if (!EVIDENCE_ID.test(id)) throw new Error(`Not an evidence bundle id: ${id}`);
    return path.join(this.dir, `${id}.${extension}`);
  }

  async save(record: EvidenceBundle, zip: Uint8Array): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    await writeWhole(this.#file(record.id, 'zip'), zip);
    await writeWhole(this.#file(record.id, 'json'), `${JSON.stringify(record, null, 2)}\n`);
  }

  async record(id: string): Promise<EvidenceBundle | null> {
    if (!EVIDENCE_ID.test(id)) return null;
    try {
      return JSON.parse(await readFile(this.#file(id, 'json'), 'utf8')) as EvidenceBundle;
    } catch {
      return null;
    }
  }

  /** The stored ZIP, or null when it is gone. */
  async zip(id: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.#file(id, 'zip')));
    } catch {
      return null;
    }
  }

  /** Whether the stored ZIP is still the one recorded. */
  async check(record: EvidenceBundle): Promise<{ present: boolean; intact: boolean }> {
    const zip = await this.zip(record.id);
    return { present: zip !== null, intact: zip !== null && sha256(zip) === record.zipSha256 };
  }

  /** Every recorded bundle, newest first. */
  async list(): Promise<EvidenceBundle[]> {
    if (!existsSync(this.dir)) return [];
    const ids = readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => EVIDENCE_ID.test(id));
    const records = await Promise.all(ids.map((id) => this.record(id)));
    return records
      .filter((record): record is EvidenceBundle => record !== null)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }
}
