/**
 * One day of a ring's own activity, apart from its victims: SIMs activated in the SIM box or
 * burner phone (and seen there again), cold calls to strangers (mostly unanswered or cut short, a
 * few calling back), calls and WeChat messages between members (the ringleader talks to the
 * organisers, the organisers to callers and herders, herders to their mules), herders logging in
 * to the mules' platform accounts from their own handset, and callers to the scam accounts.
 */
import type { ScenarioContext } from '../context';
import { imeiOn, type Line, type Person } from '../population/model';
import type { Rng } from '../../server/lib/random';
import { DAY, dayStart, HOUR, timeOfDay } from '../time';
import { activeSims } from './callers';
import type { Caller, Ring } from './model';

function coldCallSeconds(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.5) return 0;
  if (roll < 0.85) return rng.int(2, 25);
  return Math.round(rng.logNormal(70, 0.6));
}

function callerDay(context: ScenarioContext, caller: Caller, day: number, rng: Rng): void {
  const { writer, population, period } = context;
  const start = dayStart(period, day);
  const active = activeSims(caller, day);
  for (const sim of active) {
    if (sim.fromDay === day || rng.chance(0.4)) {
      writer.sighting(
        sim.line.sim,
        sim.line.imei,
        start + rng.int(6 * HOUR, 9 * HOUR),
        sim.line.cell,
      );
    }
  }
  if (active.length === 0) return;
  const calls = rng.poisson(caller.callsPerDay);
  for (let i = 0; i < calls; i += 1) {
    const { line } = rng.pick(active);
    const callee = population.people[rng.int(0, population.people.length - 1)];
    if (!callee) continue;
    const at = start + timeOfDay(rng, 'scamShift');
    const seconds = coldCallSeconds(rng);
    writer.call(line, callee.line.sim.msisdn, at, seconds, line.imei, line.cell);
    const back = at + seconds + rng.int(300, 2 * HOUR);
    if (seconds > 10 && rng.chance(0.02) && back < start + DAY) {
      writer.call(
        callee.line,
        line.sim.msisdn,
        back,
        rng.int(0, 40),
        imeiOn(callee.line, day),
        callee.line.cell,
      );
    }
  }
}

function memberCall(
  context: ScenarioContext,
  from: Person,
  to: Person | Line,
  day: number,
  rng: Rng,
): void {
  const toLine = 'sim' in to ? to : to.line;
  const at = dayStart(context.period, day) + timeOfDay(rng, 'social');
  const seconds = rng.chance(0.1) ? 0 : Math.round(rng.logNormal(150, 0.7));
  context.writer.call(
    from.line,
    toLine.sim.msisdn,
    at,
    seconds,
    imeiOn(from.line, day),
    from.line.cell,
  );
}

function coordination(context: ScenarioContext, ring: Ring, day: number, rng: Rng): void {
  const { writer, period } = context;
  const callers = ring.callers.map((caller) => caller.person);
  for (const organiser of ring.organisers) {
    if (rng.chance(0.35)) {
      if (rng.chance(0.5)) memberCall(context, ring.leader, organiser, day, rng);
      else memberCall(context, organiser, ring.leader, day, rng);
    }
    for (const other of [...callers, ...ring.herders]) {
      if (rng.chance(0.2)) memberCall(context, organiser, other, day, rng);
    }
  }
  for (const herder of ring.herders) {
    if (rng.chance(0.15)) memberCall(context, ring.leader, herder, day, rng);
  }
  for (const mule of ring.layers.flat()) {
    if (rng.chance(0.04)) memberCall(context, mule.controller, mule.holder, day, rng);
  }
  const members = [ring.leader, ...ring.organisers, ...callers, ...ring.herders];
  const messages = rng.poisson(members.length * 0.8);
  for (let i = 0; i < messages; i += 1) {
    const from = rng.pick(members).handles.wechat;
    const to = rng.pick(members).handles.wechat;
    if (!from || !to || from === to) continue;
    const at = dayStart(period, day) + timeOfDay(rng, 'social');
    writer.message(
      'wechat',
      from.handle,
      to.handle,
      at,
      rng.weighted([
        ['text', 6],
        ['voice', 3],
        ['image', 1],
      ]),
    );
  }
}

function logins(context: ScenarioContext, ring: Ring, day: number, rng: Rng): void {
  const { writer, period } = context;
  const start = dayStart(period, day);
  for (const mule of ring.layers.flat()) {
    if (mule.platformAccount && rng.chance(0.3)) {
      writer.login(
        mule.platformAccount,
        start + timeOfDay(rng, 'business'),
        mule.controllerIp,
        mule.controllerImei,
      );
    }
  }
  for (const { account } of ring.scamHandles) {
    if (rng.chance(0.6)) {
      writer.login(
        account,
        start + timeOfDay(rng, 'scamShift'),
        ring.baseIp,
        account.registrationImei,
      );
    }
  }
}

/** Writes ring `ring`'s own activity of period day `day`. */
export function writeRingActivity(
  context: ScenarioContext,
  ring: Ring,
  day: number,
  rng: Rng,
): void {
  for (const caller of ring.callers) callerDay(context, caller, day, rng);
  coordination(context, ring, day, rng);
  logins(context, ring, day, rng);
}
