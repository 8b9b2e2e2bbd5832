/**
 * Evidence bundles against the real server: a constructed case loaded through the ordinary
 * uploads (a bank partner's own files, the police's deliveries from another bank, an operator and
 * a station), then bundles made from a saved investigation, a trace and a partner's entities. The
 * report's text holds the facts and the source of each record; a partner's bundle holds only its
 * own records; the ZIP handed over matches its manifest and what the server recorded, and the
 * audit trail holds the manifest's hash.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceBundle, EvidenceRecord } from '../../server/contract/evidence';
import { verifyBundle } from '../../server/evidence/manifest';
import { readZip } from '../../server/evidence/zip';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp, type SignedIn } from './support/testApp';

const db = useTestDatabase();
/** The app's ingestion folder: its bundles are kept in `evidence/` inside it. */
const INGEST_DIR = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ingest-'));
const testApp = useTestApp(db, { ingestDir: INGEST_DIR });

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

const VICTIM_ACCOUNT = 'ICBC:6222000011112222';
const MULE_ACCOUNT = 'ICBC:6222000033334444';
const BOSS_ACCOUNT = 'CCB:6217000000000099';
const CASH_OUT = 'CCB:6217000000000100';
const CALLER = '+8613800138000';
const VICTIM_PHONE = '+8613900139000';

const FILES = {
  icbcAccounts:
    'bank,account,holder_id,holder_name,opened_at\n' +
    'ICBC,6222000011112222,VICTIM1,张伟,2020-01-01T00:00:00+08:00\n' +
    'ICBC,6222000033334444,MULE1,李娜,2026-09-20T00:00:00+08:00\n',
  icbcTransfers:
    'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time,channel\n' +
    'T-1001,ICBC,6222000011112222,ICBC,6222000033334444,50000.00,CNY,2026-10-01T10:10:00+08:00,mobile\n' +
    'T-1002,ICBC,6222000033334444,CCB,6217000000000099,48000.00,CNY,2026-10-01T10:19:00+08:00,online\n',
  ccbAccounts: 'bank,account,holder_id,holder_name\nCCB,6217000000000099,BOSS1,王强\n',
  ccbTransfers:
    'transfer_id,from_bank,from_account,to_bank,to_account,amount,currency,time\n' +
    'T-2001,CCB,6217000000000099,CCB,6217000000000100,40000.00,CNY,2026-10-01T11:00:00+08:00\n',
  calls:
    'record_id,calling_number,called_number,start_time,duration_s\n' +
    `C-1,${CALLER},${VICTIM_PHONE},2026-10-01T09:50:00+08:00,1260\n`,
  reports:
    'case_number,reported_at,station_id,scam_type,loss_amount,currency,victim_id,victim_name,victim_phone,named_numbers,named_accounts\n' +
    `CASE-2026-0042,2026-10-01T15:00:00+08:00,310104000003,fake_police,50000.00,CNY,VICTIM1,张伟,${VICTIM_PHONE},${CALLER},${MULE_ACCOUNT}\n`,
};

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

async function upload(
  who: SignedIn,
  kind: string,
  csv: string,
  fileName: string,
  org?: string,
): Promise<void> {
  const response = await who.agent
    .post(`/api/ingest/${kind}`)
    .query({ fileName, ...(org ? { org } : {}) })
    .set('content-type', 'text/csv')
    .send(csv);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect((response.body as { rejected: number }).rejected).toBe(0);
}

async function loadCase(): Promise<void> {
  const bank = await testApp.signIn(USERS.partner.username);
  await upload(bank, 'bank-accounts', FILES.icbcAccounts, 'icbc-accounts.csv');
  await upload(bank, 'bank-transfers', FILES.icbcTransfers, 'icbc-transfers.csv');
  const police = await testApp.signIn(USERS.investigator.username);
  await upload(police, 'bank-accounts', FILES.ccbAccounts, 'ccb-accounts.csv', 'CCB');
  await upload(police, 'bank-transfers', FILES.ccbTransfers, 'ccb-transfers.csv', 'CCB');
  await upload(police, 'telecom-cdr', FILES.calls, 'cmcc-cdr.csv', 'CMCC');
  await upload(police, 'police-reports', FILES.reports, 'reports.csv');
}

const ENTITIES = [
  'Person:VICTIM1',
  'Person:MULE1',
  'Person:BOSS1',
  `BankAccount:${VICTIM_ACCOUNT}`,
  `BankAccount:${MULE_ACCOUNT}`,
  `BankAccount:${BOSS_ACCOUNT}`,
  `BankAccount:${CASH_OUT}`,
  `PhoneNumber:${CALLER}`,
  `PhoneNumber:${VICTIM_PHONE}`,
  'Case:CASE-2026-0042',
];

/** A 1×1 PNG. */
const PICTURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function download(who: SignedIn, id: string): Promise<Map<string, Uint8Array>> {
  const response: Response = await who.agent
    .get(`/api/evidence/${id}/download`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(response.headers['content-type']).toMatch(/^application\/zip/);
  return readZip(new Uint8Array(response.body as Buffer));
}

function pdfText(files: Map<string, Uint8Array>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-evidence-'));
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, files.get('report.pdf')!);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function csvRows(files: Map<string, Uint8Array>, name: string): string[] {
  return new TextDecoder()
    .decode(files.get(name))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1);
}

describe('evidence bundles', () => {
  beforeEach(loadCase, 120_000);

  it('from a saved investigation: a report with the facts and sources, data, chart and a manifest that checks out', async () => {
    const police = await testApp.signIn(USERS.investigator.username);
    const saved = await police.agent
      .post('/api/workspaces')
      .send({
        name: '张伟 case',
        document: {
          version: 1,
          nodes: ENTITIES.map((id, index) => ({
            data: { id },
            position: { x: index * 50, y: (index % 3) * 40 },
          })),
          edges: [],
        },
      })
      .expect(201);
    const made = await police.agent
      .post('/api/evidence')
      .set('content-type', 'application/vnd.ringtrace.evidence+json')
      .send(
        JSON.stringify({
          from: { investigation: (saved.body as { id: string }).id },
          arrangement: { positions: { 'Person:VICTIM1': { x: -100, y: -100 } }, picture: PICTURE },
          caseNumber: 'CASE-2026-0042',
          note: 'For the procuratorate',
        }),
      )
      .expect(201);
    const bundle = made.body as EvidenceBundle;
    expect(bundle.madeFrom.kind).toBe('investigation');
    expect(bundle.counts).toMatchObject({ nodes: ENTITIES.length, events: 4 });
    expect(bundle.files.map((file) => file.name)).toEqual([
      'report.pdf',
      'graph.graphml',
      'nodes.csv',
      'links.csv',
      'chart.anx',
      'chart.png',
      'manifest.json',
    ]);

    const files = await download(police, bundle.id);
    const verified = verifyBundle(files, bundle.manifestSha256);
    expect(verified).toMatchObject({ ok: true, manifestSha256: bundle.manifestSha256 });
    for (const file of bundle.files) {
      expect(createHash('sha256').update(files.get(file.name)!).digest('hex')).toBe(file.sha256);
    }
    const links = csvRows(files, 'links.csv');
    expect(links.find((row) => row.startsWith('Transfer,ICBC:T-1001,'))).toContain(
      `ICBC,icbc-transfers.csv,2,T-1001,${hashOf(FILES.icbcTransfers)}`,
    );
    expect(links.find((row) => row.startsWith('Call,CMCC:C-1,'))).toContain(
      `CMCC,cmcc-cdr.csv,2,C-1,${hashOf(FILES.calls)}`,
    );
    expect(
      links.some((row) => row.startsWith(`HOLDS,,Person:VICTIM1,BankAccount:${VICTIM_ACCOUNT}`)),
    ).toBe(true);
    expect(
      links.some((row) => row.startsWith(`NAMES,,Case:CASE-2026-0042,BankAccount:${MULE_ACCOUNT}`)),
    ).toBe(true);
    const anx = new TextDecoder().decode(files.get('chart.anx'));
    expect(anx).toContain('EntityId="Person:VICTIM1"');
    expect(anx).toMatch(/Label="张伟" DateSet="false" XPosition="-100"/);

    const record = await police.agent.get(`/api/evidence/${bundle.id}`).expect(200);
    expect(record.body).toMatchObject({
      manifestSha256: bundle.manifestSha256,
      stored: { present: true, intact: true },
    });

    if (!hasPdftotext) {
      console.warn('pdftotext (poppler-utils) is not installed: the report text is not checked');
      return;
    }
    const text = pdfText(files);
    for (const fact of [
      'CASE-2026-0042',
      '张伟',
      '李娜',
      '王强',
      'Saved investigation “张伟 case”',
      '50,000.00 CNY',
      // (Long cells wrap: each source is checked up to the end of its first line.)
      'ICBC: icbc-transfers.csv, line 2, record',
      'ICBC: icbc-transfers.csv, line 3, record',
      'CCB: ccb-transfers.csv, line 2, record',
      'ICBC:6222000011112222 (张伟)',
      'CMCC: cmcc-cdr.csv, line 2, record C-1',
      'police: reports.csv, line 2',
      hashOf(FILES.icbcTransfers).slice(0, 30),
      hashOf(FILES.calls).slice(0, 30),
      'ivy.investigator',
    ]) {
      expect(text, fact).toContain(fact);
    }
  }, 120_000);

  it('from a trace: the money trail hop by hop, and what is still held', async () => {
    const police = await testApp.signIn(USERS.investigator.username);
    const made = await police.agent
      .post('/api/evidence')
      .send({
        from: { trace: 'ICBC:T-1001', method: 'fifo', windowHours: 24 },
        caseNumber: 'CASE-2026-0042',
      })
      .expect(201);
    const bundle = made.body as EvidenceBundle;
    const files = await download(police, bundle.id);
    expect(verifyBundle(files, bundle.manifestSha256).ok).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      madeFrom: { trace: unknown };
    };
    expect(manifest.madeFrom.trace).toEqual({ method: 'fifo', depth: 4, windowHours: 24 });
    const links = csvRows(files, 'links.csv');
    expect(links.map((row) => row.split(',')[1]).sort()).toEqual([
      'CCB:T-2001',
      'ICBC:T-1001',
      'ICBC:T-1002',
    ]);
    if (!hasPdftotext) return;
    const text = pdfText(files);
    expect(text).toContain('Money trail, hop by hop');
    expect(text).toContain('Allocation rule: fifo');
    expect(text).toContain(`${BOSS_ACCOUNT} →`);
    expect(text).toContain('Where the money is now');
    expect(text).toContain('40,000.00 CNY');
  }, 120_000);

  it("a partner's bundle holds only the partner's own accounts and the records it supplied", async () => {
    const bank = await testApp.signIn(USERS.partner.username);
    for (const from of [{ trace: 'ICBC:T-1001' }, { ring: 'run/1' }, { investigation: 'x' }]) {
      await bank.agent.post('/api/evidence').send({ from }).expect(403);
    }
    const made = await bank.agent
      .post('/api/evidence')
      .send({ from: { entities: ENTITIES }, caseNumber: 'PARTNER-1' })
      .expect(201);
    const bundle = made.body as EvidenceBundle;
    expect(bundle.scope).toBe('ICBC');
    const files = await download(bank, bundle.id);
    expect(verifyBundle(files, bundle.manifestSha256).ok).toBe(true);
    expect(
      csvRows(files, 'nodes.csv')
        .map((row) => row.split(',')[0])
        .sort(),
    ).toEqual([`BankAccount:${VICTIM_ACCOUNT}`, `BankAccount:${MULE_ACCOUNT}`]);
    expect(csvRows(files, 'links.csv').map((row) => row.split(',').slice(0, 2).join(','))).toEqual([
      'Transfer,ICBC:T-1001',
    ]);
    const everything = [...files.values()]
      .map((bytes) => new TextDecoder().decode(bytes))
      .join('\n');
    for (const secret of ['CCB:T-2001', 'CMCC', 'CASE-2026-0042,', 'BOSS1', '王强', CALLER]) {
      expect(everything, secret).not.toContain(secret);
    }
    if (hasPdftotext) {
      const text = pdfText(files);
      expect(text).toContain('only records supplied by ICBC');
      expect(text).not.toContain('王强');
      expect(text).not.toContain('CMCC');
    }

    // The partner does not see the police's bundles; the police see the partner's.
    const police = await testApp.signIn(USERS.investigator.username);
    const theirs = await police.agent
      .post('/api/evidence')
      .send({ from: { entities: ENTITIES } })
      .expect(201);
    await bank.agent.get(`/api/evidence/${(theirs.body as EvidenceBundle).id}`).expect(404);
    await bank.agent
      .get(`/api/evidence/${(theirs.body as EvidenceBundle).id}/download`)
      .expect(404);
    const listed = await police.agent.get('/api/evidence').query({ case: 'PARTNER-1' }).expect(200);
    expect((listed.body as { bundles: EvidenceBundle[] }).bundles.map((one) => one.id)).toEqual([
      bundle.id,
    ]);
    const own = await bank.agent.get('/api/evidence').expect(200);
    const ownBundles = (own.body as { bundles: EvidenceBundle[] }).bundles;
    expect(ownBundles.map((one) => one.id)).toContain(bundle.id);
    expect(ownBundles.every((one) => one.createdBy.username === USERS.partner.username)).toBe(true);
  }, 120_000);

  it('the audit trail holds the manifest hash of each bundle made and handed over; a changed stored ZIP is not handed over', async () => {
    const police = await testApp.signIn(USERS.investigator.username);
    const made = await police.agent
      .post('/api/evidence')
      .send({ from: { entities: ENTITIES }, caseNumber: 'CASE-2026-0042' })
      .expect(201);
    const bundle = made.body as EvidenceBundle;
    await download(police, bundle.id);

    const supervisor = await testApp.signIn(USERS.supervisor.username);
    const trail = await supervisor.agent
      .get('/api/audit')
      .query({ action: 'evidence.' })
      .expect(200);
    const entries = (
      trail.body as {
        entries: {
          action: string;
          actor: string;
          target: string;
          params: { manifestSha256?: string };
        }[];
      }
    ).entries;
    const about = entries.filter((entry) => entry.target === `Evidence:${bundle.id}`);
    expect(about.map((entry) => entry.action).sort()).toEqual([
      'evidence.create',
      'evidence.handover',
    ]);
    for (const entry of about) {
      expect(entry.actor).toBe(USERS.investigator.username);
      expect(entry.params.manifestSha256).toBe(bundle.manifestSha256);
    }

    // Someone changes the stored ZIP on disk: the server says so and refuses to hand it over.
    const stored = path.join(INGEST_DIR, 'evidence', `${bundle.id}.zip`);
    expect(readdirSync(path.dirname(stored))).toContain(`${bundle.id}.zip`);
    const bytes = readFileSync(stored);
    bytes[100] = (bytes[100]! + 1) % 256;
    writeFileSync(stored, bytes);
    const record = (await police.agent.get(`/api/evidence/${bundle.id}`).expect(200))
      .body as EvidenceRecord;
    expect(record.stored).toEqual({ present: true, intact: false });
    await police.agent.get(`/api/evidence/${bundle.id}/download`).expect(409);
  }, 120_000);
});
