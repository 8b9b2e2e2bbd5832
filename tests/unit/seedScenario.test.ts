import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLuhnValid } from '../../seed/ids/digits';
import { FILE_KINDS, type FileKind } from '../../seed/output/formats';
import { writeScenario, type ScenarioSummary } from '../../seed/write';

/** Columns of each kind as docs/data-formats.md lists them (the contract with ingestion). */
function documentedColumns(): Record<string, string[]> {
  const text = readFileSync(path.join(import.meta.dirname, '../../docs/data-formats.md'), 'utf8');
  const columns: Record<string, string[]> = {};
  let kind: string | null = null;
  for (const line of text.split('\n')) {
    const heading = /^`([a-z-]+)`/.exec(line);
    if (heading?.[1]) kind = heading[1];
    if (
      !kind ||
      !line.startsWith('| ') ||
      line.startsWith('| column') ||
      line.startsWith('| ---')
    ) {
      continue;
    }
    const [, cell = '', meaning = ''] = line.split('|');
    const names = cell
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((name) => name.replace(/[*`\s]/g, ''))
      .filter(Boolean);
    // A column named in the meaning cell, e.g. "...; station_name optional".
    const mentioned = [...meaning.matchAll(/\b([a-z]+_[a-z_]+) optional/g)].map((m) => m[1] ?? '');
    (columns[kind] ??= []).push(...names, ...mentioned);
  }
  return columns;
}

let outDir: string;
let summary: ScenarioSummary;
const files = {} as Record<FileKind, { header: string[]; rows: Record<string, string>[] }>;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'ringtrace-seed-'));
  summary = await writeScenario({ size: 'demo', seed: 42, outDir });
  for (const kind of FILE_KINDS) {
    const text = readFileSync(fileOf(kind), 'utf8');
    const records = parse(text);
    const [header = [], ...body] = records;
    files[kind] = {
      header,
      rows: body.map((cells) =>
        Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])),
      ),
    };
  }
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function fileOf(kind: FileKind): string {
  const file = summary.files[kind];
  if (!file) throw new Error(`no ${kind} file written`);
  return file;
}

function column(kind: FileKind, name: string): string[] {
  return files[kind].rows.map((row) => row[name] ?? '');
}

describe('a demo scenario', () => {
  it('is generated in well under ten seconds, with the sizes the demo promises', () => {
    expect(summary.seconds).toBeLessThan(10);
    const events =
      summary.rows['bank-transfers'] +
      summary.rows['telecom-cdr'] +
      summary.rows['telecom-sightings'] +
      summary.rows['platform-logins'] +
      summary.rows['platform-messages'];
    expect(events).toBeGreaterThan(40_000);
    expect(events).toBeLessThan(90_000);
    expect(summary.rings).toBeGreaterThanOrEqual(3);
    for (const kind of FILE_KINDS) expect(files[kind].rows).toHaveLength(summary.rows[kind]);
  });

  it('writes every file with exactly the columns of docs/data-formats.md', () => {
    const documented = documentedColumns();
    expect(Object.keys(documented).sort()).toEqual([...FILE_KINDS].sort());
    for (const kind of FILE_KINDS) expect(files[kind].header).toEqual(documented[kind]);
  });

  it('ends lines with \\n, gives every row all its cells and fills the required ones', () => {
    for (const kind of FILE_KINDS) {
      const text = readFileSync(fileOf(kind), 'utf8');
      expect(text.endsWith('\n') && !text.includes('\r')).toBe(true);
      const records = parse(text);
      expect(records.filter((cells) => cells.length !== files[kind].header.length)).toEqual([]);
    }
    const required: [FileKind, string[]][] = [
      ['bank-transfers', ['transfer_id', 'from_bank', 'from_account', 'to_bank', 'to_account']],
      ['bank-transfers', ['amount', 'currency', 'time']],
      ['bank-accounts', ['bank', 'account']],
      ['telecom-cdr', ['record_id', 'calling_number', 'called_number', 'start_time', 'duration_s']],
      ['telecom-sightings', ['record_id', 'imsi', 'imei', 'seen_at']],
      ['platform-accounts', ['platform', 'handle']],
      ['platform-logins', ['record_id', 'platform', 'handle', 'time']],
      ['platform-messages', ['record_id', 'platform', 'from_handle', 'to_handle', 'time']],
      ['police-reports', ['case_number', 'reported_at', 'station_id', 'scam_type']],
    ];
    for (const [kind, names] of required) {
      for (const name of names) expect(column(kind, name).filter((value) => !value)).toEqual([]);
    }
  });

  it('writes phone numbers in varied formats that all parse as valid Chinese mobile numbers', () => {
    const numbers = [
      ...column('telecom-cdr', 'calling_number'),
      ...column('telecom-cdr', 'called_number'),
      ...column('telecom-sightings', 'msisdn'),
      ...column('platform-accounts', 'phone').filter(Boolean),
      ...column('police-reports', 'victim_phone'),
      ...column('police-reports', 'named_numbers').flatMap((cell) =>
        cell.split(';').filter(Boolean),
      ),
    ];
    const invalid = numbers.filter((raw) => {
      const parsed = parsePhoneNumberFromString(raw, 'CN');
      return !parsed?.isValid() || !/^\+861[3-9]\d{9}$/.test(parsed.number);
    });
    expect(invalid).toEqual([]);
    expect(new Set(numbers.map((raw) => raw.replace(/\d/g, '9'))).size).toBeGreaterThanOrEqual(4);
  });

  it('gives every IMEI 15 digits and a valid check digit, and SIMs Chinese IMSIs and ICCIDs', () => {
    const imeis = [
      ...column('telecom-cdr', 'imei'),
      ...column('telecom-sightings', 'imei'),
      ...column('platform-accounts', 'registration_imei'),
      ...column('platform-logins', 'imei'),
    ];
    expect(imeis.filter((imei) => !/^\d{15}$/.test(imei) || !isLuhnValid(imei))).toEqual([]);
    const imsis = [...column('telecom-cdr', 'imsi'), ...column('telecom-sightings', 'imsi')];
    expect(imsis.filter((imsi) => !/^460(00|01|11)\d{10}$/.test(imsi))).toEqual([]);
    const iccids = column('telecom-sightings', 'iccid');
    expect(iccids.filter((id) => !/^8986\d{15,16}$/.test(id) || !isLuhnValid(id))).toEqual([]);
  });

  it('uses the seven banks, 16-19 digit accounts, ids unique per bank, and CNY amounts', () => {
    const banks = new Set(['ICBC', 'ABC', 'BOC', 'CCB', 'CMB', 'BOCOM', 'PSBC']);
    const transfers = files['bank-transfers'].rows;
    const malformed = transfers.filter(
      (row) =>
        !banks.has(row.from_bank ?? '') ||
        !banks.has(row.to_bank ?? '') ||
        !/^\d{16,19}$/.test(row.from_account ?? '') ||
        !/^\d{16,19}$/.test(row.to_account ?? '') ||
        !/^\d+\.\d{2}$/.test(row.amount ?? '') ||
        !(Number(row.amount) > 0) ||
        row.currency !== 'CNY',
    );
    expect(malformed).toEqual([]);
    const ids = new Set(transfers.map((row) => `${row.from_bank}:${row.transfer_id}`));
    expect(ids.size).toBe(transfers.length);
    const accounts = files['bank-accounts'].rows.map((row) => `${row.bank}:${row.account}`);
    expect(new Set(accounts).size).toBe(accounts.length);
    const known = new Set(accounts);
    const unknown = transfers.filter(
      (row) =>
        !known.has(`${row.from_bank}:${row.from_account}`) ||
        !known.has(`${row.to_bank}:${row.to_account}`),
    );
    expect(unknown).toEqual([]);
  });

  it('keeps record ids unique per file and every time inside the period, at +08:00', () => {
    const kinds = ['telecom-cdr', 'telecom-sightings', 'platform-logins', 'platform-messages'];
    for (const kind of kinds as FileKind[]) {
      const ids = column(kind, 'record_id');
      expect(new Set(ids).size).toBe(ids.length);
    }
    const start = Date.parse(summary.period.start);
    const end = Date.parse(summary.period.end);
    const times = [
      ...column('bank-transfers', 'time'),
      ...column('telecom-cdr', 'start_time'),
      ...column('telecom-sightings', 'seen_at'),
      ...column('platform-logins', 'time'),
      ...column('platform-messages', 'time'),
      ...column('police-reports', 'reported_at'),
    ];
    const outside = times.filter(
      (time) =>
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(time) ||
        Date.parse(time) < start ||
        Date.parse(time) >= end,
    );
    expect(outside).toEqual([]);
  });

  it('names platform accounts by known platforms and [a-z0-9_] handles that exist', () => {
    const platforms = new Set(['wechat', 'alipay', 'douyin', 'taobao', 'qq']);
    const rows = files['platform-accounts'].rows;
    const malformed = rows.filter(
      (row) => !platforms.has(row.platform ?? '') || !/^[a-z0-9_]+$/.test(row.handle ?? ''),
    );
    expect(malformed).toEqual([]);
    const accounts = new Set(rows.map((row) => `${row.platform}:${row.handle}`));
    expect(accounts.size).toBe(rows.length);
    const strangers = [
      ...files['platform-messages'].rows.flatMap((row) => [
        `${row.platform}:${row.from_handle}`,
        `${row.platform}:${row.to_handle}`,
      ]),
      ...files['platform-logins'].rows.map((row) => `${row.platform}:${row.handle}`),
    ].filter((account) => !accounts.has(account));
    expect(strangers).toEqual([]);
  });
});
