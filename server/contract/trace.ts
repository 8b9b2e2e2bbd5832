/**
 * Money-flow traces as the API answers them. Forward and backward traces are different answers:
 * forward starts at one transfer and ends where the money is held; backward starts at one
 * account and ends where its money came from.
 */
import { z } from 'zod';

export const allocationMethod = z.enum(['proportional', 'fifo']);

/** A transfer as a trace reads it: accounts as `BANK:NUMBER`, amounts in minor units. */
export const flowTransfer = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  amountMinor: z.number(),
  time: z.string(),
});

const traceSettings = {
  method: allocationMethod,
  depth: z.number().int(),
  windowHours: z.number(),
  /** True when the trace read as many transfers as it may: narrow the window. */
  truncated: z.boolean(),
};

/** `GET /api/trace/forward`: where a victim's money went, and where it is still held. */
export const forwardTrace = z.object({
  /** The victim's transfer, or the money put into an account (`deposit:...`). */
  transfer: flowTransfer.extend({ currency: z.string() }),
  ...traceSettings,
  hops: z.array(
    flowTransfer.extend({
      /** Minor units of the traced money this transfer carried. */
      tracedMinor: z.number(),
      /** Hop depth of the receiving account (1 to the trace's depth). */
      depth: z.number().int().nullable(),
    }),
  ),
  /** Accounts still holding traced money: what can be frozen. */
  holdings: z.array(
    z.object({
      account: z.string(),
      tracedMinor: z.number(),
      currency: z.string(),
      depth: z.number().int().nullable(),
    }),
  ),
  /**
   * Traced money that left accounts of the last hop depth within the window: not followed
   * further (trace again from the account, or deeper), and not held there. Most first.
   */
  beyondDepth: z.array(
    z.object({
      account: z.string(),
      tracedMinor: z.number(),
      currency: z.string(),
      /** How many transfers took it on. */
      transfers: z.number().int(),
    }),
  ),
});
export type ForwardTrace = z.infer<typeof forwardTrace>;

export const originReason = z.enum(['not-traced-further', 'held-before-window']);

/** `GET /api/trace/backward`: where the money an account received came from. */
export const backwardTrace = z.object({
  account: z.string(),
  /** When the money was seen in the account (ISO-8601). */
  at: z.string(),
  currency: z.string(),
  ...traceSettings,
  /** Minor units the account received in the window: the money traced back. */
  receivedMinor: z.number(),
  hops: z.array(
    flowTransfer.extend({
      /** Minor units of the traced money this transfer brought. */
      attributedMinor: z.number(),
      /** Hop depth of the paying account (the traced account is 0). */
      depth: z.number().int().nullable(),
    }),
  ),
  /** Where the traced money entered the traced network, most first. */
  origins: z.array(
    z.object({
      account: z.string(),
      attributedMinor: z.number(),
      reason: originReason,
      currency: z.string(),
      depth: z.number().int().nullable(),
    }),
  ),
});
export type BackwardTrace = z.infer<typeof backwardTrace>;
