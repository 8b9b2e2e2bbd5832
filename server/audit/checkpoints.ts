/**
 * Signed checkpoints of the audit chain's head, kept outside Neo4j.
 *
 * The chain's hashes are unkeyed and its head lives in the same database, so someone who can
 * write to Neo4j could cut entries off the end and move the head back, or change an entry and
 * re-chain everything after it, and the chain alone would still verify. After each write of the
 * trail, Ringtrace signs the new head (`seq`, `hash`, time) with an Ed25519 key that is kept in a
 * file, never in the database, and appends the signed checkpoint to a local file. Verifying the
 * trail against the checkpoints catches both: a checkpoint beyond the head means entries were cut
 * off, and a checkpoint whose hash differs from the entry at its `seq` means the chain was
 * rewritten up to there.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { canonicalJson, type ChainProblem } from './chain';

/** A signed statement that entry `seq` of the trail had hash `hash` at time `at`. */
export interface AuditCheckpoint {
  readonly seq: number;
  readonly hash: string;
  /** ISO-8601 UTC time the checkpoint was signed. */
  readonly at: string;
  /** Which key signed it: the first 16 hex digits of the SHA-256 of its public key. */
  readonly keyId: string;
  /** Ed25519 signature, base64, over the canonical JSON of the four fields above. */
  readonly signature: string;
}

function signedText(checkpoint: Omit<AuditCheckpoint, 'signature'>): Buffer {
  const { seq, hash, at, keyId } = checkpoint;
  return Buffer.from(canonicalJson({ seq, hash, at, keyId }), 'utf8');
}

/** The id a public key goes by in checkpoints. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Reads a public key given as PEM text. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The key is not an Ed25519 public key.');
  return key;
}

/** The Ed25519 key that signs checkpoints, read from its file or created there on first use. */
export class CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly #privateKey: KeyObject;

  private constructor(privateKey: KeyObject) {
    this.#privateKey = privateKey;
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  static fromKey(privateKey: KeyObject): CheckpointSigner {
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error('The audit signing key must be an Ed25519 private key.');
    }
    return new CheckpointSigner(privateKey);
  }

  /** Loads the PEM private key at `file`, creating one (readable by its owner only) if absent. */
  static fromFile(file: string): CheckpointSigner {
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    }
    return CheckpointSigner.fromKey(createPrivateKey(readFileSync(file, 'utf8')));
  }

  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(head: { seq: number; hash: string }, at: Date): AuditCheckpoint {
    const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: this.keyId };
    const signature = sign(null, signedText(unsigned), this.#privateKey).toString('base64');
    return { ...unsigned, signature };
  }
}

/** Whether `checkpoint` was signed by `publicKey` and is unchanged. */
export function checkpointSigned(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(
      null,
      signedText(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** Parses checkpoint lines; a torn last line (the process died while writing it) is skipped. */
export function parseCheckpoints(text: string): AuditCheckpoint[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.flatMap((line, index) => {
    try {
      return [JSON.parse(line) as AuditCheckpoint];
    } catch {
      if (index === lines.length - 1) return [];
      throw new Error(`Checkpoint ${index + 1} is not JSON; the checkpoint file is damaged.`);
    }
  });
}

/** The append-only file of signed checkpoints, `checkpoints.jsonl` in its folder. */
export class CheckpointFile {
  readonly file: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'checkpoints.jsonl');
  }

  /** Appends one checkpoint and syncs it to disk. */
  append(checkpoint: AuditCheckpoint): void {
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Where the public key that checks the checkpoints is kept beside them. */
  get publicKeyFile(): string {
    return path.join(path.dirname(this.file), 'public-key.pem');
  }

  /** Keeps the signer's public key beside the checkpoints, for offline verification. */
  publishKey(signer: CheckpointSigner): void {
    writeFileSync(this.publicKeyFile, signer.publicKeyPem, { mode: 0o644 });
  }

  read(): AuditCheckpoint[] {
    return existsSync(this.file) ? parseCheckpoints(readFileSync(this.file, 'utf8')) : [];
  }
}

/**
 * Checks a trail against signed checkpoints. `hashAt` gives the hash of the trail's entry at a
 * sequence number (undefined when the trail has no such entry); `headSeq` is the trail's last
 * entry. Checkpoints not signed by one of `publicKeys` are reported, not trusted.
 */
export function checkAgainstCheckpoints(
  checkpoints: readonly AuditCheckpoint[],
  publicKeys: readonly KeyObject[],
  hashAt: (seq: number) => string | undefined,
  headSeq: number,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  for (const checkpoint of checkpoints) {
    const signed = publicKeys.some((key) => checkpointSigned(checkpoint, key));
    if (!signed) {
      problems.push({
        seq: checkpoint.seq,
        problem: `the checkpoint signed at ${checkpoint.at} has no valid signature by a trusted key (forged or altered checkpoint)`,
      });
      continue;
    }
    if (checkpoint.seq > headSeq) {
      problems.push({
        seq: checkpoint.seq,
        problem: `a checkpoint signed at ${checkpoint.at} vouches for entry ${checkpoint.seq}, but the trail ends at entry ${headSeq} (entries cut off)`,
      });
      continue;
    }
    const hash = hashAt(checkpoint.seq);
    if (hash !== checkpoint.hash) {
      problems.push({
        seq: checkpoint.seq,
        problem: `the entry differs from the one signed at ${checkpoint.at} (the trail was rewritten up to here)`,
      });
    }
  }
  return problems;
}
