/**
 * Receiving an uploaded partner file: the request body is streamed to a file in the uploads
 * folder (never held in memory), up to a size limit, then loaded like any other file.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { RingtraceError, badRequest } from '../errors';

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
