/**
 * The graph model: every node label Ringtrace writes, with its id key, its kind, whether a user can
 * look it up and expand it, and the name it is shown by; every relationship type with its
 * endpoints. The schema (`cypher/schema/`), the services, the analysis, the bulk load and the
 * client's styles take their names from here, and the tables keyed by these types (`Record<NodeLabel,
 * ...>`, `Record<RelType, ...>`) fail to compile when a kind is added here and not there.
 * Plain TypeScript with no imports, so the client bundles it too.
 */

/**
 * What a node stands for: `identity` — a thing a scam uses (a number, an account); `event` — one
 * record a partner sent (a transfer, a call, a victim's report); `provenance` — a loaded file;
 * `analysis` — a run of ring detection and what it found; `app` — Ringtrace's own bookkeeping
 * (users, sessions, the audit trail), never shown as part of the investigation graph.
 */
export type NodeKind = 'identity' | 'event' | 'provenance' | 'analysis' | 'app';

export interface NodeSpec {
  readonly kind: NodeKind;
  /** The property a uniqueness constraint keys the node by. */
  readonly key: string;
  /** Further properties with a uniqueness constraint of their own. */
  readonly alsoUnique?: readonly string[];
  /** Extra labels some of these nodes carry (no constraint of their own). */
  readonly extraLabels?: readonly string[];
  /** Whether a user can look it up by id, expand it and trace from it (and analysis ranks it). */
  readonly lookup: boolean;
  /** Whether it can appear on the workspace canvas (and so needs a style there). */
  readonly canvas: boolean;
  /** What it is called on screen, one and many. */
  readonly name: string;
  readonly plural: string;
}

/**
 * Every node label, in the order lists of them are shown: identities, events, the graph's
 * bookkeeping. Lists derived from it (lookup types, analysis node types) keep this order.
 */
export const NODES = {
  Person: {
    kind: 'identity',
    key: 'id',
    extraLabels: ['Victim'],
    lookup: true,
    canvas: true,
    name: 'Person',
    plural: 'People',
  },
  PhoneNumber: {
    kind: 'identity',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'Phone number',
    plural: 'Phone numbers',
  },
  SIM: {
    kind: 'identity',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'SIM',
    plural: 'SIM cards',
  },
  Device: {
    kind: 'identity',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'Handset',
    plural: 'Handsets',
  },
  BankAccount: {
    kind: 'identity',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'Bank account',
    plural: 'Bank accounts',
  },
  PlatformAccount: {
    kind: 'identity',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'Platform account',
    plural: 'Platform accounts',
  },
  IPAddress: {
    kind: 'identity',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'IP address',
    plural: 'IP addresses',
  },
  Transfer: {
    kind: 'event',
    key: 'id',
    lookup: false,
    canvas: true,
    name: 'Transfer',
    plural: 'Transfers',
  },
  Call: { kind: 'event', key: 'id', lookup: false, canvas: true, name: 'Call', plural: 'Calls' },
  Sighting: {
    kind: 'event',
    key: 'id',
    lookup: false,
    canvas: true,
    name: 'SIM sighting',
    plural: 'SIM sightings',
  },
  Login: { kind: 'event', key: 'id', lookup: false, canvas: true, name: 'Login', plural: 'Logins' },
  Message: {
    kind: 'event',
    key: 'id',
    lookup: false,
    canvas: true,
    name: 'Message',
    plural: 'Messages',
  },
  Case: {
    kind: 'event',
    key: 'id',
    lookup: true,
    canvas: true,
    name: 'Reported case',
    plural: 'Reported cases',
  },
  Station: {
    kind: 'identity',
    key: 'id',
    lookup: false,
    canvas: true,
    name: 'Police station',
    plural: 'Police stations',
  },
  Source: {
    kind: 'provenance',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Source file',
    plural: 'Source files',
  },
  AnalysisRun: {
    kind: 'analysis',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Analysis run',
    plural: 'Analysis runs',
  },
  Ring: { kind: 'analysis', key: 'id', lookup: false, canvas: true, name: 'Ring', plural: 'Rings' },
  IdentityReview: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Same-person review',
    plural: 'Same-person reviews',
  },
  Workspace: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Workspace',
    plural: 'Workspaces',
  },
  User: {
    kind: 'app',
    key: 'username',
    lookup: false,
    canvas: false,
    name: 'User',
    plural: 'Users',
  },
  Session: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Session',
    plural: 'Sessions',
  },
  ApiToken: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'API token',
    plural: 'API tokens',
  },
  AuditEntry: {
    kind: 'app',
    key: 'seq',
    alsoUnique: ['recordId'],
    lookup: false,
    canvas: false,
    name: 'Audit entry',
    plural: 'Audit entries',
  },
  AuditHead: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Audit head',
    plural: 'Audit heads',
  },
  Alert: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Alert',
    plural: 'Alerts',
  },
  AlertCounter: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Alert change counter',
    plural: 'Alert change counters',
  },
  StopRequest: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Stop-payment request',
    plural: 'Stop-payment requests',
  },
  StopCounter: {
    kind: 'app',
    key: 'id',
    lookup: false,
    canvas: false,
    name: 'Stop change counter',
    plural: 'Stop change counters',
  },
} as const satisfies Record<string, NodeSpec>;

export type NodeLabel = keyof typeof NODES;

/** Labels whose spec matches `Where` (e.g. `LabelWhere<{ lookup: true }>`). */
export type LabelWhere<Where> = {
  [L in NodeLabel]: (typeof NODES)[L] extends Where ? L : never;
}[NodeLabel];

/** The kinds of identity a user can look up, expand and trace by id (and analysis ranks). */
export type EntityType = LabelWhere<{ lookup: true }>;
/** Labels that can appear on the workspace canvas; each has a style in the client. */
export type CanvasLabel = LabelWhere<{ canvas: true }>;
/** Identity and event labels: what partners' records make, and what an expansion can reach. */
export type IdentityLabel = LabelWhere<{ kind: 'identity' }>;
export type EventLabel = LabelWhere<{ kind: 'event' }>;
export type InvestigationLabel = IdentityLabel | EventLabel;

export const NODE_LABELS = Object.keys(NODES) as NodeLabel[];

function labelsWhere<L extends NodeLabel>(test: (spec: NodeSpec) => boolean): readonly L[] {
  return NODE_LABELS.filter((label) => test(NODES[label])) as L[];
}

/** Nonempty, so a zod enum can take it. */
function nonEmpty<T>(items: readonly T[]): readonly [T, ...T[]] {
  if (items.length === 0) throw new Error('Ringtrace graph model: an empty list of kinds.');
  return items as readonly [T, ...T[]];
}

export const ENTITY_TYPES = nonEmpty(labelsWhere<EntityType>((spec) => spec.lookup));
export const INVESTIGATION_LABELS = nonEmpty(
  labelsWhere<InvestigationLabel>((spec) => spec.kind === 'identity' || spec.kind === 'event'),
);

/**
 * Events that are one dated partner record each (a transfer, a call, a sighting, a login, a
 * message): the time bar counts them and its range hides them. A case is an event too, but is
 * looked up and kept on its own.
 */
export const RECORD_EVENT_LABELS: readonly EventLabel[] = labelsWhere<EventLabel>(
  (spec) => spec.kind === 'event' && !spec.lookup,
);

export function isRecordEvent(label: string): boolean {
  return (RECORD_EVENT_LABELS as readonly string[]).includes(label);
}

export function isNodeLabel(value: string): value is NodeLabel {
  return Object.hasOwn(NODES, value);
}

export function isEntityType(value: string): value is EntityType {
  return isNodeLabel(value) && NODES[value].lookup;
}

/**
 * What a relationship stands for: `record` — part of one record (a transfer's payer and payee, a
 * victim's report and what it names); `aggregate` — a summary of the events between two
 * identities (`count`, `first`, `last`, rebuilt from the events); `link` — a link between two
 * identities read from a record (who holds an account); `analysis` and `app` as for nodes.
 */
export type RelKind = 'record' | 'aggregate' | 'link' | 'analysis' | 'app';

export interface RelSpec {
  readonly kind: RelKind;
  /** Every (start, end) label pair it joins. */
  readonly ends: readonly (readonly [NodeLabel, NodeLabel])[];
  /** Whether it carries the `sourceId` and `sourceLine` of the record that made it. */
  readonly sourced: boolean;
}

const RING_MEMBERS = ENTITY_TYPES.map((label) => ['Ring', label] as const);

/** Every relationship type, investigation first (in the order lists of them are shown). */
export const RELATIONSHIPS = {
  SENT: { kind: 'record', ends: [['BankAccount', 'Transfer']], sourced: false },
  TO: {
    kind: 'record',
    ends: [
      ['Transfer', 'BankAccount'],
      ['Call', 'PhoneNumber'],
      ['Message', 'PlatformAccount'],
    ],
    sourced: false,
  },
  TRANSFERRED: { kind: 'aggregate', ends: [['BankAccount', 'BankAccount']], sourced: false },
  MADE: { kind: 'record', ends: [['PhoneNumber', 'Call']], sourced: false },
  CALLED: { kind: 'aggregate', ends: [['PhoneNumber', 'PhoneNumber']], sourced: false },
  VIA_SIM: { kind: 'record', ends: [['Call', 'SIM']], sourced: false },
  VIA_DEVICE: { kind: 'record', ends: [['Call', 'Device']], sourced: false },
  SEEN_IN: { kind: 'aggregate', ends: [['SIM', 'Device']], sourced: false },
  HAS_NUMBER: { kind: 'aggregate', ends: [['SIM', 'PhoneNumber']], sourced: false },
  SIGHTED: { kind: 'record', ends: [['SIM', 'Sighting']], sourced: false },
  IN_DEVICE: { kind: 'record', ends: [['Sighting', 'Device']], sourced: false },
  WITH_NUMBER: { kind: 'record', ends: [['Sighting', 'PhoneNumber']], sourced: false },
  HOLDS: { kind: 'link', ends: [['Person', 'BankAccount']], sourced: true },
  REGISTERED_WITH: { kind: 'link', ends: [['PlatformAccount', 'PhoneNumber']], sourced: true },
  REGISTERED_FROM: {
    kind: 'link',
    ends: [
      ['PlatformAccount', 'Device'],
      ['PlatformAccount', 'IPAddress'],
    ],
    sourced: true,
  },
  LOGGED_IN: { kind: 'record', ends: [['PlatformAccount', 'Login']], sourced: false },
  FROM_IP: { kind: 'record', ends: [['Login', 'IPAddress']], sourced: false },
  FROM_DEVICE: { kind: 'record', ends: [['Login', 'Device']], sourced: false },
  USED_IP: { kind: 'aggregate', ends: [['PlatformAccount', 'IPAddress']], sourced: false },
  USED_DEVICE: { kind: 'aggregate', ends: [['PlatformAccount', 'Device']], sourced: false },
  WROTE: { kind: 'record', ends: [['PlatformAccount', 'Message']], sourced: false },
  MESSAGED: {
    kind: 'aggregate',
    ends: [['PlatformAccount', 'PlatformAccount']],
    sourced: false,
  },
  REPORTED: { kind: 'record', ends: [['Person', 'Case']], sourced: true },
  USES_NUMBER: { kind: 'link', ends: [['Person', 'PhoneNumber']], sourced: true },
  REPORTED_AT: { kind: 'record', ends: [['Case', 'Station']], sourced: false },
  NAMES: {
    kind: 'record',
    ends: [
      ['Case', 'PhoneNumber'],
      ['Case', 'BankAccount'],
      ['Case', 'PlatformAccount'],
    ],
    sourced: true,
  },
  FOUND: { kind: 'analysis', ends: [['AnalysisRun', 'Ring']], sourced: false },
  HAS_MEMBER: { kind: 'analysis', ends: RING_MEMBERS, sourced: false },
  ABOUT: {
    kind: 'app',
    ends: [
      ['IdentityReview', 'Person'],
      ['IdentityReview', 'PlatformAccount'],
    ],
    sourced: false,
  },
  OWNED_BY: { kind: 'app', ends: [['Workspace', 'User']], sourced: false },
  SESSION_OF: { kind: 'app', ends: [['Session', 'User']], sourced: false },
  ISSUED_TO: { kind: 'app', ends: [['ApiToken', 'User']], sourced: false },
  STOP_ON: { kind: 'app', ends: [['StopRequest', 'BankAccount']], sourced: false },
  SECURES: { kind: 'app', ends: [['StopRequest', 'Transfer']], sourced: false },
} as const satisfies Record<string, RelSpec>;

export type RelType = keyof typeof RELATIONSHIPS;

/** Relationship types whose spec matches `Where` (e.g. `RelWhere<{ kind: 'aggregate' }>`). */
export type RelWhere<Where> = {
  [R in RelType]: (typeof RELATIONSHIPS)[R] extends Where ? R : never;
}[RelType];

export type AggregateType = RelWhere<{ kind: 'aggregate' }>;

export const REL_TYPES = Object.keys(RELATIONSHIPS) as RelType[];

export function isRelType(value: string): value is RelType {
  return Object.hasOwn(RELATIONSHIPS, value);
}

/** A choice of relationship types, checked against the model: a misspelt one fails to compile. */
export type RelTypeOf<T extends RelType> = T;
