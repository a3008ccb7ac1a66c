import { describe, expect, it } from 'vitest';
import { compressClaim } from '../../src/claims/compress.ts';

describe('the period that ends a bullet', () => {
  it('is one period after an abbreviation the cut ends on', () => {
    // Seen on the dev set as a key point: "... bringing the Hit & Run Tour to the U.S.." (two periods).
    const sentence = "Following last year's successful U.K. tour, Prince and 3rdEyeGirl are bringing the Hit & Run Tour to the U.S. for the first time.";
    const bullet = compressClaim(sentence, 13, undefined, 13).text;
    expect(bullet).toMatch(/U\.S\.$/);
    expect(bullet).not.toMatch(/\.\.$/);
    const morning = compressClaim('The Airbus A320 left Barcelona at 9:35 a.m. and headed northeast at 10:01 a.m. on Tuesday, the airline said in a statement.', 9, undefined, 9).text;
    expect(morning).not.toMatch(/[^.]\.\.$/);
  });

  it('keeps an ellipsis the article wrote', () => {
    expect(compressClaim('We will find out whether or not...', 12).text).toBe('We will find out whether or not...');
  });
});
