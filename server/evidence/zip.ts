/**
 * The bundle's container: a plain ZIP (deflated, fixed timestamps from the bundle's time so the
 * same files give the same archive), written and read with fflate.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { badRequest } from '../errors';

export function writeZip(
  files: readonly { name: string; bytes: Uint8Array }[],
  at: Date,
): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) {
    // Pictures and PDFs are compressed already; deflating them again costs time for nothing.
    const stored = /\.(png|pdf)$/.test(file.name);
    entries[file.name] = [file.bytes, { level: stored ? 0 : 6, mtime: at }];
  }
  return zipSync(entries);
}

/** Every file of a ZIP by name; a file that is not a ZIP is a 400. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  try {
    return new Map(Object.entries(unzipSync(bytes)));
  } catch (error) {
    throw badRequest(`Not a readable ZIP file (${(error as Error).message}).`);
  }
}
