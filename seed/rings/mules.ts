/**
 * Mule accounts of a ring: 2 to 5 layers, the first (paid by victims) widest. Each account is
 * freshly opened in the name of a recruited young person, and its platform account is opened from
 * the herder's handset and address, which is how herders give themselves away. Some slots are
 * filled with mules already working for another ring. Cash-out accounts close the chain.
 */
import type { ScenarioContext } from '../context';
import { pickBank } from '../ids/banks';
import { newPersonalAccount, newPlatformAccount } from '../population/make';
import type { Person } from '../population/model';
import { ageOf, daysBefore } from '../population/people';
import type { Rng } from '../../server/lib/random';
import type { MuleAccount } from './model';
import type { PersonPicker } from './picker';

export interface MuleRecruiting {
  context: ScenarioContext;
  picker: PersonPicker;
  rng: Rng;
}

function isYoungAdult(context: ScenarioContext) {
  return (person: Person) => {
    const age = ageOf(person, context.period);
    return age >= 18 && age <= 35;
  };
}

/** A new mule account in a recruit's name, controlled by `controller` working from `ip`. */
export function recruitMule(
  { context, picker, rng }: MuleRecruiting,
  controller: Person,
  ip: string,
  withPlatformAccount: boolean,
): MuleAccount {
  const { issuers, period } = context;
  const holder = picker.pick(rng, isYoungAdult(context));
  const openedAt = daysBefore(rng, period, 3, 60);
  const account = newPersonalAccount(rng, issuers, pickBank(rng), holder, openedAt);
  const platformAccount = withPlatformAccount
    ? newPlatformAccount(rng, issuers, rng.chance(0.7) ? 'alipay' : 'wechat', holder.pinyin, {
        displayName: holder.name,
        phone: holder.line.sim.msisdn,
        at: openedAt + rng.int(600, 86_400),
        ip,
        imei: controller.line.imei,
      })
    : null;
  return {
    account,
    holder,
    controller,
    platformAccount,
    controllerImei: controller.line.imei,
    controllerIp: ip,
  };
}

/** Number of accounts in each of a ring's mule layers, first layer first. */
export function layerSizes(rng: Rng, victims: number): number[] {
  const layers = rng.int(2, 5);
  const sizes = [Math.min(8, Math.max(3, Math.ceil(victims / 4)))];
  for (let layer = 1; layer < layers; layer += 1) sizes.push(rng.int(2, 4));
  return sizes;
}

/**
 * Mule layers of one ring. Each slot is, with chance `sharedRate`, a mule already used by an
 * earlier ring (`pool`), and a new recruit otherwise; `forceShared` guarantees one shared slot.
 */
export function buildLayers(
  recruiting: MuleRecruiting,
  sizes: readonly number[],
  herders: readonly Person[],
  ip: string,
  pool: readonly MuleAccount[],
  sharedRate: number,
  forceShared: boolean,
): MuleAccount[][] {
  const { rng } = recruiting;
  const used = new Set<MuleAccount>();
  let slot = 0;
  const sharedSlot = forceShared ? rng.int(0, sizes.reduce((a, b) => a + b, 0) - 1) : -1;
  return sizes.map((size) =>
    Array.from({ length: size }, () => {
      const candidates = pool.filter((mule) => !used.has(mule));
      const share = candidates.length > 0 && (slot === sharedSlot || rng.chance(sharedRate));
      slot += 1;
      const herder = herders[slot % herders.length] as Person;
      const mule = share ? rng.pick(candidates) : recruitMule(recruiting, herder, ip, true);
      used.add(mule);
      return mule;
    }),
  );
}
