import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../seed/cliArgs';
import { resolveOptions } from '../../seed/options';
import { csvHeader, csvLine } from '../../seed/output/csv';
import { FILE_KINDS, type FileKind, type Row } from '../../seed/output/formats';
import { MemorySink } from '../../seed/output/memorySink';
import { generateScenario, type ScenarioResult } from '../../seed/scenario';
import { entitiesInFiles } from '../../seed/truth/fileEntities';
import type { Truth, TruthMember } from '../../seed/truth/model';
import { VARIANTS, type VariantName } from '../../seed/variants';
import { writeScenario } from '../../seed/write';

type Parsed = Record<FileKind, Record<string, string>[]>;

interface Generated {
  result: ScenarioResult;
  /** Each kind's rows as a CSV file would hold them, parsed back (header row included). */
  files: Parsed;
  /** Kinds the sink received rows of. */
  written: Set<FileKind>;
  /** Entities the files name (see `named`). */
  entities: Set<string>;
}

const generated = {} as Record<VariantName, Generated>;

/** A small scenario of `variant`, its rows encoded as CSV and parsed back. */
function generate(variant: VariantName): Generated {
  const options = resolveOptions('demo', 42, { people: 1_500, rings: 3, days: 10, variant });
  const sink = new MemorySink();
  const result = generateScenario(options, sink);
  const files = {} as Parsed;
  const written = new Set<FileKind>();
  for (const kind of FILE_KINDS) {
    const rows = sink.rows[kind] as Row<typeof kind>[];
    if (rows.length > 0) written.add(kind);
    const text = csvHeader(kind) + rows.map((row) => csvLine(kind, row)).join('');
    files[kind] = parse(text, { columns: true });
  }
  return { result, files, written, entities: named(files) };
}

beforeAll(() => {
  for (const variant of VARIANTS) generated[variant] = generate(variant);
}, 120_000);

/** Every entity the files name, found independently of the generator's own helper. */
function named(files: Parsed): Set<string> {
  const found = new Set<string>();
  const phone = (raw: string | undefined): void => {
    if (!raw) return;
    const number = parsePhoneNumberFromString(raw, 'CN')?.number;
    if (number) found.add(`PhoneNumber:${number}`);
  };
  const add = (prefix: string, ...values: (string | undefined)[]): void => {
    if (values.every(Boolean)) found.add(`${prefix}:${values.join(':')}`);
  };
  for (const row of files['bank-transfers']) {
    add('BankAccount', row.from_bank, row.from_account);
    add('BankAccount', row.to_bank, row.to_account);
  }
  for (const row of files['bank-accounts']) {
    add('BankAccount', row.bank, row.account);
    add('Person', row.holder_id);
    phone(row.holder_phone);
  }
  for (const row of files['telecom-cdr']) {
    phone(row.calling_number);
    phone(row.called_number);
    add('SIM', row.imsi);
    add('Device', row.imei);
  }
  for (const row of files['telecom-sightings']) {
    add('SIM', row.imsi);
    add('Device', row.imei);
    phone(row.msisdn);
  }
  for (const row of files['platform-accounts']) {
    add('PlatformAccount', row.platform, row.handle);
    phone(row.phone);
    add('Device', row.registration_imei);
  }
  for (const row of files['platform-logins']) {
    add('PlatformAccount', row.platform, row.handle);
    add('Device', row.imei);
  }
  for (const row of files['platform-messages']) {
    add('PlatformAccount', row.platform, row.from_handle);
    add('PlatformAccount', row.platform, row.to_handle);
  }
  for (const row of files['police-reports']) {
    add('Person', row.victim_id);
    phone(row.victim_phone);
    for (const value of row.named_numbers?.split(';') ?? []) phone(value);
    for (const value of row.named_accounts?.split(';') ?? []) add('BankAccount', value);
    for (const value of row.named_handles?.split(';') ?? []) add('PlatformAccount', value);
  }
  return found;
}

function members(truth: Truth): TruthMember[] {
  return truth.rings.flatMap((ring) => ring.members);
}

function types(entities: readonly string[]): string[] {
  return [...new Set(entities.map((entity) => entity.split(':')[0] ?? ''))].sort();
}

const FILES: Record<VariantName, FileKind[]> = {
  full: [...FILE_KINDS],
  telecom: ['telecom-cdr', 'telecom-sightings', 'police-reports'],
  banking: ['bank-transfers', 'bank-accounts', 'police-reports'],
  unreported: FILE_KINDS.filter((kind) => kind !== 'police-reports'),
};

describe('scenario variants', () => {
  it('write only their partners’ files, each row as the full scenario writes it', () => {
    const full = generated.full;
    for (const variant of VARIANTS) {
      const { files, written, result } = generated[variant];
      expect([...written].sort(), variant).toEqual([...FILES[variant]].sort());
      for (const kind of FILE_KINDS) {
        expect(result.rows[kind], `${variant} ${kind}`).toBe(files[kind].length);
        if (kind === 'police-reports' || !FILES[variant].includes(kind)) continue;
        expect(files[kind], `${variant} ${kind}`).toEqual(full.files[kind]);
      }
    }
  });

  it('keep in police reports only the leads their partners could follow up', () => {
    const full = generated.full.files['police-reports'];
    const blank = (rows: Record<string, string>[], columns: string[]): Record<string, string>[] =>
      rows.map((row) => ({ ...row, ...Object.fromEntries(columns.map((c) => [c, ''])) }));
    const telecom = generated.telecom.files['police-reports'];
    const banking = generated.banking.files['police-reports'];
    expect(full.length).toBeGreaterThan(5);
    expect(telecom).toEqual(blank(full, ['named_accounts', 'named_handles']));
    expect(banking).toEqual(blank(full, ['named_numbers', 'named_handles']));
    expect(telecom.some((row) => row.named_numbers)).toBe(true);
    expect(banking.some((row) => row.named_accounts)).toBe(true);
    expect(generated.unreported.result.reportingVictims).toBe(0);
    expect(generated.telecom.result.reportingVictims).toBe(generated.full.result.reportingVictims);
  });

  it('name in their truth only entities that their files name, and every such ring member', () => {
    const fullMembers = members(generated.full.result.truth);
    for (const variant of VARIANTS) {
      const { truth } = generated[variant].result;
      const inFiles = generated[variant].entities;
      expect(truth.variant).toBe(variant);
      const kept = members(truth);
      expect(
        kept.filter((member) => !inFiles.has(member.entity)),
        variant,
      ).toEqual([]);
      expect(truth.busyLegitimate.filter((busy) => !inFiles.has(busy.entity))).toEqual([]);
      // Nothing that a file names is dropped: the rings are the full rings, cut to the files.
      const expected = generated.full.result.truth.rings.map((ring) => ({
        ...ring,
        members: ring.members.filter((member) => inFiles.has(member.entity)),
      }));
      expect(truth.rings, variant).toEqual(expected);
      for (const payment of truth.victimPayments) {
        expect(inFiles.has(payment.victim)).toBe(true);
        for (const hop of payment.paths.flat()) {
          expect(inFiles.has(`BankAccount:${hop.fromAccount}`)).toBe(true);
          expect(inFiles.has(`BankAccount:${hop.toAccount}`)).toBe(true);
        }
      }
    }
    expect(types(fullMembers.map((m) => m.entity))).toEqual([
      'BankAccount',
      'Device',
      'Person',
      'PhoneNumber',
      'PlatformAccount',
      'SIM',
    ]);
    expect(members(generated.unreported.result.truth)).toEqual(fullMembers);
    const telecom = members(generated.telecom.result.truth).map((m) => m.entity);
    expect(types(telecom)).toEqual(['Device', 'PhoneNumber', 'SIM']);
    expect(telecom).toEqual(
      fullMembers.map((m) => m.entity).filter((e) => /^(PhoneNumber|SIM|Device):/.test(e)),
    );
    const banking = members(generated.banking.result.truth).map((m) => m.entity);
    // Banks hold their account holders' registered mobile numbers (holder_phone).
    expect(types(banking)).toEqual(['BankAccount', 'Person', 'PhoneNumber']);
  });

  it('keep victim payments where transfers are written, with case numbers where reports are', () => {
    const full = generated.full.result.truth.victimPayments;
    expect(full.some((payment) => payment.case !== null)).toBe(true);
    expect(generated.telecom.result.truth.victimPayments).toEqual([]);
    expect(generated.telecom.result.victimPayments).toBe(0);
    expect(generated.banking.result.truth.victimPayments).toEqual(full);
    expect(generated.unreported.result.truth.victimPayments).toEqual(
      full.map((payment) => ({ ...payment, case: null })),
    );
  });

  it('find the same entities in the files as the generator’s own helper does', () => {
    for (const variant of ['full', 'telecom'] as const) {
      const { files, entities } = generated[variant];
      expect(entitiesInFiles(files)).toEqual(entities);
    }
  });
});

describe('variant options', () => {
  it('default to full and say which variants there are', () => {
    expect(resolveOptions('demo', 1).variant).toBe('full');
    expect(resolveOptions('demo', 1, { variant: 'banking' }).variant).toBe('banking');
    expect(() => resolveOptions('demo', 1, { variant: 'bank' as VariantName })).toThrow(
      /variant must be one of full, telecom, banking, unreported, got "bank"/,
    );
  });

  it('come from --variant on the command line', () => {
    expect(parseCliArgs(['--out', 'x', '--variant', 'telecom']).overrides).toEqual({
      variant: 'telecom',
    });
    expect(parseCliArgs(['--out', 'x']).overrides).toEqual({});
    expect(() => parseCliArgs(['--out', 'x', '--variant', 'phone'])).toThrow(
      /--variant must be one of full, telecom, banking, unreported/,
    );
  });
});

describe('writing a variant to a directory', () => {
  let outDir: string;
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes only its files and truth.json, removing partner files a previous scenario left', async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'ringtrace-variant-'));
    const overrides = { people: 1_000, rings: 2, days: 7 };
    await writeScenario({ size: 'demo', seed: 3, outDir, overrides });
    expect(readdirSync(outDir)).toHaveLength(9);
    const summary = await writeScenario({
      size: 'demo',
      seed: 3,
      outDir,
      overrides: { ...overrides, variant: 'telecom' },
    });
    expect(readdirSync(outDir).sort()).toEqual([
      'police-reports.csv',
      'telecom-cdr.csv',
      'telecom-sightings.csv',
      'truth.json',
    ]);
    expect(Object.keys(summary.files).sort()).toEqual([
      'police-reports',
      'telecom-cdr',
      'telecom-sightings',
    ]);
    expect(summary.variant).toBe('telecom');
    expect(summary.rows['bank-transfers']).toBe(0);
    const cdr = readFileSync(path.join(outDir, 'telecom-cdr.csv'), 'utf8');
    expect(cdr.split('\n').length - 2).toBe(summary.rows['telecom-cdr']);
    const truth = JSON.parse(readFileSync(summary.truthFile, 'utf8')) as Truth;
    expect(truth.variant).toBe('telecom');
    expect(existsSync(path.join(outDir, 'bank-accounts.csv'))).toBe(false);
  }, 60_000);
});
