/**
 * Where things happen: public IPv4 addresses (home broadband lines, one per household, and the
 * shared carrier-grade NAT addresses of mobile data), serving cells, and the police stations that
 * take reports.
 */
import type { Rng } from '../../server/lib/random';
import { permuteBelow } from './digits';

/** Broadband and mobile-data blocks of Shanghai's carriers (first two octets and a /16 count). */
const BROADBAND_BLOCKS: readonly (readonly [number, number, number])[] = [
  [101, 80, 16],
  [116, 224, 16],
  [180, 160, 8],
  [114, 80, 16],
  [58, 32, 8],
];
/** Broadband addresses handed out (fewer than the blocks hold): one per household. */
const BROADBAND_ADDRESSES = 1_000_000;
const MOBILE_BLOCKS: readonly (readonly [number, number, number])[] = [
  [223, 104, 4],
  [117, 136, 8],
  [112, 64, 8],
];

function addressInBlocks(blocks: readonly (readonly [number, number, number])[], index: number) {
  const hostsPerBlock = (count: number) => count * 65_536 - 2;
  let rest = index;
  for (const [first, second, count] of blocks) {
    if (rest < hostsPerBlock(count)) {
      const host = rest + 1;
      const third = Math.floor(host / 256);
      return `${first}.${second + Math.floor(third / 256)}.${third % 256}.${host % 256}`;
    }
    rest -= hostsPerBlock(count);
  }
  throw new Error('seed/ids: out of IPv4 addresses');
}

/** Issues addresses: distinct broadband addresses, and a pool of shared mobile ones. */
export class AddressIssuer {
  private broadbandIssued = 0;
  private readonly key: number;
  private readonly mobilePool: string[];

  /** @param mobilePoolSize how many NAT addresses mobile users share */
  constructor(rng: Rng, mobilePoolSize: number) {
    this.key = rng.nextUint32();
    const start = rng.int(0, 200_000);
    this.mobilePool = Array.from({ length: Math.max(1, mobilePoolSize) }, (_, i) =>
      addressInBlocks(MOBILE_BLOCKS, start + i * 37),
    );
  }

  /** A home broadband address nobody else has. */
  broadband(): string {
    const index = permuteBelow(this.broadbandIssued, BROADBAND_ADDRESSES, this.key);
    this.broadbandIssued += 1;
    return addressInBlocks(BROADBAND_BLOCKS, index);
  }

  /** One of the shared mobile-data addresses. */
  mobile(rng: Rng): string {
    return rng.pick(this.mobilePool);
  }
}

/** Serving cell `LAC-CI` number `index` (cells are numbered 0..n-1 across the city). */
export function cellId(index: number): string {
  const lac = 6000 + Math.floor(index / 200);
  const ci = 10_000 + ((index * 7919) % 50_000);
  return `${lac}-${ci}`;
}

/** A police station that takes reports. */
export interface Station {
  id: string;
  name: string;
}

const STATION_PLACES: readonly (readonly [string, string, string])[] = [
  ['310101', '黄浦', '南京东路'],
  ['310101', '黄浦', '外滩'],
  ['310104', '徐汇', '天平路'],
  ['310104', '徐汇', '田林'],
  ['310105', '长宁', '新华路'],
  ['310106', '静安', '曹家渡'],
  ['310107', '普陀', '长寿路'],
  ['310109', '虹口', '四川北路'],
  ['310110', '杨浦', '五角场'],
  ['310112', '闵行', '莘庄'],
  ['310112', '闵行', '七宝'],
  ['310113', '宝山', '大场'],
  ['310115', '浦东', '陆家嘴'],
  ['310115', '浦东', '张江'],
  ['310115', '浦东', '川沙'],
  ['310117', '松江', '泗泾'],
];

/** The first `count` stations (at most 16), with 12-digit ids and names like 徐汇公安分局天平路派出所. */
export function stations(count: number): Station[] {
  return STATION_PLACES.slice(0, Math.max(1, Math.min(count, STATION_PLACES.length))).map(
    ([area, district, place], i) => ({
      id: `${area}${String(i + 1).padStart(6, '0')}`,
      name: `${district}公安分局${place}派出所`,
    }),
  );
}
