/**
 * The facts of an evidence bundle as the writers (PDF, GraphML, CSV, ANX) read them: identities,
 * the records joining them and the links records state, each with its source, and what the bundle
 * was made from. Plain data: the writers are pure functions of it.
 */

/** Where a record came from: the supplying organisation's file and the line or record in it. */
export interface SourceRef {
  /** `ORG:sha256` of the file. */
  readonly sourceId: string;
  readonly organisation: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly line: number | null;
  readonly recordId: string | null;
}

export interface FactNode {
  /** `Type:id`. */
  readonly key: string;
  readonly type: string;
  readonly id: string;
  readonly label: string;
  /** Properties as the graph holds them (partners: without other organisations' provenance). */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly role: string | null;
  readonly score: number | null;
  readonly reasons: readonly string[];
  readonly position: { readonly x: number; readonly y: number } | null;
  /** The record the node itself came from (a reported case). */
  readonly source: SourceRef | null;
}

/** One record joining two identities: a transfer, call, message, sighting or login. */
export interface FactEvent {
  readonly kind: string;
  readonly id: string;
  /** `Type:id` of both ends. */
  readonly from: string;
  readonly to: string;
  /** UTC, ISO-8601. */
  readonly at: string;
  /** The offset the record was written in. */
  readonly offset: string | null;
  readonly amountMinor: number | null;
  readonly currency: string | null;
  readonly durationSeconds: number | null;
  readonly detail: string | null;
  /** Minor units of the traced money this transfer carried (money trails only). */
  readonly tracedMinor: number | null;
  readonly source: SourceRef | null;
}

/** A link a record states between two identities (holds, uses, registered, reported, names). */
export interface FactLink {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly source: SourceRef | null;
}

export interface SourceFile {
  readonly sourceId: string;
  readonly organisation: string;
  readonly kind: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly firstLoadedAt: string | null;
}

/** A money trail: the victim's transfer followed hop by hop (traces only). */
export interface MoneyTrail {
  readonly transferId: string;
  readonly from: string;
  readonly to: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly at: string;
  readonly method: string;
  readonly depth: number;
  readonly windowHours: number;
  readonly truncated: boolean;
  readonly hops: readonly {
    readonly id: string;
    readonly from: string;
    readonly to: string;
    readonly at: string;
    readonly amountMinor: number;
    readonly tracedMinor: number;
    readonly depth: number | null;
  }[];
  readonly holdings: readonly {
    readonly account: string;
    readonly tracedMinor: number;
    readonly depth: number | null;
  }[];
}

/** What the bundle was made from, for the cover and the manifest. */
export interface MadeFrom {
  readonly kind: 'investigation' | 'ring' | 'trace' | 'entities';
  readonly id: string;
  readonly title: string;
  /** The ring analysis run involved, with its parameters. */
  readonly run: {
    readonly id: string;
    readonly engine: string;
    readonly version: string;
    readonly startedBy: string;
    readonly startedAt: string;
    readonly params: Readonly<Record<string, unknown>>;
  } | null;
  /** The ring's own claim (score, typology, reasons). */
  readonly ring: {
    readonly id: string;
    readonly typology: string | null;
    readonly score: number;
    readonly reasons: readonly string[];
  } | null;
  readonly trail: MoneyTrail | null;
}

export interface EvidenceFacts {
  readonly madeFrom: MadeFrom;
  /** `all`, or the partner organisation whose records alone are included. */
  readonly scope: string;
  readonly nodes: readonly FactNode[];
  readonly events: readonly FactEvent[];
  readonly links: readonly FactLink[];
  readonly sources: readonly SourceFile[];
  /** True when more records joined the entities than were read. */
  readonly truncated: boolean;
}

/** Who made the bundle, when, and for which case. */
export interface BundleContext {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: {
    readonly username: string;
    readonly displayName: string;
    readonly role: string;
    readonly organisation: string | null;
  };
  readonly caseNumber: string | null;
  readonly note: string | null;
  readonly ringtraceVersion: string;
}

/** A chart link: the records between two identities of one kind, summed (ANX, the picture). */
export interface ChartLink {
  readonly key: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly totalMinor: number | null;
  readonly currency: string | null;
  readonly tracedMinor: number | null;
  readonly first: string | null;
  readonly last: string | null;
  readonly totalSeconds: number | null;
}

/** Sums the records of each pair and kind into one chart link, and adds the stated links. */
export function chartLinks(facts: Pick<EvidenceFacts, 'events' | 'links'>): ChartLink[] {
  const byKey = new Map<string, ChartLink>();
  for (const event of facts.events) {
    const key = `${event.kind}|${event.from}|${event.to}|${event.currency ?? ''}`;
    const seen = byKey.get(key);
    const amount = event.amountMinor;
    const seconds = event.durationSeconds;
    if (!seen) {
      byKey.set(key, {
        key,
        type: event.kind,
        from: event.from,
        to: event.to,
        count: 1,
        totalMinor: amount,
        currency: event.currency,
        tracedMinor: event.tracedMinor,
        first: event.at,
        last: event.at,
        totalSeconds: seconds,
      });
      continue;
    }
    byKey.set(key, {
      ...seen,
      count: seen.count + 1,
      totalMinor: amount === null ? seen.totalMinor : (seen.totalMinor ?? 0) + amount,
      tracedMinor:
        event.tracedMinor === null ? seen.tracedMinor : (seen.tracedMinor ?? 0) + event.tracedMinor,
      first: seen.first !== null && seen.first < event.at ? seen.first : event.at,
      last: seen.last !== null && seen.last > event.at ? seen.last : event.at,
      totalSeconds: seconds === null ? seen.totalSeconds : (seen.totalSeconds ?? 0) + seconds,
    });
  }
  for (const link of facts.links) {
    const key = `${link.type}|${link.from}|${link.to}|`;
    if (byKey.has(key)) continue;
    byKey.set(key, {
      key,
      type: link.type,
      from: link.from,
      to: link.to,
      count: 1,
      totalMinor: null,
      currency: null,
      tracedMinor: null,
      first: null,
      last: null,
      totalSeconds: null,
    });
  }
  return [...byKey.values()];
}

/** An amount in minor units as `1,234.56 CNY`. */
export function formatMoney(minor: number | null, currency: string | null): string {
  if (minor === null) return '';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents}${currency ? ` ${currency}` : ''}`;
}
