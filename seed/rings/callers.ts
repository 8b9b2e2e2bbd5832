/**
 * Callers' kits. A SIM box is one gateway (one IMEI) holding several SIMs at once and swapping
 * each for a fresh one every few days, all in one cell; a burner caller uses one cheap handset at
 * a time, each with a few SIMs in turn, moving between cells.
 */
import type { ScenarioContext } from '../context';
import { cellId } from '../ids/places';
import { lineInHandset } from '../population/make';
import type { Person } from '../population/model';
import type { Rng } from '../../server/lib/random';
import type { Caller, CallerSim } from './model';

function simBox(context: ScenarioContext, person: Person, rng: Rng): Caller {
  const { issuers, period, population } = context;
  const imei = issuers.imeis.issue(rng, 'gateway');
  const cell = cellId(rng.int(0, population.cellCount - 1));
  const sims: CallerSim[] = [];
  const slots = rng.int(4, 8);
  for (let slot = 0; slot < slots; slot += 1) {
    for (let day = 0; day < period.days;) {
      const toDay = Math.min(period.days, day + rng.int(3, 9));
      sims.push({ line: lineInHandset(rng, issuers, imei, cell), fromDay: day, toDay });
      day = toDay;
    }
  }
  return {
    person,
    kind: 'sim_box',
    devices: [imei],
    sims,
    callsPerDay: context.options.simBoxCallsPerDay,
  };
}

function burnerPhones(context: ScenarioContext, person: Person, rng: Rng): Caller {
  const { issuers, period, population } = context;
  const handsets = rng.int(1, 3);
  const devices: string[] = [];
  const sims: CallerSim[] = [];
  for (let h = 0; h < handsets; h += 1) {
    const imei = issuers.imeis.issue(rng, 'burner');
    devices.push(imei);
    const cell = cellId(rng.int(0, population.cellCount - 1));
    const fromDay = Math.floor((period.days * h) / handsets);
    const untilDay = Math.floor((period.days * (h + 1)) / handsets);
    for (let day = fromDay; day < untilDay;) {
      const toDay = Math.min(untilDay, day + rng.int(2, 7));
      sims.push({ line: lineInHandset(rng, issuers, imei, cell), fromDay: day, toDay });
      day = toDay;
    }
  }
  return {
    person,
    kind: 'burner',
    devices,
    sims,
    callsPerDay: context.options.burnerCallsPerDay,
  };
}

/** A caller's kit: a SIM box or burner phones. */
export function buildCaller(
  context: ScenarioContext,
  person: Person,
  kind: Caller['kind'],
  rng: Rng,
): Caller {
  return kind === 'sim_box' ? simBox(context, person, rng) : burnerPhones(context, person, rng);
}

/** The SIMs a caller has in use on period day `day`. */
export function activeSims(caller: Caller, day: number): CallerSim[] {
  return caller.sims.filter((sim) => sim.fromDay <= day && day < sim.toDay);
}

/** A SIM the caller uses on `day` (the earliest one if none is active, which cannot happen). */
export function simOn(caller: Caller, day: number, rng: Rng): CallerSim {
  const active = activeSims(caller, day);
  return active.length > 0 ? rng.pick(active) : (caller.sims[0] as CallerSim);
}
