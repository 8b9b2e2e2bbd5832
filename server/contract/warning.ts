/**
 * Early warning: the live intake's receipt, alerts as station officers and the centre see them,
 * the centre's dashboard and the watch list.
 */
import { z } from 'zod';

/** What each rule watches for (`server/warning/rules.ts` says how). */
export const ALERT_RULES = [
  /** A person pays into a watched account. */
  'paying_suspected_mule',
  /** A watched number calls a person: call them before they pay. */
  'being_worked_on',
  /** A person called by watched numbers in the last hours pays someone new to them. */
  'urgent_new_payee',
  /** A new report's money, traced forward, still sits in an account. */
  'traced_money_held',
  /** A bank has not answered a stop-payment request in time. */
  'stop_unanswered',
  /** A hold ends soon: renew it or freeze the account. */
  'hold_ending',
  /** A hold ended without being renewed or frozen: the money may move again. */
  'hold_lapsed',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Most urgent first: the inbox orders by this, then by time. */
export const ALERT_SEVERITIES = ['urgent', 'high', 'prevention'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['new', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What the officer recorded when closing an alert. */
export const ALERT_OUTCOMES = ['warned', 'payment_stopped', 'already_paid', 'false_alarm'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

const entityRef = z.object({ type: z.string(), id: z.string() });
export type EntityRef = z.infer<typeof entityRef>;

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

/** One alert: a subject, the station that must act, plain-word reasons and the evidence ids. */
export const alert = z.object({
  id: z.string(),
  rule: z.enum(ALERT_RULES),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  /** One line for the inbox, e.g. "Victim paying a suspected mule". */
  title: z.string(),
  /** What the alert is about: the person (or, when unknown, the number or account) to act on. */
  subject: entityRef.extend({ label: z.string() }),
  /** The station that must act; null: the centre (no station is known for the subject). */
  station: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  /** Whom to call: the person and their number, where the records name them. */
  contact: z
    .object({
      personId: z.string().nullable(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  /** Money involved: paid, or traced and still held. */
  amount: money.nullable(),
  /** For alerts on a receiving account: the stop-payment Ringtrace proposes. */
  proposedStop: money.extend({ account: z.string() }).nullable(),
  reasons: z.array(z.string()),
  /** The records and identities behind the reasons (transfers, calls, cases, numbers, accounts). */
  evidence: z.array(entityRef),
  /** Record time of the first and the latest event that raised it (ISO 8601, UTC). */
  firstEventAt: z.string(),
  lastEventAt: z.string(),
  /** How many events raised it (merged into this one alert). */
  occurrences: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Not acknowledged in time: sent on to the centre. */
  escalated: z.boolean(),
  escalatedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  outcome: z.enum(ALERT_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Rises with every change to any alert: the server-sent event id a client resumes from. */
  seq: z.number().int(),
});
export type Alert = z.infer<typeof alert>;

/** `GET /api/alerts`: most severe first, then newest. */
export const alertPage = z.object({
  alerts: z.array(alert),
  total: z.number().int(),
  skip: z.number().int(),
  limit: z.number().int(),
});
export type AlertPage = z.infer<typeof alertPage>;

/** `GET /api/alerts/dashboard`: the centre's figures over the last `hours`. */
export const alertDashboard = z.object({
  hours: z.number().int(),
  /** Alerts raised per hour (wall clock, ISO hour start), oldest first, one entry per hour. */
  perHour: z.array(z.object({ hour: z.string(), count: z.number().int() })),
  perStation: z.array(
    z.object({
      /** null: the centre. */
      stationId: z.string().nullable(),
      name: z.string().nullable(),
      count: z.number().int(),
      open: z.number().int(),
    }),
  ),
  outcomes: z.array(z.object({ outcome: z.string(), count: z.number().int() })),
  bySeverity: z.array(z.object({ severity: z.string(), count: z.number().int() })),
  /** Money paid into or held in the subjects of alerts still open, by currency. */
  moneyAtRisk: z.array(money),
});
export type AlertDashboard = z.infer<typeof alertDashboard>;

/** `POST /api/events`: what a batch of live events did. */
export const eventsReceipt = z.object({
  /** The batch as recorded (a Source): the same batch sent again changes nothing. */
  batchId: z.string(),
  received: z.number().int(),
  loaded: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** Each rejected event: its 0-based index in the batch, and why. */
  rejects: z.array(
    z.object({ index: z.number().int(), kind: z.string().nullable(), reason: z.string() }),
  ),
  /** Alerts this batch raised or added to. */
  alerts: z.array(z.object({ id: z.string(), rule: z.enum(ALERT_RULES), severity: z.string() })),
});
export type EventsReceipt = z.infer<typeof eventsReceipt>;

/** Why an identity is on the watch list. */
export const WATCH_REASONS = [
  'ring_member',
  'named_in_report',
  'traced_money',
  'under_stop',
  'tied_to_ring',
] as const;
export type WatchReason = (typeof WATCH_REASONS)[number];

/** `GET /api/watch`: the watch list, by kind, with why each identity is on it. */
export const watchList = z.object({
  /** When the watch state was last rebuilt from the graph (ISO 8601). */
  builtAt: z.string(),
  counts: z.array(z.object({ reason: z.enum(WATCH_REASONS), count: z.number().int() })),
  entries: z.array(
    entityRef.extend({
      reasons: z.array(z.object({ reason: z.enum(WATCH_REASONS), detail: z.string() })),
    }),
  ),
  total: z.number().int(),
  skip: z.number().int(),
  limit: z.number().int(),
});
export type WatchList = z.infer<typeof watchList>;
