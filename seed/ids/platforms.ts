/**
 * Social and shopping platforms and their account handles (`[a-z0-9_]`): WeChat ids, QQ numbers,
 * Douyin ids, Taobao and Alipay nicknames. Each handle ends in a fixed-width token from a running
 * counter per platform, so handles never collide.
 */
import type { Rng } from '../../server/lib/random';
import { scrambleDigits, seriesKey } from './digits';

export const PLATFORMS = ['wechat', 'alipay', 'douyin', 'taobao', 'qq'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** `platform:handle`, the form handles are named in reports and in the ground truth. */
export function handleKey(platform: Platform, handle: string): string {
  return `${platform}:${handle}`;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function base36Token(digits: string, rng: Rng, length: number): string {
  let token = '';
  for (let i = 0; i < length; i += 1) token += BASE36[rng.int(10, 35)];
  return token + digits;
}

/** Issues handles, unique per platform. */
export class HandleIssuer {
  private readonly issued = new Map<Platform, number>();
  private readonly key: number;

  constructor(rng: Rng) {
    this.key = rng.nextUint32();
  }

  /** A new handle on `platform`, often built from the owner's pinyin name (`li_wei`). */
  issue(rng: Rng, platform: Platform, pinyin: string): string {
    const counter = this.issued.get(platform) ?? 0;
    this.issued.set(platform, counter + 1);
    const token = scrambleDigits(counter, 7, seriesKey(this.key, platform));
    const compact = pinyin.replaceAll('_', '');
    switch (platform) {
      case 'wechat':
        return rng.chance(0.5) ? `wxid_${base36Token(token, rng, 5)}` : `${pinyin}_${token}`;
      case 'qq':
        return `${rng.int(1, 3)}${token}${rng.int(0, 9)}`;
      case 'douyin':
        return rng.chance(0.6) ? `dy${token}` : `${compact}${token}`;
      case 'taobao':
        return rng.chance(0.5) ? `tb_${compact}_${token}` : `${compact}${token}`;
      case 'alipay':
        return `${compact}_${token}`;
    }
  }
}
