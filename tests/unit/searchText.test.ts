import { describe, expect, it } from 'vitest';
import { readSearchText } from '../../server/services/search';

describe('reading search text as identifiers', () => {
  it('reads a phone number in E.164 and keeps the text itself', () => {
    const readings = readSearchText('138 0013 8000', 'CN');
    expect(readings.ids).toContain('+8613800138000');
    expect(readings.ids).toContain('138 0013 8000');
    expect(readings.name).toBeNull();
  });

  it('reads IMEIs, bank accounts and platform handles', () => {
    expect(readSearchText('49-015420-323751-8', 'CN').ids).toContain('490154203237518');
    expect(readSearchText('icbc:6222 0202 0000 1111', 'CN').ids).toContain('ICBC:6222020200001111');
    expect(readSearchText('wechat:@li_wei', 'CN').ids).toContain('wechat:li_wei');
    expect(readSearchText('6228480000002222', 'CN').accountNumber).toBe('6228480000002222');
    expect(readSearchText('@li_wei', 'CN').handle).toBe('li_wei');
  });

  it('reads an account written as Ringtrace labels it: bank code, then number', () => {
    for (const text of [
      'BOC 6216613725818139401',
      'BOC6216613725818139401',
      'boc 6216 6137 2581 8139 401',
      'boc6216613725818139401',
    ]) {
      const readings = readSearchText(text, 'CN');
      expect(readings.ids, text).toContain('BOC:6216613725818139401');
      expect(readings.accountNumber, text).toBe('6216613725818139401');
    }
    expect(readSearchText('BANK_2 6216613725', 'CN').ids).toContain('BANK_2:6216613725');
    expect(readSearchText('GB82WEST12345698765432', 'CN').accountNumber).toBe(
      'GB82WEST12345698765432',
    );
  });

  it('searches names only when the text has letters', () => {
    expect(readSearchText('Wang Fang', 'CN').name).toBe('Wang Fang');
    expect(readSearchText('13800138000', 'CN').name).toBeNull();
  });

  it('refuses text too short or too long', () => {
    expect(() => readSearchText(' x ', 'CN')).toThrow(/at least 2/);
    expect(() => readSearchText('y'.repeat(101), 'CN')).toThrow(/100 characters/);
  });
});
