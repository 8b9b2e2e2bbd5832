/**
 * Builds the scam rings: for each, a script, a ringleader, organisers, callers with SIM boxes or
 * burner phones, mule herders, the mule layers and cash-out accounts, the ringleader's
 * consolidation account and the platform accounts used to contact victims. Members come from the
 * background population, so they also have families, jobs and ordinary calls.
 */
import type { ScenarioContext } from '../context';
import { pickBank } from '../ids/banks';
import type { Platform } from '../ids/platforms';
import { newPersonalAccount, newPlatformAccount } from '../population/make';
import type { Person } from '../population/model';
import { ageOf, daysBefore } from '../population/people';
import type { Rng } from '../../server/lib/random';
import { buildCaller } from './callers';
import { SCRIPTS, type MuleAccount, type Ring, type ScamScript } from './model';
import { buildLayers, layerSizes, recruitMule, type MuleRecruiting } from './mules';
import type { PersonPicker } from './picker';
import { SCRIPT_PLANS } from './scripts';

/** What scam accounts call themselves, and the pinyin their handles are built from. */
const SCAM_PERSONAS: Record<ScamScript, readonly [string, string]> = {
  fake_police: ['上海市公安局民警', 'jingguan'],
  safety_deposit: ['资金安全专员', 'anquan_zhuanyuan'],
  shopping_refund: ['淘宝售后客服', 'kefu'],
  investment: ['金牌投资导师', 'touzi_laoshi'],
  game_coupon: ['游戏福利官', 'fuliguan'],
};

function agedBetween(context: ScenarioContext, min: number, max: number) {
  return (person: Person) => {
    const age = ageOf(person, context.period);
    return age >= min && age <= max;
  };
}

/** Gives a member a WeChat account if they have none: rings coordinate on WeChat. */
function ensureWechat(context: ScenarioContext, person: Person, rng: Rng): void {
  if (person.handles.wechat) return;
  person.handles.wechat = newPlatformAccount(rng, context.issuers, 'wechat', person.pinyin, {
    displayName: person.name,
    phone: person.line.sim.msisdn,
    at: daysBefore(rng, context.period, 100, 2000),
    ip: person.homeIp,
    imei: person.line.imei,
  });
}

function scamHandles(
  context: ScenarioContext,
  ring: Omit<Ring, 'scamHandles'>,
  rng: Rng,
): Ring['scamHandles'] {
  const plan = SCRIPT_PLANS[ring.script];
  const [displayName, pinyin] = SCAM_PERSONAS[ring.script];
  const count = plan.platforms.length === 0 ? 0 : rng.int(2, 3);
  return Array.from({ length: count }, (_, i) => {
    const caller = rng.pick(ring.callers);
    const sim = caller.sims[0];
    const platform = plan.platforms[i % plan.platforms.length] as Platform;
    const account = newPlatformAccount(rng, context.issuers, platform, pinyin, {
      displayName,
      phone: sim ? sim.line.sim.msisdn : '',
      at: daysBefore(rng, context.period, 2, 30),
      ip: ring.baseIp,
      imei: caller.devices[0] ?? caller.person.line.imei,
    });
    return { account, operator: caller.person };
  });
}

function buildRing(
  context: ScenarioContext,
  index: number,
  script: ScamScript,
  victims: number,
  recruiting: MuleRecruiting,
  pool: readonly MuleAccount[],
): Ring {
  const { picker, rng } = recruiting;
  const { options, issuers, period } = context;
  const member = () => picker.pick(rng, agedBetween(context, 22, 55));
  const leader = picker.pick(rng, agedBetween(context, 30, 55));
  const organisers = Array.from({ length: rng.int(1, 2) }, member);
  const callerCount = rng.int(2, 4);
  const callers = Array.from({ length: callerCount }, (_, i) =>
    buildCaller(context, member(), i === 0 || rng.chance(0.4) ? 'sim_box' : 'burner', rng),
  );
  const herders = Array.from({ length: rng.int(1, 2) }, member);
  for (const person of [leader, ...organisers, ...callers.map((c) => c.person), ...herders]) {
    ensureWechat(context, person, rng);
  }
  const baseIp = issuers.addresses.broadband();
  const layers = buildLayers(
    recruiting,
    layerSizes(rng, victims),
    herders,
    baseIp,
    pool,
    options.sharedMuleRate,
    index === 1,
  );
  const cashOut = Array.from({ length: rng.int(1, 3) }, () =>
    recruitMule(recruiting, rng.pick(organisers), baseIp, false),
  );
  const consolidation = newPersonalAccount(
    rng,
    issuers,
    pickBank(rng),
    leader,
    daysBefore(rng, period, 100, 700),
  );
  const ring = {
    id: `R${index + 1}`,
    script,
    leader,
    organisers,
    callers,
    herders,
    layers,
    cashOut,
    consolidation,
    baseIp,
  };
  return { ...ring, scamHandles: scamHandles(context, ring, rng) };
}

/** The scam rings of a scenario, and how many victims each will have. */
export function buildRings(
  context: ScenarioContext,
  picker: PersonPicker,
  rng: Rng,
): { rings: Ring[]; victimCounts: number[] } {
  const { options } = context;
  const scripts = rng.shuffle([...SCRIPTS]);
  const rings: Ring[] = [];
  const victimCounts: number[] = [];
  const recruiting: MuleRecruiting = { context, picker, rng };
  for (let index = 0; index < options.rings; index += 1) {
    const victims = rng.int(options.victimsPerRing.min, options.victimsPerRing.max);
    const pool = [...new Set(rings.flatMap((ring) => ring.layers.flat()))];
    const script = scripts[index % scripts.length] as ScamScript;
    rings.push(buildRing(context, index, script, victims, recruiting, pool));
    victimCounts.push(victims);
  }
  return { rings, victimCounts };
}
