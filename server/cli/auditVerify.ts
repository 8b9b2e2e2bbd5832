/**
 * `npm run audit:verify -- <trail.jsonl> [--head <hash>]`: checks an exported audit trail offline,
 * with no database and no network. Every entry's hash is recomputed and every link to the entry
 * before it checked; with `--head` (the `X-Audit-Head-Hash` given at export) a trail whose end was
 * cut off is caught as well. Exit code 0 when intact, 1 otherwise.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ChainVerifier, type AuditEntry } from '../audit/chain';

async function verifyFile(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { head: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) {
    console.error('Usage: npm run audit:verify -- <trail.jsonl> [--head <hash>]');
    return 2;
  }
  const verifier = new ChainVerifier();
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8') })) {
    line += 1;
    if (!text.trim()) continue;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(text) as AuditEntry;
    } catch {
      console.error(`Line ${line}: not JSON; the file is damaged.`);
      return 1;
    }
    verifier.add(entry);
  }
  const head = values.head ? { hash: values.head } : undefined;
  const result = verifier.finish(head);
  if (result.ok) {
    console.log(`OK: ${result.entries} entries, chain intact, head ${result.head}`);
    if (!head) console.log('(Pass --head <X-Audit-Head-Hash> to also rule out a cut-off end.)');
    return 0;
  }
  console.log(`TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries`);
  for (const problem of result.problems) console.log(`  entry ${problem.seq}: ${problem.problem}`);
  return 1;
}

verifyFile().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
