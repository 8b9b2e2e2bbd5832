import { describe, expect, it } from 'vitest';
import { pairKey, scoreSamePerson } from '../../server/analysis/samePerson';

const alice = { type: 'Person', id: 'P1', name: 'Wang Li' };
const handle = { type: 'PlatformAccount', id: 'wechat:wl', name: 'wang li' };

describe('same-person candidates', () => {
  it('scores a number used by both alone higher than one shared by many', () => {
    const alone = scoreSamePerson(alice, { ...handle, name: null }, [
      { type: 'PhoneNumber', id: '+8613800000000', users: 2 },
    ]);
    const crowded = scoreSamePerson(alice, { ...handle, name: null }, [
      { type: 'PhoneNumber', id: '+8613800000000', users: 5 },
    ]);
    expect(alone.score).toBe(0.7);
    expect(crowded.score).toBeLessThan(alone.score);
    expect(crowded.reasons[0]).toMatch(/phone number \+8613800000000 \(shared by 5 identities\)/);
  });

  it('combines independent evidence, the same name included, and says why', () => {
    const candidate = scoreSamePerson(alice, handle, [
      { type: 'Device', id: '356938035643809', users: 2 },
      { type: 'IPAddress', id: '10.0.0.1', users: 2 },
    ]);
    expect(candidate.score).toBeCloseTo(1 - 0.4 * 0.7 * 0.6, 3);
    expect(candidate.reasons).toEqual([
      'Both linked to handset IMEI 356938035643809.',
      'Both linked to internet address 10.0.0.1.',
      'Same name: Wang Li.',
    ]);
  });

  it('keys a pair the same way whatever the order', () => {
    expect(pairKey(alice, handle)).toBe(pairKey(handle, alice));
  });
});
