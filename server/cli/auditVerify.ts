/**
 * `npm run audit:verify -- <trail.jsonl> [--head <hash>] [--checkpoints <checkpoints.jsonl>
 * --public-key <key.pem>]`: checks an exported audit trail offline, with no database and no
 * network. Every entry's hash is recomputed and every link to the entry before it checked; with
 * `--head` (the `X-Audit-Head-Hash` given at export) a trail whose end was cut off is caught as
 * well; with signed checkpoints and the public key that signed them, a trail cut off or rewritten
 * and re-chained before it was exported is caught too. Exit code 0 when intact, 1 otherwise.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ChainVerifier, type AuditEntry } from '../audit/chain';
import {
  checkAgainstCheckpoints,
  parseCheckpoints,
  publicKeyFromPem,
  type AuditCheckpoint,
} from '../audit/checkpoints';

const USAGE =
  'Usage: npm run audit:verify -- <trail.jsonl> [--head <hash>] ' +
  '[--checkpoints <checkpoints.jsonl> --public-key <key.pem>]';

async function verifyFile(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      head: { type: 'string' },
      checkpoints: { type: 'string' },
      'public-key': { type: 'string' },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  const keyFile = values['public-key'];
  if (!file || Boolean(values.checkpoints) !== Boolean(keyFile)) {
    console.error(USAGE);
    return 2;
  }
  let checkpoints: AuditCheckpoint[] = [];
  if (values.checkpoints) checkpoints = parseCheckpoints(readFileSync(values.checkpoints, 'utf8'));
  const wanted = new Set(checkpoints.map((checkpoint) => checkpoint.seq));
  const hashes = new Map<number, string>();
  const verifier = new ChainVerifier();
  let line = 0;
  let lastSeq = 0;
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
    if (wanted.has(entry.seq)) hashes.set(entry.seq, entry.hash);
    lastSeq = entry.seq;
  }
  const head = values.head ? { hash: values.head } : undefined;
  const chain = verifier.finish(head);
  const anchored = keyFile
    ? checkAgainstCheckpoints(
        checkpoints,
        [publicKeyFromPem(readFileSync(keyFile, 'utf8'))],
        (seq) => hashes.get(seq),
        lastSeq,
      )
    : [];
  const result = {
    ...chain,
    ok: chain.ok && anchored.length === 0,
    problems: [...chain.problems, ...anchored],
  };
  if (result.ok) {
    console.log(`OK: ${result.entries} entries, chain intact, head ${result.head}`);
    if (keyFile) console.log(`All ${checkpoints.length} signed checkpoints match the trail.`);
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
