/**
 * The rejected rows of a load counted by their reason: the values a row held are left out, so
 * that the rows rejected for one cause count together, and a resumed load counts the rows the
 * interrupted one wrote, read back from the rejects file's CSV (quotes and commas included).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectsFile, reasonKind } from '../../server/ingest/loader';

function rejectsFile(): RejectsFile {
  return new RejectsFile(path.join(mkdtempSync(path.join(os.tmpdir(), 'rejects-')), 'r.csv'));
}

describe('rejected rows counted by reason', () => {
  it('counts the rows of each cause together, the most common first', async () => {
    const file = rejectsFile();
    file.write(2, 'account number "-2" starts with a minus', '-2,1,100');
    file.write(3, 'amount "1e99" is too large', '1,2,"1e99"');
    file.write(4, 'account number "-1" starts with a minus', '1,-1,5');
    file.write(5, 'account number "-" starts with a minus', '"-",1,"a, ""b"""');
    await file.close();
    expect(file.reasons()).toEqual([
      { reason: 'account number "…" starts with a minus', rows: 3 },
      { reason: 'amount "…" is too large', rows: 1 },
    ]);
  });

  it('keeps the most common causes and counts the rest together', async () => {
    const file = rejectsFile();
    for (let k = 0; k < 5; k += 1) {
      for (let row = 0; row <= k; row += 1) file.write(10 * k + row, `cause ${k}`, 'x');
    }
    await file.close();
    expect(file.reasons(2)).toEqual([
      { reason: 'cause 4', rows: 5 },
      { reason: 'cause 3', rows: 4 },
      { reason: 'other reasons', rows: 3 + 2 + 1 },
    ]);
  });

  it('counts the rows an interrupted load wrote, when it resumes', async () => {
    const first = rejectsFile();
    first.write(2, 'account number "-2" starts with a minus, "a, b"', '"-2",1,"a, ""b"""');
    first.write(3, 'amount "1e99" is too large', '1,2,"1e99 across\ntwo lines"');
    first.write(9, 'amount "-5" is negative', '1,2,-5');
    await first.close();
    // Resumed after line 4: the rows up to it stay (a raw row may hold a line break), later
    // ones will be read again.
    const resumed = new RejectsFile(first.path);
    resumed.keepUpTo(4);
    resumed.write(7, 'amount "x" is not a number', '1,2,x');
    await resumed.close();
    expect(resumed.reasons()).toEqual([
      { reason: 'account number "…" starts with a minus, "…"', rows: 1 },
      { reason: 'amount "…" is not a number', rows: 1 },
      { reason: 'amount "…" is too large', rows: 1 },
    ]);
  });

  it('says nothing where no row was rejected', () => {
    expect(rejectsFile().reasons()).toEqual([]);
  });

  it('leaves out every quoted value of a reason', () => {
    expect(reasonKind('caller "123456789" has 9 digits, more than the 8 "x" pads')).toBe(
      'caller "…" has 9 digits, more than the 8 "…" pads',
    );
  });
});
