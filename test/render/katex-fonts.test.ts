/**
 * The deck copies KaTeX's fonts from a list in render.ts (rendering reads no folder):
 * the list must be every WOFF2 font the installed KaTeX ships.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KATEX_FONTS } from '../../src/render/render.ts';

describe('KaTeX fonts', () => {
  it('should name every WOFF2 font of the installed KaTeX, and no other', () => {
    const fonts = join(dirname(createRequire(import.meta.url).resolve('katex')), 'fonts');
    const installed = readdirSync(fonts).filter((name) => name.endsWith('.woff2')).map((name) => name.replace(/\.woff2$/, '')).sort();
    expect([...KATEX_FONTS]).toEqual(installed);
  });
});
