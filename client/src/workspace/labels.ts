/**
 * What the canvas writes beside a node, and how large: short forms a detective reads (an account
 * as its bank and last digits, a person by name), never a number cut in the middle, and a label
 * size by rank so that, zoomed out, Cytoscape's `min-zoomed-font-size` drops the labels of
 * lower-ranked nodes first instead of shrinking every label to a blur. Pure.
 */
import { formatMoney, type NodeData } from './model';

/** Label sizes (model px): ranked nodes keep their labels further out. */
export const LABEL_DEFAULTS = {
  /** Labels drawn smaller than this on screen are hidden (Cytoscape's `min-zoomed-font-size`). */
  minOnScreen: 8,
  /** Digits kept at the end of an account number. */
  accountDigits: 4,
  /** By role in a ring view: the ringleader's label outlasts everyone's. */
  role: {
    ringleader: 28,
    key_member: 22,
    organiser: 22,
    mule_herder: 17,
    caller: 14,
    cash_out: 14,
    mule: 11,
    member: 11,
  } as Record<string, number>,
  /** An account still holding traced money, by its share of the traced amount. */
  holding: { least: 16, most: 24 },
  /** An account of a money flow. */
  flow: 15,
  plain: 12,
  /** Single records (a transfer, a call, a login...): their labels go first. */
  record: 10,
  /** Added for a score of 1 from ring analysis (0 adds nothing). */
  byScore: 8,
} as const;

/** Kinds whose nodes are single records rather than identities. */
const RECORDS = new Set(['Transfer', 'Call', 'Login', 'Message', 'Sighting']);

/** `BANK …1234` for an account id `BANK:NUMBER` (the whole number is in the details). */
export function accountShortForm(entityId: string, digits = LABEL_DEFAULTS.accountDigits): string {
  const at = entityId.indexOf(':');
  const bank = at > 0 ? entityId.slice(0, at) : '';
  const number = (at > 0 ? entityId.slice(at + 1) : entityId).replace(/\s+/g, '');
  const tail = number.length > digits + 1 ? `…${number.slice(-digits)}` : number;
  return bank ? `${bank} ${tail}` : tail;
}

/**
 * The name a node goes by on the canvas: an account as its bank and last digits, everything else
 * as the label the server gave (a person's name, a number in full, `platform @handle`).
 */
export function shortLabel(data: Pick<NodeData, 'type' | 'entityId' | 'label'>): string {
  if (data.type === 'BankAccount') return accountShortForm(data.entityId);
  return data.label;
}

/** A label's size by the node's rank: ring role, traced money still held, or plain. */
export function labelSize(
  data: Pick<NodeData, 'role' | 'heldShare' | 'heldTiny' | 'type' | 'score' | 'inFlow'>,
): number {
  if (data.type === 'Ring') return 16;
  if (data.heldShare !== undefined && !data.heldTiny) {
    const { least, most } = LABEL_DEFAULTS.holding;
    return Math.round(least + (most - least) * Math.sqrt(Math.min(1, data.heldShare)));
  }
  if (data.role) return LABEL_DEFAULTS.role[data.role] ?? LABEL_DEFAULTS.plain;
  if (data.inFlow) return LABEL_DEFAULTS.flow;
  if (RECORDS.has(data.type)) return LABEL_DEFAULTS.record;
  const score = data.score !== undefined && Number.isFinite(data.score) ? data.score : 0;
  return (
    LABEL_DEFAULTS.plain + Math.round(LABEL_DEFAULTS.byScore * Math.min(1, Math.max(0, score)))
  );
}

/** How a holding account's mark is drawn: graded by the share of the traced money it holds. */
export interface HoldingMark {
  /** Border width, px: 2 for crumbs up to 12 for all of it. */
  width: number;
  /** Border colour: pale for little, deep red for much. */
  color: string;
  /** Less than `TINY_SHARE` of the traced amount, or under `TINY_MINOR`: hardly worth a freeze. */
  tiny: boolean;
}

/** Below this share of the traced amount a holding is marked as tiny. */
export const TINY_SHARE = 0.005;
/** Below this many minor units (100.00) a holding is marked as tiny whatever its share. */
export const TINY_MINOR = 100_00;

/** Mixes two `#rrggbb` colours: `t` 0 gives `from`, 1 gives `to`. */
function mix(from: string, to: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The mark of an account holding `heldMinor` of `tracedMinor` traced (minor units). */
export function holdingMark(heldMinor: number, tracedMinor: number): HoldingMark {
  const share = tracedMinor > 0 ? Math.min(1, Math.max(0, heldMinor / tracedMinor)) : 0;
  const tiny = share < TINY_SHARE || heldMinor < TINY_MINOR;
  const t = Math.sqrt(share);
  return {
    width: tiny ? 2 : Math.round((3 + 9 * t) * 10) / 10,
    color: tiny ? '#e8a5a5' : mix('#f08080', '#a50f15', t),
    tiny,
  };
}

/** The line under a holding account's name: the money it still holds, crumbs said as such. */
export function heldLine(data: Pick<NodeData, 'heldMinor' | 'currency' | 'heldTiny'>): string {
  if (!data.heldMinor) return '';
  // No-break spaces: the amount, its currency and "held" stay on one line.
  const money = formatMoney(data.heldMinor, data.currency ?? '').replace(/ /g, '\u00a0');
  return data.heldTiny ? `${money}\u00a0held (tiny)` : `${money}\u00a0held`;
}

/**
 * A ring's line in the rings list: its ringleader by name (with the account or number that ties
 * the person to the ring, in short form) and the ring's short id, e.g. `王伟 (ICBC …8841) · R3`.
 */
export function ringTitle(ring: {
  ring: string;
  ringleader: string | null;
  ringleaderName: string | null;
}): string {
  const at = ring.ringleader?.indexOf(':') ?? -1;
  const leader =
    ring.ringleader && at > 0
      ? shortLabel({
          type: ring.ringleader.slice(0, at),
          entityId: ring.ringleader.slice(at + 1),
          label: ring.ringleader.slice(at + 1),
        })
      : null;
  const isPerson = ring.ringleader?.startsWith('Person:') ?? false;
  const who = ring.ringleaderName
    ? isPerson || !leader
      ? ring.ringleaderName
      : `${ring.ringleaderName} (${leader})`
    : (leader ?? 'No ringleader named');
  return `${who} · ${ring.ring}`;
}
