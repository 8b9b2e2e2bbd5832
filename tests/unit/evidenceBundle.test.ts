/**
 * A bundle as a whole: its manifest lists every file with its SHA-256, the offline check passes
 * on the bundle as made and fails, naming the file, when any byte of any file is changed, a file
 * is removed or one is added; the report's text holds the case's facts and sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BuiltBundle } from '../../server/evidence/bundle';
import { MANIFEST_NAME, sha256, verifyBundle } from '../../server/evidence/manifest';
import { readZip } from '../../server/evidence/zip';
import { CONTEXT, constructedCase } from './evidenceCase';

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

let built: BuiltBundle;
let files: Map<string, Uint8Array>;

beforeAll(async () => {
  built = await buildBundle(constructedCase(), CONTEXT, null);
  files = readZip(built.zip);
}, 60_000);

describe('evidence bundle', () => {
  it('holds the report, the data, the chart and the manifest, each listed with its SHA-256', () => {
    expect([...files.keys()].sort()).toEqual(
      [
        'chart.anx',
        'graph.graphml',
        'links.csv',
        'manifest.json',
        'nodes.csv',
        'report.pdf',
      ].sort(),
    );
    const manifest = JSON.parse(new TextDecoder().decode(files.get(MANIFEST_NAME))) as {
      files: { name: string; sha256: string; bytes: number }[];
      createdBy: { username: string };
      madeFrom: { kind: string };
      ringtraceVersion: string;
    };
    for (const file of manifest.files) {
      expect(sha256(files.get(file.name)!), file.name).toBe(file.sha256);
      expect(files.get(file.name)!.byteLength).toBe(file.bytes);
    }
    expect(manifest.createdBy.username).toBe('li.detective');
    expect(manifest.madeFrom.kind).toBe('trace');
    expect(sha256(files.get(MANIFEST_NAME)!)).toBe(built.manifestSha256);
    expect(verifyBundle(files)).toMatchObject({ ok: true, manifestSha256: built.manifestSha256 });
  });

  it.each(['report.pdf', 'graph.graphml', 'nodes.csv', 'links.csv', 'chart.anx', 'manifest.json'])(
    'a changed byte in %s fails the check, naming the file',
    (name) => {
      const tampered = new Map(files);
      const bytes = new Uint8Array(tampered.get(name)!);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at]! + 1) % 256;
      tampered.set(name, bytes);
      // The manifest is not listed in itself: checked against the hash Ringtrace recorded.
      const result = verifyBundle(tampered, built.manifestSha256);
      expect(result.ok).toBe(false);
      if (name === MANIFEST_NAME) {
        expect(result.manifestSha256).not.toBe(built.manifestSha256);
        expect(result.problems.join('\n')).toContain('manifest.json: SHA-256');
      } else {
        expect(result.checked.filter((entry) => !entry.ok).map((entry) => entry.name)).toEqual([
          name,
        ]);
      }
    },
  );

  it('a removed or an added file fails the check', () => {
    const removed = new Map(files);
    removed.delete('nodes.csv');
    expect(verifyBundle(removed).checked.find((entry) => entry.name === 'nodes.csv')).toMatchObject(
      { ok: false, problem: 'missing from the bundle' },
    );
    const added = new Map(files);
    added.set('extra.txt', new TextEncoder().encode('planted'));
    expect(verifyBundle(added)).toMatchObject({
      ok: false,
      problems: ['extra.txt is in the bundle but not in the manifest'],
    });
  });

  it('npm run evidence:verify passes the bundle and fails a tampered one, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-evidence-'));
    const good = path.join(dir, 'good.zip');
    writeFileSync(good, built.zip);
    const cli = path.resolve('server/cli/evidenceVerify.ts');
    const ok = spawnSync('npx', ['tsx', cli, good], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Manifest SHA-256: ${built.manifestSha256}`);
    expect(ok.stdout).toContain('OK: 5 files match the manifest');

    const tampered = Object.fromEntries(files);
    tampered['links.csv'] = new TextEncoder().encode(
      new TextDecoder().decode(files.get('links.csv')).replace('5000000', '500000'),
    );
    const bad = path.join(dir, 'bad.zip');
    writeFileSync(bad, zipSync(tampered));
    const failed = spawnSync('npx', ['tsx', cli, bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/TAMPERED: 1 problem\(s\)\n {2}links\.csv: /);

    const wrongHash = spawnSync('npx', ['tsx', cli, good, '--manifest-sha256', 'f'.repeat(64)], {
      encoding: 'utf8',
    });
    expect(wrongHash.status).toBe(1);
    expect(wrongHash.stdout).toContain('manifest.json: SHA-256');
  }, 60_000);

  it.skipIf(!hasPdftotext)(
    'the report prints the facts, Chinese names and the source of every record (needs pdftotext)',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-evidence-'));
      const pdf = path.join(dir, 'report.pdf');
      writeFileSync(pdf, files.get('report.pdf')!);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (const fact of [
        'CASE-2026-0042',
        '李探长',
        '张伟',
        '王强',
        '李娜 <mule> & "co"',
        'ringleader',
        'receives consolidated money at the end of 4 mule',
        '50,000.00 CNY',
        '48,000.00 CNY',
        '2,000.00 CNY',
        'proportional',
        '2026-10-01 02:10:00 UTC',
        'transfers-2026-10.csv, line 17,',
        'cdr-1001.csv, line 1234, record',
        'reports.csv, line 7',
        'a'.repeat(32),
        'Ringtrace 0.1.0',
      ]) {
        expect(text, fact).toContain(fact);
      }
    },
  );
});
