/**
 * A constructed case for the evidence bundle's tests and benchmark: a victim (张伟) pays a mule
 * account, the money moves on through a second layer, a caller's number rang the victim, every
 * record with its source file and line. `syntheticFacts(n)` scales it to n elements.
 */
import type {
  BundleContext,
  EvidenceFacts,
  FactEvent,
  FactNode,
  SourceFile,
  SourceRef,
} from '../../server/evidence/model';

const BANK_FILE = 'a'.repeat(64);
const TELECOM_FILE = 'b'.repeat(64);
const POLICE_FILE = 'c'.repeat(64);

export const SOURCES: SourceFile[] = [
  {
    sourceId: `ICBC:${BANK_FILE}`,
    organisation: 'ICBC',
    kind: 'bank-transfers',
    fileName: 'transfers-2026-10.csv',
    fileSha256: BANK_FILE,
    firstLoadedAt: '2026-10-02T00:00:00.000Z',
  },
  {
    sourceId: `CMCC:${TELECOM_FILE}`,
    organisation: 'CMCC',
    kind: 'telecom-cdr',
    fileName: 'cdr-1001.csv',
    fileSha256: TELECOM_FILE,
    firstLoadedAt: '2026-10-02T00:00:00.000Z',
  },
  {
    sourceId: `POLICE:${POLICE_FILE}`,
    organisation: 'POLICE',
    kind: 'police-reports',
    fileName: 'reports.csv',
    fileSha256: POLICE_FILE,
    firstLoadedAt: '2026-10-02T00:00:00.000Z',
  },
];

function ref(index: number, line: number, recordId: string | null): SourceRef {
  const file = SOURCES[index]!;
  return {
    sourceId: file.sourceId,
    organisation: file.organisation,
    fileName: file.fileName,
    fileSha256: file.fileSha256,
    line,
    recordId,
  };
}

function node(type: string, id: string, label: string, extra: Partial<FactNode> = {}): FactNode {
  return {
    key: `${type}:${id}`,
    type,
    id,
    label,
    properties: { id },
    role: null,
    score: null,
    reasons: [],
    position: null,
    source: null,
    ...extra,
  };
}

export function constructedCase(): EvidenceFacts {
  const nodes: FactNode[] = [
    node('Person', 'VICTIM1', '张伟', { role: 'victim', position: { x: 0, y: 0 } }),
    node('BankAccount', 'ICBC:6222000011112222', 'ICBC:6222000011112222', {
      role: 'victim account',
      position: { x: 100, y: 0 },
    }),
    node('BankAccount', 'ICBC:6222000033334444', '李娜 <mule> & "co"', {
      role: 'mule',
      score: 0.82,
      reasons: ['received money from 3 unrelated victims and forwarded 96% within 12 minutes'],
      position: { x: 200, y: 0 },
    }),
    node('BankAccount', 'ICBC:6222000055556666', '王强', {
      role: 'ringleader',
      score: 0.93,
      reasons: ['receives consolidated money at the end of 4 mule chains'],
      position: { x: 300, y: 0 },
    }),
    node('PhoneNumber', '+8613800138000', '+8613800138000', {
      role: 'caller',
      score: 0.7,
      reasons: ['called 41 strangers in 2 hours, median 38 seconds'],
      position: { x: 0, y: 100 },
    }),
    node('PhoneNumber', '+8613900139000', '+8613900139000', { position: { x: 100, y: 100 } }),
    node('Case', 'CASE-2026-0042', 'CASE-2026-0042', {
      source: ref(2, 7, 'R-0042'),
      position: { x: 0, y: 200 },
    }),
  ];
  const events: FactEvent[] = [
    {
      kind: 'Call',
      id: 'CMCC:cdr-555',
      from: 'PhoneNumber:+8613800138000',
      to: 'PhoneNumber:+8613900139000',
      at: '2026-10-01T01:50:00.000Z',
      offset: '+08:00',
      amountMinor: null,
      currency: null,
      durationSeconds: 1260,
      detail: null,
      tracedMinor: null,
      source: ref(1, 1234, 'cdr-555'),
    },
    {
      kind: 'Transfer',
      id: 'ICBC:T-1001',
      from: 'BankAccount:ICBC:6222000011112222',
      to: 'BankAccount:ICBC:6222000033334444',
      at: '2026-10-01T02:10:00.000Z',
      offset: '+08:00',
      amountMinor: 5_000_000,
      currency: 'CNY',
      durationSeconds: null,
      detail: 'mobile',
      tracedMinor: 5_000_000,
      source: ref(0, 17, 'T-1001'),
    },
    {
      kind: 'Transfer',
      id: 'ICBC:T-1002',
      from: 'BankAccount:ICBC:6222000033334444',
      to: 'BankAccount:ICBC:6222000055556666',
      at: '2026-10-01T02:19:00.000Z',
      offset: '+08:00',
      amountMinor: 4_800_000,
      currency: 'CNY',
      durationSeconds: null,
      detail: 'online',
      tracedMinor: 4_800_000,
      source: ref(0, 18, 'T-1002'),
    },
  ];
  return {
    madeFrom: {
      kind: 'trace',
      id: 'ICBC:T-1001',
      title: 'Money-flow trace from transfer ICBC:T-1001',
      run: null,
      ring: null,
      trail: {
        transferId: 'ICBC:T-1001',
        from: 'ICBC:6222000011112222',
        to: 'ICBC:6222000033334444',
        amountMinor: 5_000_000,
        currency: 'CNY',
        at: '2026-10-01T02:10:00.000Z',
        method: 'proportional',
        depth: 4,
        windowHours: 72,
        truncated: false,
        hops: [
          {
            id: 'ICBC:T-1002',
            from: 'ICBC:6222000033334444',
            to: 'ICBC:6222000055556666',
            at: '2026-10-01T02:19:00.000Z',
            amountMinor: 4_800_000,
            tracedMinor: 4_800_000,
            depth: 2,
          },
        ],
        holdings: [
          { account: 'ICBC:6222000055556666', tracedMinor: 4_800_000, depth: 2 },
          { account: 'ICBC:6222000033334444', tracedMinor: 200_000, depth: 1 },
        ],
      },
    },
    scope: 'all',
    nodes,
    events,
    links: [
      {
        type: 'NAMES',
        from: 'Case:CASE-2026-0042',
        to: 'BankAccount:ICBC:6222000033334444',
        source: ref(2, 7, null),
      },
      {
        type: 'HOLDS',
        from: 'Person:VICTIM1',
        to: 'BankAccount:ICBC:6222000011112222',
        source: ref(0, 3, null),
      },
    ],
    sources: SOURCES,
    truncated: false,
  };
}

export const CONTEXT: BundleContext = {
  id: 'ev-test-1',
  createdAt: '2026-10-05T08:00:00.000Z',
  createdBy: {
    username: 'li.detective',
    displayName: '李探长',
    role: 'investigator',
    organisation: null,
  },
  caseNumber: 'CASE-2026-0042',
  note: 'For the prosecutor’s office of 海淀区.',
  ringtraceVersion: '0.1.0',
};

/**
 * A ring-shaped case of about `elements` nodes and links (half each): accounts in a chain with
 * transfers between neighbours and a few across, each with its source.
 */
export function syntheticFacts(elements: number): EvidenceFacts {
  const count = Math.max(2, Math.round(elements / 2));
  const nodes: FactNode[] = [];
  for (let index = 0; index < count; index += 1) {
    const id = `ICBC:62220000${String(index).padStart(8, '0')}`;
    nodes.push(
      node('BankAccount', id, index % 3 === 0 ? `账户 ${index} 陈${index}` : id, {
        role: index === 0 ? 'ringleader' : 'mule',
        score: 1 - index / count,
        reasons: [`forwarded ${index % 97}% of what it received within ${index % 60} minutes`],
        position: { x: Math.cos(index) * 400, y: Math.sin(index) * 400 },
      }),
    );
  }
  const events: FactEvent[] = [];
  for (let index = 0; index < elements - count; index += 1) {
    const from = nodes[index % count]!;
    const to = nodes[(index * 7 + 1) % count]!;
    events.push({
      kind: 'Transfer',
      id: `ICBC:T-${index}`,
      from: from.key,
      to: to.key,
      at: new Date(Date.UTC(2026, 9, 1) + index * 60_000).toISOString(),
      offset: '+08:00',
      amountMinor: 10_000 + index * 37,
      currency: 'CNY',
      durationSeconds: null,
      detail: 'online',
      tracedMinor: null,
      source: ref(0, index + 2, `T-${index}`),
    });
  }
  return {
    madeFrom: {
      kind: 'entities',
      id: `${count} entities`,
      title: `${count} chosen entities`,
      run: null,
      ring: null,
      trail: null,
    },
    scope: 'all',
    nodes,
    events,
    links: [],
    sources: [SOURCES[0]!],
    truncated: false,
  };
}
