/**
 * What the canvas writes and how it grades: accounts as bank and last digits, label sizes by rank,
 * the freezable mark graded by the money still held, ring titles by the ringleader's name, role
 * colours and bands, and links inside a role told from links between roles.
 */
import { describe, expect, it } from 'vitest';
import {
  accountShortForm,
  heldLine,
  holdingMark,
  labelSize,
  LABEL_DEFAULTS,
  ringTitle,
  shortLabel,
} from '../../client/src/workspace/labels';
import { roleBands } from '../../client/src/workspace/layouts';
import { ROLE_COLOR, roleColor, roleLinkClass } from '../../client/src/workspace/roles';
import { decorateNode } from '../../client/src/workspace/style';
import { traceElements } from '../../client/src/workspace/elements';
import type { ForwardTrace } from '../../server/contract';

describe('canvas labels', () => {
  it('writes an account as its bank and last four digits, never cutting a number', () => {
    expect(accountShortForm('ICBC:6222020200118841')).toBe('ICBC …8841');
    expect(
      shortLabel({ type: 'BankAccount', entityId: 'BOC:6216613725818139401', label: 'x' }),
    ).toBe('BOC …9401');
    expect(accountShortForm('ICBC:12345')).toBe('ICBC 12345');
    expect(shortLabel({ type: 'Person', entityId: '110101199003070011', label: '王伟' })).toBe(
      '王伟',
    );
    expect(
      shortLabel({ type: 'PhoneNumber', entityId: '+8613800138000', label: '138 0013 8000' }),
    ).toBe('138 0013 8000');
  });

  it('sizes labels by rank, so zoomed out the lower-ranked go first', () => {
    const leader = labelSize({ type: 'Person', role: 'ringleader' });
    const mule = labelSize({ type: 'BankAccount', role: 'mule' });
    expect(leader).toBeGreaterThan(labelSize({ type: 'Person', role: 'organiser' }));
    expect(labelSize({ type: 'Person', role: 'organiser' })).toBeGreaterThan(mule);
    // At half zoom the ringleader's label is still drawn, the mule's is hidden (not shrunk).
    expect(leader * 0.5).toBeGreaterThanOrEqual(LABEL_DEFAULTS.minOnScreen);
    expect(mule * 0.5).toBeLessThan(LABEL_DEFAULTS.minOnScreen);
    // A single transfer's label goes before an account's, a scored account's last.
    expect(labelSize({ type: 'Transfer' })).toBeLessThan(labelSize({ type: 'BankAccount' }));
    expect(labelSize({ type: 'BankAccount', score: 0.9 })).toBeGreaterThan(
      labelSize({ type: 'BankAccount' }),
    );
    expect(labelSize({ type: 'BankAccount', heldShare: 1 })).toBeGreaterThan(
      labelSize({ type: 'BankAccount', heldShare: 0.1 }),
    );
  });
});

describe('the freezable mark', () => {
  it('grades 29,066.71 and 0.67 CNY apart, and marks crumbs as tiny', () => {
    const traced = 30_000_00;
    const much = holdingMark(29_066_71, traced);
    const crumb = holdingMark(67, traced);
    expect(much.tiny).toBe(false);
    expect(crumb.tiny).toBe(true);
    expect(much.width).toBeGreaterThan(crumb.width * 4);
    expect(much.color).not.toBe(crumb.color);
    expect(holdingMark(traced, traced).width).toBe(12);
    expect(holdingMark(3_000_00, traced).width).toBeLessThan(much.width);
    expect(heldLine({ heldMinor: 67, currency: 'CNY', heldTiny: true })).toBe(
      '0.67\u00a0CNY\u00a0held (tiny)',
    );
  });

  it('puts the money held on the accounts that hold it', () => {
    const trace = {
      transfer: {
        id: 'T0',
        from: 'V:1',
        to: 'A:1',
        amountMinor: 30_000_00,
        currency: 'CNY',
        time: '2026-11-02T10:00:00Z',
      },
      hops: [
        {
          id: 'T0',
          from: 'V:1',
          to: 'A:1',
          amountMinor: 30_000_00,
          tracedMinor: 30_000_00,
          time: '2026-11-02T10:00:00Z',
          depth: 1,
        },
        {
          id: 'T1',
          from: 'A:1',
          to: 'B:1',
          amountMinor: 29_066_71,
          tracedMinor: 29_066_71,
          time: '2026-11-02T11:00:00Z',
          depth: 2,
        },
      ],
      holdings: [
        { account: 'A:1', tracedMinor: 67 },
        { account: 'B:1', tracedMinor: 29_066_71 },
      ],
      beyondDepth: [],
      depth: 4,
      method: 'fifo',
      truncated: false,
    } as unknown as ForwardTrace;
    const nodes = traceElements(trace).nodes;
    const big = nodes.find((node) => node.data.entityId === 'B:1')?.data;
    const small = nodes.find((node) => node.data.entityId === 'A:1')?.data;
    if (!big || !small) throw new Error('missing holders');
    expect(small.heldTiny).toBe(true);
    expect(big.heldTiny).toBe(false);
    const bigLook = decorateNode(big);
    const smallLook = decorateNode(small);
    expect(bigLook.display).toBe('B 1\n29,066.71\u00a0CNY\u00a0held');
    expect(smallLook.display).toContain('0.67\u00a0CNY\u00a0held (tiny)');
    expect(bigLook.holdWidth).toBeGreaterThan(smallLook.holdWidth ?? 99);
  });
});

describe('rings by role', () => {
  it('lists a ring by its ringleader’s name and short id', () => {
    expect(
      ringTitle({ ring: 'R3', ringleader: 'Person:110101199003070011', ringleaderName: '王伟' }),
    ).toBe('王伟 · R3');
    expect(
      ringTitle({
        ring: 'R1',
        ringleader: 'BankAccount:ICBC:6222020200118841',
        ringleaderName: '李娜',
      }),
    ).toBe('李娜 (ICBC …8841) · R1');
    expect(
      ringTitle({
        ring: 'R2',
        ringleader: 'BankAccount:ICBC:6222020200118841',
        ringleaderName: null,
      }),
    ).toBe('ICBC …8841 · R2');
    expect(ringTitle({ ring: 'R4', ringleader: null, ringleaderName: null })).toBe(
      'No ringleader named · R4',
    );
  });

  it('gives each band its own colour and draws links between roles apart', () => {
    const bands = ['ringleader', 'organiser', 'caller', 'mule_herder', 'mule', 'cash_out'];
    expect(new Set(bands.map(roleColor)).size).toBe(bands.length);
    expect(roleColor('key_member')).toBe(ROLE_COLOR.organiser);
    expect(roleLinkClass('mule', 'mule')).toBe('same-role');
    expect(roleLinkClass('key_member', 'organiser')).toBe('same-role');
    expect(roleLinkClass('mule', 'mule_herder')).toBe('cross-role');
    // Inside a ring view a member is filled with its role's colour.
    const look = decorateNode({
      id: 'm',
      type: 'BankAccount',
      entityId: 'ICBC:1',
      label: 'ICBC 1',
      role: 'mule',
      ring: 'r',
      parent: 'Ring:r',
    });
    expect(look.color).toBe(roleColor('mule'));
  });

  it('places a ring of 240 in bands: leader in the middle, each role outside the last', () => {
    const roles = [
      'ringleader',
      ...Array<string>(4).fill('organiser'),
      ...Array<string>(15).fill('caller'),
      ...Array<string>(10).fill('mule_herder'),
      ...Array<string>(200).fill('mule'),
      ...Array<string>(10).fill('cash_out'),
    ];
    const { positions, radius } = roleBands(roles.map((role, i) => ({ id: `n${i}`, role })));
    const distance = (i: number) => {
      const p = positions.get(`n${i}`);
      return p ? Math.hypot(p.x, p.y) : NaN;
    };
    expect(distance(0)).toBe(0);
    const band = (from: number, to: number) => {
      const all = Array.from({ length: to - from }, (_, k) => distance(from + k));
      return { min: Math.min(...all), max: Math.max(...all) };
    };
    const order = [band(1, 5), band(20, 30), band(5, 20), band(230, 240), band(30, 230)];
    for (let i = 1; i < order.length; i += 1) {
      expect(order[i]?.min ?? 0).toBeGreaterThan(order[i - 1]?.max ?? Infinity);
    }
    // Compact: 240 members fit a disc a fitted view can show with the leaders' labels readable.
    expect(radius).toBeLessThan(900);
    // No two members on top of each other.
    const points = [...positions.values()];
    let closest = Infinity;
    for (let i = 0; i < points.length; i += 1)
      for (let j = i + 1; j < points.length; j += 1) {
        const a = points[i];
        const b = points[j];
        if (a && b) closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
      }
    expect(closest).toBeGreaterThan(40);
  });
});
