/**
 * The workspace's pure mapping from API answers to canvas elements, with fixture answers in the
 * shapes the API gives (forward and backward traces, paths, rings, guarded expansion): each
 * fixture is typed by, and parsed with, the API contract's schema.
 */
import { describe, expect, it } from 'vitest';
import {
  backwardTrace,
  forwardTrace,
  neighbourPage,
  pathsAnswer,
  ringDetail,
  type BackwardTrace,
  type ForwardTrace,
  type NeighbourPage,
  type PathsAnswer,
  type RingDetail,
} from '../../server/contract';
import {
  backwardTraceElements,
  backwardTraceSummary,
  collapseRing,
  describeLeftOut,
  expansionChoices,
  neighbourElements,
  pathElements,
  ringElements,
  timelineKeys,
  timelineRows,
  traceElements,
  traceSummary,
} from '../../client/src/workspace/elements';
import { formatMoney, mergeElements, parseKey } from '../../client/src/workspace/model';
import { traceQuery } from '../../client/src/workspace/views';

const TRACE_FIXTURE: ForwardTrace = {
  transfer: {
    id: 'ICBC:T1',
    from: 'ICBC:6222000000000001',
    to: 'ABC:6228000000000002',
    amountMinor: 5000000,
    currency: 'CNY',
    time: '2026-10-03T01:00:00.000Z',
  },
  method: 'proportional',
  depth: 4,
  windowHours: 72,
  hops: [
    {
      id: 'ICBC:T1',
      from: 'ICBC:6222000000000001',
      to: 'ABC:6228000000000002',
      amountMinor: 5000000,
      time: '2026-10-03T01:00:00.000Z',
      tracedMinor: 5000000,
      depth: 1,
    },
    {
      id: 'ABC:T2',
      from: 'ABC:6228000000000002',
      to: 'CCB:6217000000000003',
      amountMinor: 3000000,
      time: '2026-10-03T01:05:00.000Z',
      tracedMinor: 3000000,
      depth: 2,
    },
    {
      id: 'ABC:T3',
      from: 'ABC:6228000000000002',
      to: 'BOC:6013000000000004',
      amountMinor: 2000000,
      time: '2026-10-03T01:04:00.000Z',
      tracedMinor: 1900000,
      depth: 2,
    },
    {
      id: 'CCB:T4',
      from: 'CCB:6217000000000003',
      to: 'BOC:6013000000000005',
      amountMinor: 2900000,
      time: '2026-10-03T01:20:00.000Z',
      tracedMinor: 2900000,
      depth: 3,
    },
  ],
  holdings: [
    {
      account: 'BOC:6013000000000005',
      tracedMinor: 2900000,
      currency: 'CNY',
      depth: 3,
    },
    {
      account: 'BOC:6013000000000004',
      tracedMinor: 1900000,
      currency: 'CNY',
      depth: 2,
    },
    {
      account: 'ABC:6228000000000002',
      tracedMinor: 100000,
      currency: 'CNY',
      depth: 1,
    },
    {
      account: 'CCB:6217000000000003',
      tracedMinor: 100000,
      currency: 'CNY',
      depth: 2,
    },
  ],
  beyondDepth: [],
  truncated: false,
};

const PATHS_FIXTURE: PathsAnswer = {
  paths: [
    {
      between: ['PhoneNumber:+8613800000001', 'BankAccount:ICBC:6222000000000001'],
      nodes: [
        {
          type: 'PhoneNumber',
          id: '+8613800000001',
          label: '138 0000 0001',
        },
        {
          type: 'PhoneNumber',
          id: '+8613800000002',
          label: '+8613800000002',
        },
        {
          type: 'BankAccount',
          id: 'ICBC:6222000000000001',
          label: 'ICBC 6222000000000001',
        },
      ],
      links: [
        {
          type: 'CALLED',
          source: 'PhoneNumber:+8613800000001',
          target: 'PhoneNumber:+8613800000002',
          time: '2026-10-02T10:00:00Z',
        },
        {
          type: 'USES_NUMBER',
          source: 'PhoneNumber:+8613800000002',
          target: 'BankAccount:ICBC:6222000000000001',
        },
      ],
    },
    {
      between: ['PhoneNumber:+8613800000001', 'BankAccount:ICBC:6222000000000001'],
      nodes: [
        {
          type: 'PhoneNumber',
          id: '+8613800000001',
          label: '138 0000 0001',
        },
        {
          type: 'BankAccount',
          id: 'ICBC:6222000000000001',
          label: 'ICBC 6222000000000001',
        },
      ],
      links: [
        {
          type: 'TRANSFERRED',
          source: 'PhoneNumber:+8613800000001',
          target: 'BankAccount:ICBC:6222000000000001',
          amountMinor: 123456,
          currency: 'CNY',
          time: '2026-10-02T11:00:00Z',
        },
      ],
    },
  ],
  unconnected: [],
  note: 'Only the 2 shortest paths are shown.',
};

const RING_FIXTURE: RingDetail = {
  ring: {
    id: 'r7',
    typology: 'mule_chain',
    score: 0.91,
    size: 5,
    reasons: ["4 victims' money consolidates here", 'one handset cycled 12 SIMs'],
  },
  members: [
    {
      entity: {
        type: 'Person',
        id: 'P1',
        label: 'Boss',
      },
      role: 'ringleader',
      score: 0.95,
      reasons: ['receives consolidated money'],
    },
    {
      entity: {
        type: 'PhoneNumber',
        id: '+8613800000009',
        label: '+8613800000009',
      },
      role: 'caller',
      score: 0.7,
      reasons: ['400 short calls to strangers'],
    },
    {
      entity: {
        type: 'Device',
        id: '356938035643809',
        label: '356938035643809',
      },
      role: 'key_member',
      score: 0.8,
      reasons: ['SIM box'],
    },
    {
      entity: {
        type: 'BankAccount',
        id: 'ABC:6228000000000002',
        label: 'ABC:6228000000000002',
      },
      role: 'mule',
      score: 0.6,
      reasons: ['forwards within minutes'],
    },
    {
      entity: {
        type: 'BankAccount',
        id: 'CCB:6217000000000003',
        label: 'CCB:6217000000000003',
      },
      role: 'mule',
      score: 0.5,
      reasons: [],
    },
  ],
  links: [
    {
      type: 'TRANSFERRED',
      source: 'BankAccount:ABC:6228000000000002',
      target: 'BankAccount:CCB:6217000000000003',
      weight: 3,
    },
    {
      type: 'HOLDS',
      source: 'Person:P1',
      target: 'BankAccount:CCB:6217000000000003',
      weight: 1,
    },
  ],
};

const NEIGHBOURS_FIXTURE: NeighbourPage = {
  neighbours: [
    {
      relationship: 'TRANSFERRED',
      outgoing: true,
      type: 'BankAccount',
      id: 'CCB:6217000000000003',
      degree: 12,
      at: null,
      properties: {
        currency: 'CNY',
        count: 3,
        totalMinor: 4500000,
        first: '2026-10-03T01:05:00Z',
        last: '2026-10-04T09:00:00Z',
      },
    },
    {
      relationship: 'HOLDS',
      outgoing: false,
      type: 'Person',
      id: 'P9',
      degree: 2,
      at: null,
      properties: {
        sourceId: 'ab12',
        sourceLine: 17,
      },
    },
    {
      relationship: 'SENT',
      outgoing: true,
      type: 'Transfer',
      id: 'ABC:T2',
      degree: 2,
      at: '2026-10-03T01:05:00Z',
      properties: {},
    },
  ],
  total: 4000,
  skip: 0,
  limit: 3,
  leftOut: 3997,
  capped: false,
  note: null,
};

/**
 * `GET /api/trace/backward?account=BOC:6013000000000005&at=2026-10-03T02:00:00Z` as the server
 * answers it: two victims paid a mule, which paid the traced account, which also got money from
 * an account the trace did not follow further back.
 */
const BACKWARD_FIXTURE: BackwardTrace = {
  account: 'BOC:6013000000000005',
  at: '2026-10-03T02:00:00.000Z',
  currency: 'CNY',
  method: 'proportional',
  depth: 2,
  windowHours: 72,
  receivedMinor: 4_000_000,
  hops: [
    {
      id: 'ICBC:T1',
      from: 'ICBC:6222000000000001',
      to: 'ABC:6228000000000002',
      amountMinor: 2_000_000,
      time: '2026-10-03T01:00:00.000Z',
      attributedMinor: 2_000_000,
      depth: 2,
    },
    {
      id: 'CMB:T9',
      from: 'CMB:6225000000000009',
      to: 'ABC:6228000000000002',
      amountMinor: 1_000_000,
      time: '2026-10-03T01:02:00.000Z',
      attributedMinor: 1_000_000,
      depth: 2,
    },
    {
      id: 'ABC:T2',
      from: 'ABC:6228000000000002',
      to: 'BOC:6013000000000005',
      amountMinor: 3_000_000,
      time: '2026-10-03T01:10:00.000Z',
      attributedMinor: 3_000_000,
      depth: 1,
    },
    {
      id: 'CCB:T3',
      from: 'CCB:6217000000000003',
      to: 'BOC:6013000000000005',
      amountMinor: 1_000_000,
      time: '2026-10-03T01:20:00.000Z',
      attributedMinor: 1_000_000,
      depth: 1,
    },
  ],
  origins: [
    {
      account: 'ICBC:6222000000000001',
      attributedMinor: 2_000_000,
      reason: 'not-traced-further',
      currency: 'CNY',
      depth: 2,
    },
    {
      account: 'CMB:6225000000000009',
      attributedMinor: 1_000_000,
      reason: 'not-traced-further',
      currency: 'CNY',
      depth: 2,
    },
    {
      account: 'CCB:6217000000000003',
      attributedMinor: 1_000_000,
      reason: 'held-before-window',
      currency: 'CNY',
      depth: 1,
    },
  ],
  truncated: false,
};

describe('fixtures', () => {
  it('are answers the API contract accepts', () => {
    expect(() => forwardTrace.parse(TRACE_FIXTURE)).not.toThrow();
    expect(() => backwardTrace.parse(BACKWARD_FIXTURE)).not.toThrow();
    expect(() => pathsAnswer.parse(PATHS_FIXTURE)).not.toThrow();
    expect(() => ringDetail.parse(RING_FIXTURE)).not.toThrow();
    expect(() => neighbourPage.parse(NEIGHBOURS_FIXTURE)).not.toThrow();
  });

  it('tell the two trace directions apart: a backward answer is not a forward one', () => {
    expect(forwardTrace.safeParse(BACKWARD_FIXTURE).success).toBe(false);
    expect(backwardTrace.safeParse(TRACE_FIXTURE).success).toBe(false);
  });
});

describe('keys and money', () => {
  it('splits Type:id keys whose ids hold colons', () => {
    expect(parseKey('BankAccount:ICBC:6222')).toEqual({ type: 'BankAccount', id: 'ICBC:6222' });
  });
  it('formats minor units', () => {
    expect(formatMoney(5_000_000, 'CNY')).toBe('50,000.00 CNY');
  });
});

describe('guarded expansion', () => {
  it('maps a page to nodes and directed links carrying amounts, counts and provenance', () => {
    const elements = neighbourElements('BankAccount:ABC:6228000000000002', NEIGHBOURS_FIXTURE);
    expect(elements.nodes.map((node) => node.data.id)).toEqual([
      'BankAccount:CCB:6217000000000003',
      'Person:P9',
      'Transfer:ABC:T2',
    ]);
    const [transferred, holds, sent] = elements.edges;
    expect(transferred?.data).toMatchObject({
      source: 'BankAccount:ABC:6228000000000002',
      target: 'BankAccount:CCB:6217000000000003',
      type: 'TRANSFERRED',
      amountMinor: 4_500_000,
      count: 3,
      currency: 'CNY',
      first: '2026-10-03T01:05:00Z',
    });
    expect(holds?.data).toMatchObject({
      source: 'Person:P9',
      target: 'BankAccount:ABC:6228000000000002',
    });
    expect(holds?.data.properties).toEqual({ sourceId: 'ab12', sourceLine: 17 });
    expect(sent?.data.time).toBe('2026-10-03T01:05:00Z');
  });

  it('says what the expansion left out', () => {
    expect(describeLeftOut(NEIGHBOURS_FIXTURE)).toMatch(
      /3 of 4000 neighbours shown; 3997 left out/,
    );
    expect(
      describeLeftOut({
        ...NEIGHBOURS_FIXTURE,
        leftOut: 0,
        capped: true,
        note: 'Only the first 5000.',
      }),
    ).toBe('Only the first 5000.');
    expect(describeLeftOut({ ...NEIGHBOURS_FIXTURE, leftOut: 0 })).toBeNull();
  });

  it('offers relationship kinds and neighbour types from the counts, largest first', () => {
    const choices = expansionChoices([
      { relationship: 'SENT', outgoing: true, neighbourType: 'Transfer', count: 5 },
      { relationship: 'TO', outgoing: false, neighbourType: 'Transfer', count: 7 },
      { relationship: 'HOLDS', outgoing: false, neighbourType: 'Person', count: 1 },
    ]);
    expect(choices.relationships).toEqual([
      { name: 'TO', count: 7, checked: false },
      { name: 'SENT', count: 5, checked: false },
      { name: 'HOLDS', count: 1, checked: true },
    ]);
    expect(choices.types).toEqual([
      { name: 'Transfer', count: 12, checked: false },
      { name: 'Person', count: 1, checked: true },
    ]);
  });

  it('starts Expand with the identity links ticked and the single records one tick away', () => {
    const choices = expansionChoices([
      { relationship: 'CALLED', outgoing: true, neighbourType: 'PhoneNumber', count: 40 },
      { relationship: 'MADE', outgoing: true, neighbourType: 'Call', count: 300 },
      { relationship: 'USED_IN', outgoing: true, neighbourType: 'Device', count: 2 },
      { relationship: 'NAMES', outgoing: false, neighbourType: 'Case', count: 3 },
    ]);
    const ticked = (items: { name: string; checked: boolean }[]) =>
      items.filter((item) => item.checked).map((item) => item.name);
    expect(ticked(choices.relationships)).toEqual(['CALLED', 'NAMES', 'USED_IN']);
    expect(ticked(choices.types)).toEqual(['PhoneNumber', 'Case', 'Device']);
    // Only records to expand into: they are ticked, so Expand still adds something.
    const onlyRecords = expansionChoices([
      { relationship: 'SENT', outgoing: true, neighbourType: 'Transfer', count: 2 },
    ]);
    expect(ticked(onlyRecords.relationships)).toEqual(['SENT']);
  });
});

describe('money flow', () => {
  const elements = traceElements(TRACE_FIXTURE);
  const byId = new Map(elements.nodes.map((node) => [node.data.id, node]));

  it('lays accounts out left to right by hop, earliest arrival on top', () => {
    const x = (id: string) => byId.get(`BankAccount:${id}`)?.position?.x ?? NaN;
    const y = (id: string) => byId.get(`BankAccount:${id}`)?.position?.y ?? NaN;
    expect(x('ICBC:6222000000000001')).toBeLessThan(x('ABC:6228000000000002'));
    expect(x('ABC:6228000000000002')).toBeLessThan(x('CCB:6217000000000003'));
    expect(x('CCB:6217000000000003')).toBe(x('BOC:6013000000000004'));
    expect(x('CCB:6217000000000003')).toBeLessThan(x('BOC:6013000000000005'));
    // BOC ...04 received at 01:04, CCB ...03 at 01:05.
    expect(y('BOC:6013000000000004')).toBeLessThan(y('CCB:6217000000000003'));
  });

  it('puts the traced amount on each transfer and marks accounts still holding money', () => {
    const edge = elements.edges.find((one) => one.data.id === 'Transfer:ABC:T3');
    expect(edge?.data).toMatchObject({
      tracedMinor: 1_900_000,
      amountMinor: 2_000_000,
      currency: 'CNY',
    });
    expect(edge?.data.label).toBe('19,000.00 of 20,000.00 CNY');
    expect(elements.edges.find((one) => one.data.id === 'Transfer:ICBC:T1')?.classes).toContain(
      'victim-transfer',
    );
    const holding = byId.get('BankAccount:BOC:6013000000000005');
    expect(holding?.classes).toContain('holding');
    expect(holding?.data.heldMinor).toBe(2_900_000);
    expect(byId.get('BankAccount:ICBC:6222000000000001')?.classes).toContain('victim-account');
    expect(traceSummary(TRACE_FIXTURE)).toMatch(
      /50,000.00 CNY traced through 4 transfers.*50,000.00 CNY still held in 4 accounts/,
    );
    const deeper: ForwardTrace = {
      ...TRACE_FIXTURE,
      beyondDepth: [
        { account: 'BOC:6013000000000005', tracedMinor: 100000, currency: 'CNY', transfers: 2 },
      ],
    };
    expect(traceSummary(deeper)).toMatch(
      /1,000.00 CNY left accounts at hop 4 and was not followed further: trace deeper/,
    );
  });

  it('asks the right trace route for each direction', () => {
    expect(
      traceQuery({ mode: 'forward-transfer', id: 'ICBC:T1', at: '', depth: 4, windowHours: 72 }),
    ).toBe('/trace/forward?depth=4&windowHours=72&transfer=ICBC%3AT1');
    expect(
      traceQuery({
        mode: 'backward-account',
        id: 'BOC:1',
        at: '2026-10-03T09:00:00Z',
        depth: 3,
        windowHours: 24,
      }),
    ).toBe('/trace/backward?depth=3&windowHours=24&account=BOC%3A1&at=2026-10-03T09%3A00%3A00Z');
    expect(
      traceQuery({ mode: 'forward-account', id: 'BOC:1', at: 'x', depth: 1, windowHours: 1 }),
    ).toMatch(/^\/trace\/forward\?.*account=BOC%3A1/);
  });
});

describe('backward money flow', () => {
  const elements = backwardTraceElements(BACKWARD_FIXTURE);
  const byId = new Map(elements.nodes.map((node) => [node.data.id, node]));
  const x = (id: string) => byId.get(`BankAccount:${id}`)?.position?.x ?? NaN;

  it('draws the traced account, every origin and every hop', () => {
    expect([...byId.keys()].sort()).toEqual(
      [
        'BankAccount:ABC:6228000000000002',
        'BankAccount:BOC:6013000000000005',
        'BankAccount:CCB:6217000000000003',
        'BankAccount:CMB:6225000000000009',
        'BankAccount:ICBC:6222000000000001',
      ].sort(),
    );
    expect(elements.edges.map((edge) => edge.data.id).sort()).toEqual(
      ['Transfer:ABC:T2', 'Transfer:CCB:T3', 'Transfer:CMB:T9', 'Transfer:ICBC:T1'].sort(),
    );
    for (const edge of elements.edges) {
      expect(byId.has(edge.data.source), edge.data.source).toBe(true);
      expect(byId.has(edge.data.target), edge.data.target).toBe(true);
    }
  });

  it('lays the flow out in time: origins on the left, the traced account on the right', () => {
    expect(x('ICBC:6222000000000001')).toBe(x('CMB:6225000000000009'));
    expect(x('ICBC:6222000000000001')).toBeLessThan(x('ABC:6228000000000002'));
    expect(x('ABC:6228000000000002')).toBe(x('CCB:6217000000000003'));
    expect(x('ABC:6228000000000002')).toBeLessThan(x('BOC:6013000000000005'));
  });

  it('marks the traced account and the origins, and labels each hop with its traced part', () => {
    expect(byId.get('BankAccount:BOC:6013000000000005')?.classes).toContain('traced-account');
    expect(byId.get('BankAccount:ICBC:6222000000000001')?.classes).toContain('origin');
    expect(byId.get('BankAccount:CCB:6217000000000003')?.data.reasons).toEqual([
      '10,000.00 CNY of the traced money was here before the window',
    ]);
    expect(byId.get('BankAccount:ABC:6228000000000002')?.classes).not.toContain('origin');
    const edge = elements.edges.find((one) => one.data.id === 'Transfer:ABC:T2');
    expect(edge?.data).toMatchObject({ tracedMinor: 3_000_000, currency: 'CNY' });
    expect(edge?.data.label).toBe('30,000.00 of 30,000.00 CNY');
    expect(backwardTraceSummary(BACKWARD_FIXTURE)).toBe(
      '40,000.00 CNY received by BOC:6013000000000005 traced back through 4 transfers ' +
        '(proportional) to 3 accounts; most from ICBC:6222000000000001 (20,000.00 CNY).',
    );
  });
});

describe('paths', () => {
  it('merges the paths into one set of nodes and links, amounts labelled', () => {
    const elements = pathElements(PATHS_FIXTURE);
    expect(elements.nodes.map((node) => node.data.id)).toEqual([
      'PhoneNumber:+8613800000001',
      'PhoneNumber:+8613800000002',
      'BankAccount:ICBC:6222000000000001',
    ]);
    expect(elements.nodes[0]?.data.label).toBe('138 0000 0001');
    expect(elements.edges).toHaveLength(3);
    expect(elements.edges.every((edge) => edge.classes === 'path')).toBe(true);
    expect(elements.edges[2]?.data.label).toBe('1,234.56 CNY');
  });
});

describe('rings', () => {
  const elements = ringElements(RING_FIXTURE);

  it('puts members in a compound ring node with role, score and reasons', () => {
    expect(elements.nodes[0]?.data).toMatchObject({ id: 'Ring:r7', type: 'Ring', score: 0.91 });
    const boss = elements.nodes.find((node) => node.data.id === 'Person:P1');
    expect(boss?.data).toMatchObject({
      parent: 'Ring:r7',
      role: 'ringleader',
      ring: 'r7',
      label: 'Boss',
    });
    expect(boss?.data.reasons).toEqual(['receives consolidated money']);
    expect(elements.edges[0]?.data).toMatchObject({ type: 'TRANSFERRED', weight: 3, count: 3 });
  });

  it('collapses a ring into one node, keeping its links to the outside as counted links', () => {
    const outside = mergeElements(elements, {
      nodes: [
        {
          group: 'nodes',
          data: { id: 'BankAccount:X', type: 'BankAccount', entityId: 'X', label: 'X' },
        },
      ],
      edges: [
        {
          group: 'edges',
          data: {
            id: 'a',
            source: 'BankAccount:ABC:6228000000000002',
            target: 'BankAccount:X',
            type: 'TRANSFERRED',
            count: 2,
          },
        },
        {
          group: 'edges',
          data: {
            id: 'b',
            source: 'BankAccount:CCB:6217000000000003',
            target: 'BankAccount:X',
            type: 'TRANSFERRED',
          },
        },
      ],
    });
    const { remove, add } = collapseRing(outside, 'r7');
    expect(remove).toHaveLength(5 + 4);
    expect(remove).not.toContain('Ring:r7');
    expect(add.nodes).toEqual([]);
    expect(add.edges).toHaveLength(1);
    expect(add.edges[0]?.data).toMatchObject({
      source: 'Ring:r7',
      target: 'BankAccount:X',
      count: 3,
    });
  });
});

describe('timeline', () => {
  it('keeps only kinds that have a timeline and formats rows', () => {
    expect(timelineKeys(['Person:P1', 'BankAccount:A:1', 'PhoneNumber:+86', 'Device:1'])).toEqual([
      'BankAccount:A:1',
      'PhoneNumber:+86',
    ]);
    expect(
      timelineRows([
        {
          kind: 'Transfer',
          id: 'T',
          at: '2026-10-03T01:00:00.000Z',
          offset: '+08:00',
          from: 'A',
          to: 'B',
          amountMinor: 100,
          currency: 'CNY',
          durationSeconds: null,
          detail: 'mobile',
        },
        {
          kind: 'Call',
          id: 'C',
          at: '2026-10-03T02:00:00Z',
          offset: null,
          from: '+1',
          to: '+2',
          amountMinor: null,
          currency: null,
          durationSeconds: 42,
          detail: null,
        },
      ]),
    ).toEqual([
      ['2026-10-03 01:00:00', 'Transfer', 'A → B', '1.00 CNY', 'mobile'],
      ['2026-10-03 02:00:00', 'Call', '+1 → +2', '42 s', ''],
    ]);
  });
});
