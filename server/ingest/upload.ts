/**
 * Receiving an uploaded partner file: the request body is streamed to a file in the uploads
 * folder (never held in memory), up to a size limit, then loaded like any other file. The file is
 * named by the server process that receives it, so one left by a server that was killed is
 * removed when a server starts (`removeAbandonedUploads`).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { RingtraceError, badRequest } from '../errors';

/** Where uploads are received, under the ingest folder. */
export function uploadsDir(ingestDir: string): string {
  return path.join(ingestDir, 'uploads');
}

const UPLOAD_NAME = /^(\d+)-[0-9a-f-]{36}\.upload$/;

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the upload files in `dir` whose server process is no longer running (it was killed
 * while receiving or loading them); files of the old unnamed form are removed too. Returns how
 * many were removed.
 */
export function removeAbandonedUploads(dir: string): number {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of entries) {
    if (!name.endsWith('.upload')) continue;
    const pid = UPLOAD_NAME.exec(name)?.[1];
    if (pid !== undefined && running(Number(pid))) continue;
    rmSync(path.join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Streams the request body to a new file (named by this process and `id`); 413 past `maxBytes`,
 * 400 when empty.
 */
export async function saveUpload(
  req: Request,
  dir: string,
  maxBytes: number,
  id: string = randomUUID(),
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${id}.upload`);
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
