/**
 * The alert inbox's pure logic: inbox order, live merging, the status filter, the words and money
 * a row shows, who sees which view, and what "Open in workspace" puts on the canvas.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract/warning';
import {
  ago,
  alertAccess,
  compareAlerts,
  contactLine,
  displayPhone,
  formatMinor,
  formatTime,
  landingView,
  latestSeq,
  matchesFilter,
  mergeAlert,
  nextAction,
  sortAlerts,
  stationLabel,
  statusQuery,
  telHref,
  workspaceRefs,
} from '../../client/src/alerts/model';
import { parseAlertEvent, streamUrl } from '../../client/src/alerts/stream';

function alert(overrides: Partial<Alert> & { id: string }): Alert {
  return {
    rule: 'paying_suspected_mule',
    severity: 'high',
    status: 'new',
    title: 'Victim paying a suspected mule',
    subject: { type: 'Person', id: 'p-1', label: 'Wang Fang' },
    station: { id: '110105000000', name: 'Chaoyang' },
    contact: { personId: 'p-1', name: 'Wang Fang', phone: '+8613800138000' },
    amount: { amountMinor: 500_000, currency: 'CNY' },
    proposedStop: null,
    reasons: ['Paid 5,000.00 CNY into an account named in a police report'],
    evidence: [],
    firstEventAt: '2026-12-04T10:00:00Z',
    lastEventAt: '2026-12-04T10:00:00Z',
    occurrences: 1,
    createdAt: '2026-12-04T10:00:01Z',
    updatedAt: '2026-12-04T10:00:01Z',
    escalated: false,
    escalatedAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    outcome: null,
    outcomeNote: null,
    closedBy: null,
    closedAt: null,
    seq: 1,
    ...overrides,
  };
}

describe('inbox order', () => {
  it('puts urgent before high before prevention, and the newest first within a severity', () => {
    const list = [
      alert({ id: 'a', severity: 'prevention', lastEventAt: '2026-12-04T12:00:00Z' }),
      alert({ id: 'b', severity: 'high', lastEventAt: '2026-12-04T09:00:00Z' }),
      alert({ id: 'c', severity: 'urgent', lastEventAt: '2026-12-04T08:00:00Z' }),
      alert({ id: 'd', severity: 'high', lastEventAt: '2026-12-04T11:00:00Z' }),
    ];
    expect(sortAlerts(list).map((one) => one.id)).toEqual(['c', 'd', 'b', 'a']);
    expect(list.map((one) => one.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders alerts of the same severity and time by id, so the order is stable', () => {
    expect(compareAlerts(alert({ id: 'x' }), alert({ id: 'y' }))).toBeLessThan(0);
    expect(compareAlerts(alert({ id: 'y' }), alert({ id: 'y' }))).toBe(0);
  });
});

describe('merging an alert from the stream', () => {
  const list = sortAlerts([
    alert({ id: 'a', severity: 'urgent', seq: 3 }),
    alert({ id: 'b', severity: 'high', seq: 4 }),
    alert({ id: 'c', severity: 'prevention', seq: 5 }),
  ]);

  it('inserts a new alert in its place in the order', () => {
    const merged = mergeAlert(
      list,
      alert({ id: 'n', severity: 'high', lastEventAt: '2026-12-04T11:00:00Z', seq: 6 }),
      'open',
    );
    expect(merged.map((one) => one.id)).toEqual(['a', 'n', 'b', 'c']);
  });

  it('replaces a changed alert in place and keeps the order', () => {
    const merged = mergeAlert(list, alert({ id: 'b', status: 'acknowledged', seq: 7 }), 'open');
    expect(merged.map((one) => one.id)).toEqual(['a', 'b', 'c']);
    expect(merged[1]?.status).toBe('acknowledged');
  });

  it('ignores an older or repeated version of an alert it holds', () => {
    const merged = mergeAlert(list, alert({ id: 'b', status: 'closed', seq: 4 }), 'open');
    expect(merged).toEqual(list);
    expect(merged).not.toBe(list);
  });

  it('drops an alert closed elsewhere from the open list, but keeps one closed here', () => {
    const closed = alert({ id: 'b', status: 'closed', outcome: 'warned', seq: 8 });
    expect(mergeAlert(list, closed, 'open').map((one) => one.id)).toEqual(['a', 'c']);
    expect(mergeAlert(list, closed, 'open', new Set(['b'])).map((one) => one.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(mergeAlert(list, closed, 'all').map((one) => one.id)).toEqual(['a', 'b', 'c']);
  });

  it('does not add a new open alert to the closed list', () => {
    expect(mergeAlert([], alert({ id: 'n', seq: 9 }), 'closed')).toEqual([]);
  });

  it('knows the highest seq a list holds', () => {
    expect(latestSeq(list)).toBe(5);
    expect(latestSeq([], 12)).toBe(12);
  });
});

describe('the status filter', () => {
  it('asks the API for open, closed or every alert', () => {
    expect(statusQuery('open')).toBe('open');
    expect(statusQuery('closed')).toBe('closed');
    expect(statusQuery('all')).toBe('all');
  });

  it('counts new and acknowledged alerts as open', () => {
    expect(matchesFilter({ status: 'new' }, 'open')).toBe(true);
    expect(matchesFilter({ status: 'acknowledged' }, 'open')).toBe(true);
    expect(matchesFilter({ status: 'closed' }, 'open')).toBe(false);
    expect(matchesFilter({ status: 'closed' }, 'closed')).toBe(true);
    expect(matchesFilter({ status: 'new' }, 'all')).toBe(true);
  });
});

describe('what a row shows', () => {
  it('formats money from minor units with the currency’s own decimals', () => {
    expect(formatMinor(500_000, 'CNY')).toBe('5,000.00 CNY');
    expect(formatMinor(5, 'CNY')).toBe('0.05 CNY');
    expect(formatMinor(-123_456, 'USD')).toBe('-1,234.56 USD');
    expect(formatMinor(1500, 'JPY')).toBe('1,500 JPY');
    expect(formatMinor(1234, '')).toBe('12.34');
  });

  it('names the station, or the centre when no station is known', () => {
    expect(stationLabel({ id: '110105000000', name: 'Chaoyang' })).toBe('Chaoyang');
    expect(stationLabel({ id: '110105000000', name: null })).toBe('Station 110105000000');
    expect(stationLabel(null)).toBe('Centre');
  });

  it('gives the person to call and their number, or the subject when no contact is known', () => {
    expect(contactLine(alert({ id: 'a' }))).toEqual({
      name: 'Wang Fang',
      phone: '+8613800138000',
    });
    expect(contactLine(alert({ id: 'a', contact: null }))).toEqual({
      name: 'Wang Fang',
      phone: null,
    });
    expect(telHref('+86 138-0013 8000')).toBe('tel:+8613800138000');
    expect(displayPhone('+8613800138000')).toBe('+86 138 0013 8000');
    expect(displayPhone('+6591234567')).toBe('+65 9123 4567');
    expect(displayPhone('010-12345')).toBe('010-12345');
  });

  it('writes record times in UTC and how long ago', () => {
    expect(formatTime('2026-12-04T10:05:30+08:00')).toBe('2026-12-04 02:05 UTC');
    expect(formatTime(null)).toBe('');
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(ago('2026-12-04T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-12-04T11:45:00Z', now)).toBe('15 min ago');
    expect(ago('2026-12-04T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-12-03T12:00:00Z', now)).toBe('1 day ago');
  });

  it('offers Acknowledge on a new alert, Close on an acknowledged one, nothing on a closed one', () => {
    expect(nextAction({ status: 'new' })).toBe('acknowledge');
    expect(nextAction({ status: 'acknowledged' })).toBe('close');
    expect(nextAction({ status: 'closed' })).toBeNull();
  });
});

describe('who sees what', () => {
  it('shows a station officer their inbox first, and no dashboard', () => {
    const officer = ['graph:read', 'alerts:read-station', 'alerts:handle', 'tokens:own'];
    expect(alertAccess(officer)).toEqual({
      inbox: true,
      dashboard: false,
      handle: true,
      workspace: true,
      stationOnly: true,
    });
    expect(landingView(officer)).toBe('alerts');
    expect(alertAccess(['alerts:read-station']).workspace).toBe(false);
  });

  it('gives the centre the inbox of all stations and the dashboard, landing on the workspace', () => {
    const centre = ['graph:read', 'alerts:read', 'alerts:handle'];
    expect(alertAccess(centre)).toMatchObject({
      inbox: true,
      dashboard: true,
      handle: true,
      workspace: true,
      stationOnly: false,
    });
    expect(landingView(centre)).toBe('workspace');
  });

  it('shows no alert views to those without alert permissions', () => {
    expect(alertAccess(['users:manage'])).toMatchObject({ inbox: false, dashboard: false });
    expect(landingView(['users:manage'])).toBeNull();
    expect(alertAccess(['alerts:handle']).handle).toBe(false);
  });
});

describe('opening an alert in the workspace', () => {
  it('puts the subject first, then each piece of evidence once, leaving out what the canvas does not draw', () => {
    const refs = workspaceRefs(
      alert({
        id: 'a',
        evidence: [
          { type: 'Transfer', id: 'ICBC:t-1' },
          { type: 'BankAccount', id: 'ABC:6228' },
          { type: 'Person', id: 'p-1' },
          { type: 'BankAccount', id: 'ABC:6228' },
          { type: 'Source', id: 'batch-1' },
          { type: 'Nonsense', id: 'x' },
        ],
      }),
    );
    expect(refs).toEqual([
      { type: 'Person', id: 'p-1', label: 'Wang Fang' },
      { type: 'Transfer', id: 'ICBC:t-1' },
      { type: 'BankAccount', id: 'ABC:6228' },
    ]);
  });
});

describe('the live stream', () => {
  it('resumes after the last seq it saw', () => {
    expect(streamUrl(null)).toBe('/api/alerts/stream');
    expect(streamUrl(0)).toBe('/api/alerts/stream');
    expect(streamUrl(42)).toBe('/api/alerts/stream?after=42');
  });

  it('reads an alert event and ignores anything else', () => {
    const one = alert({ id: 'a', seq: 3 });
    expect(parseAlertEvent(JSON.stringify(one))).toEqual(one);
    expect(parseAlertEvent('not json')).toBeNull();
    expect(parseAlertEvent('{"hello":1}')).toBeNull();
    expect(parseAlertEvent('null')).toBeNull();
  });
});
