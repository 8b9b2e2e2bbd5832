/**
 * Writes victims' events on the day they happen: the ring's calls to the victim (and sometimes the
 * victim calling back), the platform messages, and each payment followed by its path through the
 * mule layers, reported to `onPayment` for the ground truth.
 */
import type { ScenarioContext } from '../context';
import type { WrittenTransfer } from '../output/events';
import { imeiOn } from '../population/model';
import type { Rng } from '../../server/lib/random';
import { DAY } from '../time';
import { payAndLayer, type RingLedger } from './flows';
import type { PlannedCall, PlannedMessage, PlannedPayment, VictimPlan } from './victims';

interface DayEvents {
  calls: { plan: VictimPlan; call: PlannedCall }[];
  messages: PlannedMessage[];
  payments: { plan: VictimPlan; payment: PlannedPayment }[];
}

/** Called once per victim payment with every chain of transfers it started. */
export type PaymentListener = (plan: VictimPlan, chains: WrittenTransfer[][]) => void;

/** Victims' events, grouped by the period day they happen on. */
export class VictimSchedule {
  private readonly days: DayEvents[];

  constructor(
    plans: readonly VictimPlan[],
    private readonly context: ScenarioContext,
  ) {
    const { period } = context;
    this.days = Array.from({ length: period.days }, () => ({
      calls: [],
      messages: [],
      payments: [],
    }));
    const dayOf = (time: number) =>
      this.days[
        Math.min(period.days - 1, Math.max(0, Math.floor((time - period.start) / DAY)))
      ] as DayEvents;
    for (const plan of plans) {
      for (const call of plan.calls) dayOf(call.start).calls.push({ plan, call });
      for (const message of plan.messages) dayOf(message.time).messages.push(message);
      for (const payment of plan.payments) dayOf(payment.time).payments.push({ plan, payment });
    }
  }

  /** Writes the victims' events of period day `day`. */
  writeDay(day: number, ledger: RingLedger, rng: Rng, onPayment: PaymentListener): void {
    const { writer } = this.context;
    const events = this.days[day];
    if (!events) return;
    for (const { plan, call } of events.calls) {
      const { line } = call.sim;
      writer.call(
        line,
        plan.victim.line.sim.msisdn,
        call.start,
        call.seconds,
        line.imei,
        line.cell,
      );
      const back = call.start + call.seconds + rng.int(60, 1_800);
      if (rng.chance(0.15) && back < this.context.period.end) {
        const victimLine = plan.victim.line;
        writer.call(
          victimLine,
          line.sim.msisdn,
          back,
          rng.int(0, 300),
          imeiOn(victimLine, day),
          victimLine.cell,
        );
      }
    }
    for (const message of events.messages) {
      writer.message(
        message.from.platform,
        message.from.handle,
        message.to.handle,
        message.time,
        message.kind,
      );
    }
    for (const { plan, payment } of events.payments) {
      onPayment(plan, payAndLayer(this.context, plan.ring, ledger, payment, rng));
    }
  }
}
