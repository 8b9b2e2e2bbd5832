import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileKind } from '../../seed/output/formats';
import type { Truth, TruthHop, TruthMember, TruthRing } from '../../seed/truth/model';
import { writeScenario } from '../../seed/write';

let outDir: string;
let truth: Truth;
const rows = {} as Record<FileKind, Record<string, string>[]>;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'ringtrace-truth-'));
  const summary = await writeScenario({ size: 'demo', seed: 7, outDir });
  truth = JSON.parse(readFileSync(summary.truthFile, 'utf8')) as Truth;
  for (const [kind, file] of Object.entries(summary.files)) {
    rows[kind as FileKind] = parse(readFileSync(file, 'utf8'), { columns: true });
  }
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function e164(raw: string): string {
  return parsePhoneNumberFromString(raw, 'CN')?.number ?? raw;
}

function minor(amount: string): number {
  return Math.round(Number(amount) * 100);
}

function people(ring: TruthRing, role: TruthMember['role']): TruthMember[] {
  return ring.members.filter((m) => m.role === role && m.entity.startsWith('Person:'));
}

function entities(ring: TruthRing, prefix: string, role?: TruthMember['role']): string[] {
  return ring.members
    .filter((m) => m.entity.startsWith(prefix) && (!role || m.role === role))
    .map((m) => m.entity.slice(prefix.length));
}

/** Time-ordered calls per calling and called E.164 number. */
function callsBetween(): Map<string, { to: string; at: number }[]> {
  const calls = new Map<string, { to: string; at: number }[]>();
  for (const row of rows['telecom-cdr']) {
    const from = e164(row.calling_number ?? '');
    const list = calls.get(from) ?? [];
    list.push({ to: e164(row.called_number ?? ''), at: Date.parse(row.start_time ?? '') });
    calls.set(from, list);
  }
  return calls;
}

describe('the ground truth of victim payments', () => {
  it('names only transfers that are in bank-transfers.csv, with the same accounts, amount and time', () => {
    const transfers = new Map(
      rows['bank-transfers'].map((row) => [`${row.from_bank}|${row.transfer_id}`, row]),
    );
    const hops = truth.victimPayments.flatMap((payment) => payment.paths.flat());
    expect(hops.length).toBeGreaterThan(200);
    const mismatched = hops.filter((hop) => {
      const row = transfers.get(`${hop.fromAccount.split(':')[0]}|${hop.transferId}`);
      return (
        !row ||
        `${row.from_bank}:${row.from_account}` !== hop.fromAccount ||
        `${row.to_bank}:${row.to_account}` !== hop.toAccount ||
        minor(row.amount ?? '') !== hop.amountMinor ||
        row.time !== hop.time
      );
    });
    expect(mismatched).toEqual([]);
  });

  it('follows each path hop by hop, each later than the one before and never carrying more', () => {
    const broken: TruthHop[][] = [];
    for (const payment of truth.victimPayments) {
      const root = payment.paths[0]?.[0];
      for (const path of payment.paths) {
        if (path[0]?.transferId !== root?.transferId) broken.push(path);
        path.slice(1).forEach((hop, i) => {
          const before = path[i] as TruthHop;
          if (
            hop.fromAccount !== before.toAccount ||
            Date.parse(hop.time) <= Date.parse(before.time) ||
            hop.amountMinor > before.amountMinor
          ) {
            broken.push(path);
          }
        });
      }
    }
    expect(broken).toEqual([]);
  });

  it('passes on from each mule transfer no more than it brought (the split parts sum to less)', () => {
    const overspent: string[] = [];
    for (const payment of truth.victimPayments) {
      const amount = new Map<string, number>();
      const onward = new Map<string, Map<string, number>>();
      for (const path of payment.paths) {
        path.forEach((hop, i) => {
          amount.set(hop.transferId + hop.fromAccount, hop.amountMinor);
          const next = path[i + 1];
          if (!next) return;
          const children =
            onward.get(hop.transferId + hop.fromAccount) ?? new Map<string, number>();
          children.set(next.transferId + next.fromAccount, next.amountMinor);
          onward.set(hop.transferId + hop.fromAccount, children);
        });
      }
      for (const [parent, children] of onward) {
        const passed = [...children.values()].reduce((a, b) => a + b, 0);
        if (passed > (amount.get(parent) ?? 0)) overspent.push(parent);
      }
    }
    expect(overspent).toEqual([]);
  });

  it('never lets a mule or cash-out account send more than it has received so far', () => {
    const accounts = new Set(
      truth.rings.flatMap((ring) => [
        ...entities(ring, 'BankAccount:', 'mule'),
        ...entities(ring, 'BankAccount:', 'cash_out'),
      ]),
    );
    const moves = new Map<string, { at: number; amount: number }[]>();
    for (const row of rows['bank-transfers']) {
      const at = Date.parse(row.time ?? '');
      const amount = minor(row.amount ?? '');
      for (const [account, sign] of [
        [`${row.from_bank}:${row.from_account}`, -1],
        [`${row.to_bank}:${row.to_account}`, 1],
      ] as const) {
        if (!accounts.has(account)) continue;
        const list = moves.get(account) ?? [];
        list.push({ at, amount: sign * amount });
        moves.set(account, list);
      }
    }
    expect(moves.size).toBe(accounts.size);
    const overdrawn = [...moves].filter(([, list]) => {
      let balance = 0;
      return list
        .sort((a, b) => a.at - b.at || b.amount - a.amount)
        .some((move) => (balance += move.amount) < 0);
    });
    expect(overdrawn).toEqual([]);
  });
});

describe('the ground truth of rings', () => {
  it('gives every ring one ringleader, callers, herders, and mules in two to five layers', () => {
    expect(truth.rings.length).toBeGreaterThanOrEqual(3);
    for (const ring of truth.rings) {
      expect(people(ring, 'ringleader')).toHaveLength(1);
      expect(people(ring, 'caller').length).toBeGreaterThanOrEqual(1);
      expect(people(ring, 'mule_herder').length).toBeGreaterThanOrEqual(1);
      const layers = new Set(ring.members.filter((m) => m.role === 'mule').map((m) => m.layer));
      layers.delete(undefined);
      const depth = layers.size;
      expect(depth).toBeGreaterThanOrEqual(2);
      expect(depth).toBeLessThanOrEqual(5);
      expect([...layers].sort()).toEqual(Array.from({ length: depth }, (_, i) => i + 1));
      expect(entities(ring, 'BankAccount:', 'cash_out').length).toBeGreaterThanOrEqual(1);
    }
  });

  it('has mule accounts that work for more than one ring', () => {
    const rings = new Map<string, number>();
    for (const ring of truth.rings) {
      for (const account of entities(ring, 'BankAccount:', 'mule')) {
        rings.set(account, (rings.get(account) ?? 0) + 1);
      }
    }
    expect([...rings.values()].filter((count) => count > 1).length).toBeGreaterThanOrEqual(1);
  });

  it('has SIM boxes: one handset cycling many SIMs, calling a lot and hardly called back', () => {
    const calls = callsBetween();
    const incoming = new Map<string, number>();
    for (const list of calls.values()) {
      for (const { to } of list) incoming.set(to, (incoming.get(to) ?? 0) + 1);
    }
    for (const ring of truth.rings) {
      const devices = new Set(entities(ring, 'Device:', 'caller'));
      const simsPerDevice = new Map<string, Set<string>>();
      for (const row of rows['telecom-sightings']) {
        if (!devices.has(row.imei ?? '')) continue;
        const sims = simsPerDevice.get(row.imei ?? '') ?? new Set<string>();
        sims.add(row.imsi ?? '');
        simsPerDevice.set(row.imei ?? '', sims);
      }
      expect(
        Math.max(...[...simsPerDevice.values()].map((sims) => sims.size)),
      ).toBeGreaterThanOrEqual(8);
      const numbers = entities(ring, 'PhoneNumber:', 'caller');
      const out = numbers.reduce((sum, n) => sum + (calls.get(n)?.length ?? 0), 0);
      const back = numbers.reduce((sum, n) => sum + (incoming.get(n) ?? 0), 0);
      expect(out).toBeGreaterThan(300);
      expect(back / out).toBeLessThan(0.1);
    }
  });

  it('opens mule platform accounts from a herder’s handset', () => {
    const registrations = new Map(
      rows['platform-accounts'].map((row) => [
        `${row.platform}:${row.handle}`,
        row.registration_imei,
      ]),
    );
    for (const ring of truth.rings) {
      const herderDevices = new Set(entities(ring, 'Device:', 'mule_herder'));
      const mulePlatformAccounts = entities(ring, 'PlatformAccount:', 'mule');
      expect(mulePlatformAccounts.length).toBeGreaterThan(0);
      const fromHerders = mulePlatformAccounts.filter((a) =>
        herderDevices.has(registrations.get(a) ?? ''),
      );
      expect(fromHerders.length).toBeGreaterThan(0);
    }
  });
});

describe('victims and their reports', () => {
  it('has only part of the victims report, each to a case in police-reports.csv', () => {
    const caseOf = new Map<string, string | null>();
    for (const payment of truth.victimPayments) {
      expect(caseOf.get(payment.victim) ?? payment.case).toBe(payment.case);
      caseOf.set(payment.victim, payment.case);
    }
    const reported = [...caseOf.values()].filter((c): c is string => c !== null);
    expect(reported.length / caseOf.size).toBeGreaterThanOrEqual(0.4);
    expect(reported.length / caseOf.size).toBeLessThanOrEqual(0.7);
    const reports = new Map(rows['police-reports'].map((row) => [row.case_number, row]));
    expect(reports.size).toBe(reported.length);
    for (const [victim, caseNumber] of caseOf) {
      if (caseNumber === null) continue;
      expect(reports.get(caseNumber)?.victim_id).toBe(victim.slice('Person:'.length));
    }
  });

  it('reports the accounts the victim paid and the ring’s numbers that called', () => {
    const reports = new Map(rows['police-reports'].map((row) => [row.case_number, row]));
    let namedAccounts = 0;
    for (const payment of truth.victimPayments) {
      const report = payment.case ? reports.get(payment.case) : undefined;
      if (!report?.named_accounts) continue;
      expect(report.named_accounts.split(';')).toContain(payment.paths[0]?.[0]?.toAccount);
      namedAccounts += 1;
    }
    expect(namedAccounts).toBeGreaterThan(0);
    const ringNumbers = new Set(
      truth.rings.flatMap((ring) => entities(ring, 'PhoneNumber:', 'caller')),
    );
    const named = rows['police-reports'].flatMap((row) =>
      (row.named_numbers ?? '').split(';').filter(Boolean),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((raw) => !ringNumbers.has(e164(raw)))).toEqual([]);
  });

  it('shows every reporting victim called by the ring before paying, never by the ringleader', () => {
    const calls = callsBetween();
    const reports = new Map(rows['police-reports'].map((row) => [row.case_number, row]));
    for (const ring of truth.rings) {
      const ringNumbers = entities(ring, 'PhoneNumber:', 'caller');
      const leaderNumbers = entities(ring, 'PhoneNumber:', 'ringleader');
      for (const payment of truth.victimPayments.filter((p) => p.ring === ring.id && p.case)) {
        const phone = e164(reports.get(payment.case ?? '')?.victim_phone ?? '');
        const paidAt = Date.parse(payment.paths[0]?.[0]?.time ?? '');
        const calledBefore = ringNumbers.some((n) =>
          (calls.get(n) ?? []).some((call) => call.to === phone && call.at < paidAt),
        );
        expect(calledBefore).toBe(true);
        const byLeader = leaderNumbers.some((n) =>
          (calls.get(n) ?? []).some((c) => c.to === phone),
        );
        expect(byLeader).toBe(false);
      }
    }
  });
});

describe('the background', () => {
  it('has legitimately busy numbers calling the most strangers, and they are in no ring', () => {
    const calls = callsBetween();
    const busiest = [...calls]
      .map(([number, list]) => ({ number, callees: new Set(list.map((c) => c.to)).size }))
      .sort((a, b) => b.callees - a.callees)
      .slice(0, 5);
    const members = new Set(truth.rings.flatMap((ring) => ring.members.map((m) => m.entity)));
    const legitimate = new Map(truth.busyLegitimate.map((b) => [b.entity, b.kind]));
    for (const { number, callees } of busiest) {
      expect(callees).toBeGreaterThan(200);
      expect(members.has(`PhoneNumber:${number}`)).toBe(false);
      expect(['call_centre', 'courier']).toContain(legitimate.get(`PhoneNumber:${number}`));
    }
    expect(truth.busyLegitimate.filter((b) => members.has(b.entity))).toEqual([]);
  });

  it('has heavy-tailed calling: a few people call many times more others than most do', () => {
    const members = new Set(truth.rings.flatMap((ring) => ring.members.map((m) => m.entity)));
    const busy = new Set(truth.busyLegitimate.map((b) => b.entity));
    const degrees = [...callsBetween()]
      .filter(
        ([number]) => !members.has(`PhoneNumber:${number}`) && !busy.has(`PhoneNumber:${number}`),
      )
      .map(([, list]) => new Set(list.map((call) => call.to)).size)
      .sort((a, b) => a - b);
    const median = degrees[Math.floor(degrees.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(0);
    expect(degrees[degrees.length - 1]).toBeGreaterThan(8 * median);
  });

  it('pays salaries: employers pay many employees on one payday', () => {
    const employers = truth.busyLegitimate
      .filter((b) => b.kind === 'employer')
      .map((b) => b.entity.slice('BankAccount:'.length));
    for (const employer of employers) {
      const payroll = rows['bank-transfers'].filter(
        (row) => `${row.from_bank}:${row.from_account}` === employer,
      );
      expect(payroll.length).toBeGreaterThan(10);
      expect(new Set(payroll.map((row) => row.time?.slice(0, 10))).size).toBe(1);
      expect(new Set(payroll.map((row) => row.to_account)).size).toBe(payroll.length);
    }
  });

  it('has payment processors that receive from hundreds of payers and pay many merchants', () => {
    const processors = truth.busyLegitimate
      .filter((b) => b.kind === 'payment_processor')
      .map((b) => b.entity.slice('BankAccount:'.length));
    expect(processors.length).toBeGreaterThan(0);
    for (const processor of processors) {
      const payers = new Set(
        rows['bank-transfers']
          .filter((row) => `${row.to_bank}:${row.to_account}` === processor)
          .map((row) => row.from_account),
      );
      const payees = new Set(
        rows['bank-transfers']
          .filter((row) => `${row.from_bank}:${row.from_account}` === processor)
          .map((row) => row.to_account),
      );
      expect(payers.size).toBeGreaterThan(100);
      expect(payees.size).toBeGreaterThan(5);
    }
  });
});
