/**
 * The alert inbox's pure logic: who sees which view, the inbox order (most severe, then newest),
 * merging an alert that arrived on the stream into the list, the status filter, and the words and
 * figures a row shows (station or the centre, money from minor units, outcomes). No DOM here.
 */
import { NODES, isNodeLabel } from '../../../server/contract/graph';
import type {
  Alert,
  AlertOutcome,
  AlertSeverity,
  AlertStatus,
} from '../../../server/contract/warning';
import { formatTime as formatLocalTime } from '../time';

/** Inbox order: most urgent first (the contract's `ALERT_SEVERITIES`). */
const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = {
  urgent: 0,
  high: 1,
  prevention: 2,
};

export const SEVERITY_LABEL: Readonly<Record<AlertSeverity, string>> = {
  urgent: 'Urgent',
  high: 'High',
  prevention: 'Prevention',
};

export const STATUS_LABEL: Readonly<Record<AlertStatus, string>> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  closed: 'Closed',
};

/** The outcomes an officer records, in the order the choice lists them, with their words. */
export const OUTCOME_LABEL: Readonly<Record<AlertOutcome, string>> = {
  warned: 'Person reached and warned',
  payment_stopped: 'Payment stopped',
  already_paid: 'Already paid',
  false_alarm: 'False alarm',
};

/** The inbox's status filter; `open` is new and acknowledged together. */
export type StatusFilter = 'open' | 'closed' | 'all';

/** The `status` query parameter of `GET /api/alerts` for a filter (the API reads none as open). */
export function statusQuery(filter: StatusFilter): string {
  return filter;
}

/** Whether an alert belongs in the inbox under a filter (a closed alert leaves the open list). */
export function matchesFilter(alert: Pick<Alert, 'status'>, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'closed') return alert.status === 'closed';
  return alert.status !== 'closed';
}

/** Orders two alerts: severity first (urgent, high, prevention), then the newest record first. */
export function compareAlerts(
  a: Pick<Alert, 'severity' | 'lastEventAt' | 'id'>,
  b: Pick<Alert, 'severity' | 'lastEventAt' | 'id'>,
): number {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity;
  const byTime = Date.parse(b.lastEventAt) - Date.parse(a.lastEventAt);
  if (byTime !== 0 && Number.isFinite(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy of a list of alerts in inbox order. */
export function sortAlerts<T extends Pick<Alert, 'severity' | 'lastEventAt' | 'id'>>(
  alerts: readonly T[],
): T[] {
  return [...alerts].sort(compareAlerts);
}

/**
 * Merges an alert from the stream (or an action's answer) into the inbox list, returning a new
 * list in inbox order: a newer version replaces the old one with the same id, an older or equal
 * one (`seq`) is ignored, and an alert that no longer matches the filter leaves the list unless
 * its id is in `keep` (the alerts the officer acted on here stay in view until the next reload).
 */
export function mergeAlert(
  list: readonly Alert[],
  incoming: Alert,
  filter: StatusFilter,
  keep: ReadonlySet<string> = new Set(),
): Alert[] {
  const current = list.find((alert) => alert.id === incoming.id);
  if (current && current.seq >= incoming.seq) return [...list];
  const rest = list.filter((alert) => alert.id !== incoming.id);
  if (!matchesFilter(incoming, filter) && !(current && keep.has(incoming.id))) return rest;
  return sortAlerts([...rest, incoming]);
}

/** The highest `seq` in a list: where the stream resumes after a reload of the list. */
export function latestSeq(alerts: readonly Pick<Alert, 'seq'>[], from = 0): number {
  return alerts.reduce((max, alert) => Math.max(max, alert.seq), from);
}

/** Where the alert must be acted on: the station's name (or id), or the centre. */
export function stationLabel(station: Alert['station']): string {
  if (!station) return 'Centre';
  return station.name ?? `Station ${station.id}`;
}

/** Digits after the decimal point of a currency (2 when the browser does not know it). */
function minorDigits(currency: string): number {
  try {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    return options.maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Money in integer minor units as text, `12,345.00 CNY` (`¥` currencies without decimals). */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = /^[A-Z]{3}$/.test(currency) ? minorDigits(currency) : 2;
  const text = (amountMinor / 10 ** digits).toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return currency ? `${text} ${currency}` : text;
}

/**
 * An ISO time in the investigator's time zone with its offset, `2026-12-05 03:52 (UTC+08:00)`
 * (`client/src/time.ts`, the one place times are formatted).
 */
export function formatTime(iso: string | null | undefined): string {
  return formatLocalTime(iso);
}

/** How long ago, in words: `just now`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function ago(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** Whom to call, as the row shows it: a name (or the subject) and a number to dial, if known. */
export function contactLine(alert: Pick<Alert, 'contact' | 'subject'>): {
  name: string;
  phone: string | null;
} {
  const name = alert.contact?.name ?? alert.subject.label;
  return { name, phone: alert.contact?.phone ?? null };
}

/**
 * A number grouped for reading it out: Chinese mobiles as `+86 138 0013 8000`, other E.164
 * numbers as the country code and the rest; anything else as the records give it.
 */
export function displayPhone(phone: string): string {
  const china = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(phone);
  if (china) return `+86 ${china[1]} ${china[2]} ${china[3]}`;
  const other = /^\+(1|7|[2-689]\d)(\d{6,13})$/.exec(phone);
  if (other?.[2]) return `+${other[1]} ${other[2].replace(/(\d{3,4})(?=(\d{4})+$)/g, '$1 ')}`;
  return phone;
}

/** A `tel:` link for a number as the records give it (digits and a leading `+` kept). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** What an officer can do with an alert now. */
export function nextAction(alert: Pick<Alert, 'status'>): 'acknowledge' | 'close' | null {
  if (alert.status === 'new') return 'acknowledge';
  if (alert.status === 'acknowledged') return 'close';
  return null;
}

/** The permissions the views need (the server checks every one of them again). */
export interface AlertAccess {
  /** The inbox (all stations, or one's own station). */
  inbox: boolean;
  /** The centre's dashboard. */
  dashboard: boolean;
  /** Acknowledge and close alerts. */
  handle: boolean;
  /** Open an alert's subject and evidence in the workspace. */
  workspace: boolean;
  /** Sees only one station's alerts. */
  stationOnly: boolean;
}

export function alertAccess(permissions: readonly string[]): AlertAccess {
  const all = permissions.includes('alerts:read');
  const station = permissions.includes('alerts:read-station');
  return {
    inbox: all || station,
    dashboard: all,
    handle: (all || station) && permissions.includes('alerts:handle'),
    workspace: permissions.includes('graph:read'),
    stationOnly: station && !all,
  };
}

/** The view a user lands on after signing in: the inbox for station officers, else the workspace. */
export function landingView(
  permissions: readonly string[],
): 'workspace' | 'alerts' | 'dashboard' | null {
  const access = alertAccess(permissions);
  if (access.stationOnly) return 'alerts';
  if (access.workspace) return 'workspace';
  if (access.inbox) return 'alerts';
  return null;
}

/** An entity to put on the workspace canvas: `Type` and domain id, with a label where known. */
export interface CanvasRef {
  type: string;
  id: string;
  label?: string;
}

/**
 * What "Open in workspace" puts on the canvas: the subject first (with its label), then each
 * piece of evidence once, leaving out kinds the canvas does not draw.
 */
export function workspaceRefs(alert: Pick<Alert, 'subject' | 'evidence'>): CanvasRef[] {
  const seen = new Set<string>();
  const refs: CanvasRef[] = [];
  const add = (ref: CanvasRef) => {
    const key = `${ref.type}:${ref.id}`;
    if (seen.has(key) || !isNodeLabel(ref.type) || !NODES[ref.type].canvas) return;
    seen.add(key);
    refs.push(ref);
  };
  add({ type: alert.subject.type, id: alert.subject.id, label: alert.subject.label });
  for (const ref of alert.evidence) add({ type: ref.type, id: ref.id });
  return refs;
}
