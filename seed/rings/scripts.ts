/**
 * How each scam script plays out: how the victim is contacted (calls, platform messages), how long
 * the calls last, how many payments over how many days, how large, through which channel, and the
 * reference the victim is told to write.
 */
import type { Platform } from '../ids/platforms';
import type { Channel, MessageKind } from '../output/events';
import type { ScamScript } from './model';

export interface ScriptPlan {
  /** Calls from the ring before the first payment. */
  calls: readonly [number, number];
  /** Median call length in seconds (log-normal, sd 0.5). */
  callSeconds: number;
  /** Days from first contact to first payment. */
  leadDays: readonly [number, number];
  /** Number of payments. */
  payments: readonly [number, number];
  /** Hours between payments. */
  paymentGapHours: readonly [number, number];
  /** Median payment in yuan (log-normal, sd 0.7), and bounds. */
  amountYuan: { median: number; min: number; max: number };
  /** Later payments grow by this factor (investment scams ask for more and more). */
  growth: number;
  /** Platforms the ring writes to victims on, empty when it only calls. */
  platforms: readonly Platform[];
  messageKinds: readonly MessageKind[];
  channels: readonly (readonly [Channel, number])[];
  references: readonly string[];
}

export const SCRIPT_PLANS: Record<ScamScript, ScriptPlan> = {
  fake_police: {
    calls: [1, 3],
    callSeconds: 2_100,
    leadDays: [0, 0],
    payments: [1, 4],
    paymentGapHours: [0.2, 2],
    amountYuan: { median: 60_000, min: 5_000, max: 500_000 },
    growth: 1,
    platforms: ['qq'],
    messageKinds: ['link', 'image', 'text'],
    channels: [
      ['mobile', 6],
      ['counter', 3],
      ['online', 2],
    ],
    references: ['资金核查', '安全账户', ''],
  },
  safety_deposit: {
    calls: [2, 4],
    callSeconds: 900,
    leadDays: [0, 2],
    payments: [2, 5],
    paymentGapHours: [2, 30],
    amountYuan: { median: 20_000, min: 2_000, max: 200_000 },
    growth: 1.2,
    platforms: ['wechat'],
    messageKinds: ['text', 'image', 'payment_request'],
    channels: [
      ['mobile', 7],
      ['online', 2],
      ['counter', 1],
    ],
    references: ['保证金', '验资', ''],
  },
  shopping_refund: {
    calls: [1, 2],
    callSeconds: 420,
    leadDays: [0, 0],
    payments: [1, 3],
    paymentGapHours: [0.1, 1],
    amountYuan: { median: 3_000, min: 200, max: 50_000 },
    growth: 1.5,
    platforms: ['taobao', 'qq'],
    messageKinds: ['link', 'text', 'payment_request'],
    channels: [
      ['mobile', 8],
      ['third_party', 2],
    ],
    references: ['退款', '理赔', '解冻'],
  },
  investment: {
    calls: [1, 3],
    callSeconds: 600,
    leadDays: [2, 6],
    payments: [2, 6],
    paymentGapHours: [12, 72],
    amountYuan: { median: 25_000, min: 1_000, max: 800_000 },
    growth: 1.6,
    platforms: ['wechat', 'douyin'],
    messageKinds: ['text', 'link', 'image', 'voice'],
    channels: [
      ['mobile', 6],
      ['online', 4],
    ],
    references: ['投资', '充值', '入金', ''],
  },
  game_coupon: {
    calls: [1, 2],
    callSeconds: 300,
    leadDays: [0, 1],
    payments: [2, 6],
    paymentGapHours: [0.1, 3],
    amountYuan: { median: 800, min: 50, max: 20_000 },
    growth: 1.3,
    platforms: ['qq', 'douyin'],
    messageKinds: ['text', 'link', 'payment_request'],
    channels: [
      ['mobile', 5],
      ['third_party', 5],
    ],
    references: ['游戏充值', '解冻', '点券', ''],
  },
};
