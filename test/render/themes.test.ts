/**
 * Every theme in real Chromium: offline (no request leaves file://), no console
 * error, and every piece of slide text at least WCAG AA contrast (4.5:1)
 * against what is behind it, computed from the colours Chromium resolved.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import { deckAssets } from '../../src/render/render.ts';
import { THEMES, type ThemeName } from '../../src/outline/themes.ts';
import { buildInTemp, openDeck, SEED_ARTICLE } from '../helpers/deck-page.ts';

/**
 * Runs in the page (as source text, so no build helper is injected): the
 * contrast ratio of each text element of each slide with its background.
 */
const CONTRAST_IN_PAGE = `(() => {
  const parse = (value) => {
    const match = value.match(/rgba?\\(([^)]+)\\)/);
    if (!match) return [0, 0, 0, 0];
    const parts = match[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const results = [];
  const elements = document.querySelectorAll('.reveal .slides section h1, .reveal .slides section h2, .reveal .slides section p, .reveal .slides section li, .reveal .slide-number');
  for (const element of elements) {
    if (element.closest('aside')) continue;
    const bg = background(element);
    const fg = over(parse(getComputedStyle(element).color), bg);
    results.push({ text: (element.textContent || '').trim().slice(0, 40), tag: element.tagName, ratio: Math.round(ratio(fg, bg) * 100) / 100 });
  }
  return results;
})()`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('themes', () => {
  it('should offer at least a light, a dark and a high-contrast theme', () => {
    const names = Object.keys(THEMES);
    expect(names).toEqual(expect.arrayContaining(['light', 'dark', 'contrast']));
  });

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`should present ${theme} offline with no console error and AA contrast for all text`, async () => {
      // Nothing in the theme's stylesheet points at the network.
      const css = readFileSync(deckAssets(theme).find((asset) => asset.to === `assets/theme-${theme}.css`)!.from, 'utf8');
      expect(css).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
      expect(css).not.toMatch(/@import\s+(url\()?["']?(https?:)?\/\//i);

      const report = await buildInTemp(SEED_ARTICLE, { theme });
      expect(report.theme).toBe(theme);
      const deck = await openDeck(browser, report.indexPath);
      expect(deck.offsite).toEqual([]);
      expect(deck.errors).toEqual([]);
      const contrasts = (await deck.page.evaluate(CONTRAST_IN_PAGE)) as Array<{ text: string; tag: string; ratio: number }>;
      expect(contrasts.length).toBeGreaterThan(report.slideCount);
      expect(contrasts.filter((entry) => entry.tag === 'DIV').length).toBe(1);
      expect(contrasts.filter((entry) => entry.ratio < 4.5)).toEqual([]);
      // Control: grey-on-background text is caught.
      await deck.page.evaluate(() => {
        const item = document.querySelector<HTMLElement>('.reveal .slides section li')!;
        item.style.color = getComputedStyle(item).backgroundColor === 'rgba(0, 0, 0, 0)' ? 'rgba(128, 128, 128, 0.4)' : 'grey';
      });
      const control = (await deck.page.evaluate(CONTRAST_IN_PAGE)) as Array<{ ratio: number }>;
      expect(control.filter((entry) => entry.ratio < 4.5).length).toBe(1);
      await deck.page.close();
    });
  }

  it('should take the theme from the outline front matter when no theme option is given', async () => {
    const first = await buildInTemp(SEED_ARTICLE, { theme: 'dark' });
    const text = readFileSync(first.outlinePath, 'utf8');
    expect(text).toMatch(/^theme: dark$/m);
    const html = readFileSync(first.indexPath, 'utf8');
    expect(html).toContain('data-theme="dark"');
    expect(html).toContain('assets/theme-dark.css');
  });
});
