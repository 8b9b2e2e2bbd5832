/**
 * People's names (Chinese characters with their pinyin, for handles) and identity numbers:
 * 18-character resident identity numbers (area, birth date, sequence with the sex in its parity,
 * ISO 7064 MOD 11-2 check character) and unified social credit codes for companies.
 */
import type { Rng } from '../../server/lib/random';
import { scrambleDigits } from './digits';

/** Common surnames, most frequent first, with pinyin. */
const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 72],
  ['李', 'li', 70],
  ['张', 'zhang', 66],
  ['刘', 'liu', 53],
  ['陈', 'chen', 45],
  ['杨', 'yang', 32],
  ['黄', 'huang', 24],
  ['赵', 'zhao', 21],
  ['吴', 'wu', 20],
  ['周', 'zhou', 20],
  ['徐', 'xu', 14],
  ['孙', 'sun', 14],
  ['马', 'ma', 13],
  ['朱', 'zhu', 12],
  ['胡', 'hu', 11],
  ['郭', 'guo', 11],
  ['何', 'he', 9],
  ['林', 'lin', 9],
  ['罗', 'luo', 9],
  ['高', 'gao', 9],
  ['郑', 'zheng', 8],
  ['梁', 'liang', 7],
  ['谢', 'xie', 7],
  ['宋', 'song', 6],
  ['唐', 'tang', 6],
  ['许', 'xu', 6],
  ['韩', 'han', 5],
  ['冯', 'feng', 5],
  ['邓', 'deng', 5],
  ['曹', 'cao', 5],
  ['彭', 'peng', 5],
  ['曾', 'zeng', 4],
  ['沈', 'shen', 4],
  ['叶', 'ye', 3],
];

const WEIGHTED_SURNAMES = SURNAMES.map(
  ([characters, pinyin, weight]) => [[characters, pinyin] as const, weight] as const,
);

/** Characters common in given names, with pinyin. */
const GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['英', 'ying'],
  ['华', 'hua'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['文', 'wen'],
  ['辉', 'hui'],
  ['玲', 'ling'],
  ['鹏', 'peng'],
  ['宇', 'yu'],
  ['浩', 'hao'],
  ['婷', 'ting'],
  ['雪', 'xue'],
  ['欣', 'xin'],
  ['佳', 'jia'],
  ['子', 'zi'],
  ['晨', 'chen'],
  ['思', 'si'],
  ['梓', 'zi'],
  ['涵', 'han'],
  ['轩', 'xuan'],
  ['博', 'bo'],
  ['雨', 'yu'],
  ['萱', 'xuan'],
  ['一', 'yi'],
  ['诺', 'nuo'],
  ['海', 'hai'],
  ['红', 'hong'],
  ['春', 'chun'],
];

/** A person's name in characters and in pinyin (`wang_jing`, `li_zixuan`). */
export interface PersonName {
  name: string;
  pinyin: string;
}

/** A random name: a weighted surname and one or two given-name characters. */
export function randomName(rng: Rng): PersonName {
  const [surname, surnamePinyin] = rng.weighted(WEIGHTED_SURNAMES);
  const first = rng.pick(GIVEN);
  const given = rng.chance(0.7) ? [first, rng.pick(GIVEN)] : [first];
  return {
    name: surname + given.map(([characters]) => characters).join(''),
    pinyin: `${surnamePinyin}_${given.map(([, pinyin]) => pinyin).join('')}`,
  };
}

/** Administrative area codes: Shanghai's districts, and home provinces of people who moved here. */
const AREAS: readonly (readonly [string, number])[] = [
  ['310101', 6],
  ['310104', 8],
  ['310105', 5],
  ['310106', 7],
  ['310107', 7],
  ['310109', 6],
  ['310110', 8],
  ['310112', 10],
  ['310113', 8],
  ['310115', 20],
  ['310114', 6],
  ['310117', 6],
  ['320102', 3],
  ['330106', 3],
  ['340104', 4],
  ['410105', 4],
  ['420106', 3],
  ['430105', 3],
  ['510107', 3],
  ['360103', 2],
  ['350102', 2],
  ['370102', 2],
  ['130104', 2],
  ['500103', 2],
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 characters of a resident identity number. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '0';
}

/** Issues resident identity numbers, never the same one twice. */
export class ResidentIdIssuer {
  private readonly issued = new Set<string>();

  /** A number for someone born on `birth` (`YYYYMMDD`), female or not. */
  issue(rng: Rng, birth: string, female: boolean): string {
    for (;;) {
      const area = rng.weighted(AREAS);
      const sequence = rng.int(0, 499) * 2 + (female ? 0 : 1);
      const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
      const id = first17 + residentIdCheck(first17);
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A company's 18-character unified social credit code (GB 32100-2015), unique per `counter`. */
export function creditCode(counter: number, key: number): string {
  const first17 = `913101${scrambleDigits(counter, 11, key)}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += USCC_CHARS.indexOf(first17[i] ?? '0') * (USCC_WEIGHTS[i] ?? 0);
  }
  return first17 + (USCC_CHARS[(31 - (sum % 31)) % 31] ?? '0');
}
