/**
 * Receiving an uploaded partner file: the request body is streamed to a file in the uploads
 * folder (never held in memory), up to a size limit, then loaded like any other file.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { RingtraceError, badRequest } from '../errors';
import { loadMappingFile, type Mapping } from './mapping';

export const MAPPINGS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'mappings');

/** Names of the mapping files shipped with Ringtrace (`amlsim-transactions`, ...). */
export function shippedMappings(): string[] {
  return readdirSync(MAPPINGS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export function shippedMapping(name: string): Mapping {
  if (!shippedMappings().includes(name)) {
    throw badRequest(`Unknown mapping "${name}"; known: ${shippedMappings().join(', ')}.`);
  }
  return loadMappingFile(path.join(MAPPINGS_DIR, `${name}.json`));
}

/** Streams the request body to a new file; 413 past `maxBytes`, 400 when empty. */
export async function saveUpload(req: Request, dir: string, maxBytes: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.upload`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(
          new RingtraceError(
            'payload-too-large',
            `The file is larger than ${Math.round(maxBytes / 1_048_576)} MB; load it with ` +
              '`npm run ingest` on the server, or split it.',
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(file));
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
  if (bytes === 0) {
    rmSync(file, { force: true });
    throw badRequest('The request body is empty: send the file as the body.');
  }
  return file;
}
