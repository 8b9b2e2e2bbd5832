/**
 * `npm run evidence:verify -- <bundle.zip> [--manifest-sha256 <hash>]`: checks an evidence bundle
 * offline, with no database and no network. Every file the manifest lists must be in the ZIP with
 * the SHA-256 and size the manifest gives, and nothing else may be there; the manifest's own
 * SHA-256 is printed, to compare with what Ringtrace recorded (`GET /api/evidence/:id`, the audit
 * trail), or checked against `--manifest-sha256`. Exit code 0 when intact, 1 when a file differs
 * (each named), 2 when the file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyBundle } from '../evidence/manifest';
import { readZip } from '../evidence/zip';

const USAGE = 'Usage: npm run evidence:verify -- <bundle.zip> [--manifest-sha256 <hash>]';

function verifyFile(): number {
  const { values, positionals } = parseArgs({
    options: { 'manifest-sha256': { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const expected = values['manifest-sha256']?.trim().toLowerCase();
  const result = verifyBundle(readZip(new Uint8Array(readFileSync(file))), expected);
  const problems = [
    ...result.checked
      .filter((entry) => !entry.ok)
      .map((entry) => `${entry.name}: ${entry.problem ?? 'differs'}`),
    ...result.problems,
  ];
  if (result.manifestSha256) console.log(`Manifest SHA-256: ${result.manifestSha256}`);
  if (result.bundleId) console.log(`Bundle: ${result.bundleId}`);
  if (problems.length === 0) {
    console.log(`OK: ${result.checked.length} files match the manifest`);
    for (const entry of result.checked) console.log(`  ${entry.name}`);
    if (!expected) {
      console.log(
        '(Compare the manifest SHA-256 with what Ringtrace recorded: GET /api/evidence/<id>, or pass --manifest-sha256.)',
      );
    }
    return 0;
  }
  console.log(`TAMPERED: ${problems.length} problem(s)`);
  for (const problem of problems) console.log(`  ${problem}`);
  return 1;
}

try {
  process.exitCode = verifyFile();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
