/**
 * Slide fit: the text-layout model on its own, the fit/split/warn steps on the
 * long-article fixtures, and the model checked against Chromium's real layout
 * at 1280x720 and 1024x768.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import { formatMessage } from '../../src/node/errors.ts';
import { FIT_SCALES, fitOutline, fitStep, LAYOUT, lineCount, reportFitProblems, slideContentHeight } from '../../src/fit/fit.ts';
import { measureSlideOverflow, measureThemeFonts } from '../../scripts/lib/fit-measure.ts';
import { FONT_WIDTHS } from '../../src/fit/fit-metrics.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { renderDeck, SLIDE_SIZES } from '../../src/render/render.ts';
import { THEMES, type ThemeName } from '../../src/outline/themes.ts';
import type { Slide } from '../../src/types.ts';
import { buildInTemp, openDeck } from '../helpers/deck-page.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'long-article');
const EDITED_OUTLINE = join(FIXTURE, 'edited.outline.md');
const IMPOSSIBLE_OUTLINE = join(FIXTURE, 'impossible.outline.md');
const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);

function readOutline(path: string) {
  const text = readFileSync(path, 'utf8');
  const file = new VFile({ path, value: text });
  return { file, ...outlineFromMarkdown(text, file) };
}

const body = FONT_WIDTHS['source-sans'].bodyWidths;

describe('lineCount', () => {
  it('should keep short text on one line and wrap long text at spaces', () => {
    expect(lineCount('Short line', body, 34, 1000)).toBe(1);
    expect(lineCount('', body, 34, 1000)).toBe(1);
    const sentence = 'word '.repeat(60).trim();
    // "word " is about 2.2 em wide at 34px: 1000px holds about 13 of them.
    expect(lineCount(sentence, body, 34, 1000)).toBeGreaterThanOrEqual(4);
    expect(lineCount(sentence, body, 34, 1000)).toBeLessThanOrEqual(6);
    expect(lineCount(sentence, body, 17, 1000)).toBeLessThan(lineCount(sentence, body, 34, 1000));
  });

  it('should break a word longer than the line anywhere', () => {
    expect(lineCount('x'.repeat(400), body, 34, 1000)).toBeGreaterThanOrEqual(5);
  });
});

describe('fitOutline', () => {
  const slide = (title: string, bullets: string[]): Slide => ({ kind: 'content', title, bullets: bullets.map((text) => ({ text })), notes: 'notes' });

  it('should leave a slide that fits at full size', () => {
    expect(fitStep(slide('Short', ['One point.', 'Another point.']), { theme: 'light' })).toBe(0);
  });

  it('should step the text down before splitting, and never below the floor of about 24px', () => {
    const bullets = Array.from({ length: 6 }, (_, i) => `Point ${i + 1} of a slide that is a little too full to show at the full text size, so its text steps down one size.`);
    expect(fitStep(slide('A full slide', bullets), { theme: 'light' })).toBe(1);
    const fitted = fitOutline({ title: 'Deck', slides: [slide('A full slide', bullets)] }, { theme: 'light' });
    expect(fitted.outline.slides.length).toBe(1);
    expect(fitted.steps).toEqual([1]);
    expect(1280 * LAYOUT.fontPerWidth * FIT_SCALES.at(-1)!).toBeGreaterThanOrEqual(24);
  });

  it('should split the overfull slide of the edited fixture into (cont.) slides, bullets in order, notes on the first', () => {
    const { outline } = readOutline(EDITED_OUTLINE);
    for (const aspect of ['16:9', '4:3'] as const) {
      const fitted = fitOutline(outline, { theme: 'light', aspect });
      const parts = fitted.outline.slides.filter((_, i) => fitted.origin[i] === 1);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      expect(parts[0]!.title).toBe(outline.slides[1]!.title);
      for (const part of parts.slice(1)) {
        expect(part.title).toBe(`${outline.slides[1]!.title} (cont.)`);
        expect(part.notes).toBe('');
      }
      expect(parts.flatMap((part) => part.bullets)).toEqual(outline.slides[1]!.bullets);
      expect(fitted.steps.length).toBe(fitted.outline.slides.length);
    }
  });

  it('should warn at the outline line of a bullet that fits nowhere', () => {
    const { outline, file } = readOutline(IMPOSSIBLE_OUTLINE);
    const fitted = fitOutline(outline, { theme: 'light', aspect: '16:9' });
    expect(fitted.steps).toEqual([0, 0, FIT_SCALES.length - 1]);
    expect(fitted.problems).toEqual([{ slide: 2, bullet: 0, reason: 'does not fit on the slide even at the smallest text size' }]);
    reportFitProblems(fitted.problems, outline, file);
    const line = readFileSync(IMPOSSIBLE_OUTLINE, 'utf8').split('\n').findIndex((text) => text.startsWith('- Negotiators who have worked')) + 1;
    expect(file.messages.map(formatMessage)).toEqual([
      `${IMPOSSIBLE_OUTLINE}:${line}:1: Bullet 1 of slide \`A bullet that cannot fit anywhere\` does not fit on the slide even at the smallest text size; shorten it`,
    ]);
    expect(file.messages[0]!.fatal).toBe(false);
    expect(file.messages[0]!.ruleId).toBe('slide-overflow');
  });
});

describe('the fit model against Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const themes: ThemeName[] = HEAVY ? (Object.keys(THEMES) as ThemeName[]) : ['light', 'dracula'];

  for (const theme of themes) {
    for (const aspect of ['16:9', '4:3'] as const) {
      it(`should build the long article and the edited outline so no slide overflows at ${aspect} (${theme}), the model never below Chromium`, async () => {
        const size = SLIDE_SIZES[aspect];
        for (const build of [
          () => buildInTemp(join(FIXTURE, 'long-article.md'), { theme, aspect }),
          () => buildInTemp(join(FIXTURE, 'long-article.md'), { theme, aspect }, [[EDITED_OUTLINE, 'long-article.outline.md']]),
        ]) {
          const report = await build();
          const deck = await openDeck(browser, report.indexPath, size);
          expect(deck.errors).toEqual([]);
          const real = await measureSlideOverflow(deck.page);
          const overflowing = real.filter((slide) => slide.bottom > 0 || slide.right > 0 || slide.top > 0);
          expect(overflowing).toEqual([]);
          // The model is an upper bound of the real height, and not a loose one. Themes on system
          // fonts are measured with the widest usual fallback font, so their bound is looser.
          const slack = THEMES[theme].font === 'source-sans' ? 1.25 : 1.5;
          const { outline } = readOutline(report.outlinePath);
          const fitted = fitOutline(outline, { theme, aspect });
          const shown = fitted.outline.slides.map((slide, i) => ({ slide, step: fitted.steps[i]! })).filter(({ slide }) => !slide.hidden);
          expect(shown.length).toBe(real.length);
          shown.forEach(({ slide, step }, i) => {
            const model = slideContentHeight(slide, THEMES[theme].font, size.width * LAYOUT.fontPerWidth * FIT_SCALES[step]!, size.width);
            expect(model).toBeGreaterThanOrEqual(real[i]!.contentHeight - 2);
            expect(model).toBeLessThanOrEqual(real[i]!.contentHeight * slack + 40);
          });
          await deck.page.close();
        }
      });
    }
  }

  it('should see the overflow Chromium shows when the same deck is rendered without fitting (control)', async () => {
    const report = await buildInTemp(join(FIXTURE, 'long-article.md'), {}, [[EDITED_OUTLINE, 'long-article.outline.md']]);
    const { outline } = readOutline(report.outlinePath);
    const unfitted = renderDeck(outline, { theme: 'light' });
    writeFileSync(report.indexPath, unfitted.html);
    const deck = await openDeck(browser, report.indexPath);
    const real = await measureSlideOverflow(deck.page);
    expect(real.filter((slide) => slide.bottom > 0).map((slide) => slide.title)).toEqual([outline.slides[1]!.title]);
    await deck.page.close();
  });

  it('should hold glyph widths no narrower than the fonts Chromium uses for every theme on this machine', async () => {
    for (const theme of ['light', 'serif', 'dracula'] as const) {
      const report = await buildInTemp(join(FIXTURE, 'long-article.md'), { theme });
      const deck = await openDeck(browser, report.indexPath);
      const measured = await measureThemeFonts(deck.page);
      const model = FONT_WIDTHS[THEMES[theme].font];
      const narrower = (own: number[], modelled: readonly number[]) => own.flatMap((width, index) => (modelled[index]! < width ? [index] : []));
      expect(narrower(measured.bodyWidths, model.bodyWidths)).toEqual([]);
      expect(narrower(measured.headingWidths, model.headingWidths)).toEqual([]);
      await deck.page.close();
    }
  });

  it('should hold glyph widths that match the fonts Chromium uses for the Source Sans Pro themes', async () => {
    const report = await buildInTemp(join(FIXTURE, 'long-article.md'), { theme: 'light' });
    const deck = await openDeck(browser, report.indexPath);
    const measured = await measureThemeFonts(deck.page);
    expect(measured.bodyWidths).toEqual(FONT_WIDTHS['source-sans'].bodyWidths);
    expect(measured.headingWidths).toEqual(FONT_WIDTHS['source-sans'].headingWidths);
    await deck.page.close();
  });
});
