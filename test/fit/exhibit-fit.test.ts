/**
 * The fit model of exhibits on a report with a 40-row table, a 12-column
 * table, a 120-line code block and two long formulas: tables split by rows
 * with the header on every part, code split at lines (at blank lines when one
 * is near), a table too wide even at the smallest size reported at its
 * outline line; and, in headless Chromium at 16:9 and 4:3, every slide's
 * content box inside the slide, nothing clipped, the model's height never
 * below the real one, no request off the deck's folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import { buildDeck, type BuildReport } from '../../src/node/build-deck.ts';
import { formatMessage } from '../../src/node/errors.ts';
import { FIT_SCALES, fitOutline, LAYOUT, slideContentHeight } from '../../src/fit/fit.ts';
import { codeBounds } from '../../src/fit/exhibits.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { SLIDE_SIZES } from '../../src/render/render.ts';
import { THEMES } from '../../src/outline/themes.ts';
import type { CodeBlock, Slide, TableBlock } from '../../src/types.ts';
import { buildInTemp, openDeck } from '../helpers/deck-page.ts';
import { measureSlideBoxes, overflowing } from '../helpers/exhibit-boxes.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'exhibit-fit', 'report.md');

function readOutline(path: string) {
  const text = readFileSync(path, 'utf8');
  return outlineFromMarkdown(text, new VFile({ path, value: text }));
}

const tableOf = (slide: Slide) => slide.blocks?.find((block): block is TableBlock => block.type === 'table');
const codeOf = (slide: Slide) => slide.blocks?.find((block): block is CodeBlock => block.type === 'code');

describe('exhibit fit', () => {
  let built: BuildReport;
  beforeAll(async () => {
    built = await buildInTemp(FIXTURE);
  });

  it('splits the 40-row table by rows, every part with the header and a title naming its rows', () => {
    const { outline } = readOutline(built.outlinePath);
    const source = outline.slides.find((slide) => tableOf(slide)?.rows.length === 40)!;
    for (const aspect of ['16:9', '4:3'] as const) {
      const fitted = fitOutline(outline, { theme: 'light', aspect });
      const parts = fitted.outline.slides.filter((_, i) => fitted.origin[i] === outline.slides.indexOf(source));
      expect(parts.length).toBeGreaterThanOrEqual(2);
      let next = 1;
      for (const part of parts) {
        const table = tableOf(part)!;
        expect(table.header).toEqual(tableOf(source)!.header);
        expect(part.title).toBe(`${source.title} (rows ${next}–${next + table.rows.length - 1} of 40)`);
        // The same column widths and alignments on every part, so the columns line up from slide to slide.
        expect(table.columnWidths).toEqual(tableOf(parts[0]!)!.columnWidths);
        expect(table.align).toEqual(['left', 'right', 'right', 'right', 'left']);
        next += table.rows.length;
      }
      expect(parts.flatMap((part) => tableOf(part)!.rows)).toEqual(tableOf(source)!.rows);
      expect(parts[0]!.notes).toBe(source.notes);
      expect(parts.slice(1).every((part) => part.notes === '')).toBe(true);
    }
  });

  it('keeps the 12-column table whole, in type small enough that no column breaks a word, and warns of none', () => {
    const { outline } = readOutline(built.outlinePath);
    const index = outline.slides.findIndex((slide) => tableOf(slide)?.header.length === 12);
    const fitted = fitOutline(outline, { theme: 'light' });
    const parts = fitted.outline.slides.filter((_, i) => fitted.origin[i] === index);
    expect(parts.length).toBe(1);
    expect(fitted.steps[fitted.origin.indexOf(index)]).toBeGreaterThan(0);
    expect(fitted.problems).toEqual([]);
    expect(built.messages.map(String)).toEqual([]);
  });

  it('splits the 120-line code block at line boundaries, at blank lines where one is near, lines in order', () => {
    const { outline } = readOutline(built.outlinePath);
    const index = outline.slides.findIndex((slide) => codeOf(slide)?.value.split('\n').length === 120);
    const source = codeOf(outline.slides[index]!)!;
    for (const aspect of ['16:9', '4:3'] as const) {
      const fitted = fitOutline(outline, { theme: 'light', aspect });
      const parts = fitted.outline.slides.filter((_, i) => fitted.origin[i] === index);
      expect(parts.length).toBeGreaterThanOrEqual(3);
      expect(parts.map((part) => codeOf(part)!.value).join('\n')).toBe(source.value);
      let next = 1;
      for (const part of parts) {
        const lines = codeOf(part)!.value.split('\n').length;
        expect(part.title).toBe(`${outline.slides[index]!.title} (lines ${next}–${next + lines - 1} of 120)`);
        expect(codeOf(part)!.lang).toBe('python');
        next += lines;
      }
      // Every cut but the last is right after a blank line (the fixture has one every 11 lines).
      for (const part of parts.slice(0, -1)) expect(codeOf(part)!.value.split('\n').at(-1)).toBe('');
    }
    expect(codeBounds(['a', 'b', '', 'c', 'd', 'e', 'f', 'g'], 2)).toEqual([0, 3, 8]);
    expect(codeBounds(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 2)).toEqual([0, 4, 8]);
  });

  it('warns at the outline line of a table too wide to read even at the smallest size, and shows it at that size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-wide-'));
    const header = Array.from({ length: 24 }, (_, i) => `Administrative district ${i + 1}`);
    const rows = Array.from({ length: 3 }, (_, r) => header.map((_, c) => `Reorganisation-${r}${c}`));
    writeFileSync(
      join(dir, 'wide.md'),
      ['# Wide', '', '## Districts', '', 'The council merged its districts twice in the decade.', 'The districts are listed below:', '', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''].join('\n'),
    );
    const report = await buildDeck({ article: join(dir, 'wide.md'), outDir: join(dir, 'dist') });
    const outlineText = readFileSync(report.outlinePath, 'utf8').split('\n');
    const tableLine = outlineText.findIndex((line) => line.startsWith('| Administrative district 1 |')) + 1;
    expect(tableLine).toBeGreaterThan(0);
    const messages = report.messages.map(formatMessage);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(new RegExp(`^${report.outlinePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${tableLine}:1: Slide \`The districts are listed below\` has a table too wide to read even at the smallest text size \\(24 columns; columns 1 \\(\`Administrative district 1\`\\)`));
    expect(messages[0]).toMatch(/split it into two tables or shorten its cells$/);
    expect(report.messages[0]!.fatal).toBe(false);
    expect(readFileSync(report.indexPath, 'utf8')).toMatch(new RegExp(`<section data-kind="exhibit" data-fit="${FIT_SCALES.length - 1}"><p class="section-label">|<section data-kind="exhibit" data-fit="${FIT_SCALES.length - 1}"><h2>`));
  });
});

describe('exhibit fit in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const aspect of ['16:9', '4:3'] as const) {
    it(`keeps every exhibit slide's content inside the slide at ${aspect}, nothing clipped, the model never below Chromium, no request off the folder`, async () => {
      const size = SLIDE_SIZES[aspect];
      const report = await buildInTemp(FIXTURE, { aspect });
      const deck = await openDeck(browser, report.indexPath, size);
      expect(deck.errors).toEqual([]);
      const measured = await measureSlideBoxes(deck.page);
      expect(measured.width).toBe(size.width);
      expect(overflowing(measured)).toEqual([]);
      const exhibits = measured.slides.filter((slide) => slide.kind === 'exhibit');
      // 3 (16:9) or 2 (4:3) table parts, the 12-column table, 4-5 code parts, 2 formulas.
      expect(exhibits.length).toBeGreaterThanOrEqual(9);
      // Room for the slide number: the content ends above the bottom reserve.
      for (const slide of exhibits) expect(slide.bottom).toBeLessThanOrEqual(size.height - LAYOUT.bottomReservePx + 1);
      const outline = readOutline(report.outlinePath).outline;
      const fitted = fitOutline(outline, { theme: 'light', aspect });
      const shown = fitted.outline.slides.map((slide, i) => ({ slide, step: fitted.steps[i]! })).filter(({ slide }) => !slide.hidden);
      expect(shown.length).toBe(measured.slides.length);
      shown.forEach(({ slide, step }, i) => {
        if (slide.kind !== 'exhibit') return;
        const real = measured.slides[i]!;
        expect(real.fit).toBe(step);
        const model = slideContentHeight(slide, THEMES.light.font, size.width * LAYOUT.fontPerWidth * FIT_SCALES[step]!, size.width);
        expect(model, real.title).toBeGreaterThanOrEqual(real.bottom - real.top - 2);
      });
      // The long line of code wraps inside its box (no code box is clipped, above): its slide shows more lines than it has.
      const wrapped = await deck.page.evaluate(() => {
        const code = Array.from(document.querySelectorAll<HTMLElement>('pre.bd-code code')).find((element) => element.textContent!.includes('a long comment that runs on'))!;
        const style = getComputedStyle(code);
        const lines = (code.getBoundingClientRect().height / (code.closest('section')!.getBoundingClientRect().width / (window as unknown as { Reveal: { getConfig(): { width: number } } }).Reveal.getConfig().width) - 2 * parseFloat(style.paddingTop)) / parseFloat(style.lineHeight);
        return { lines, source: code.textContent!.replace(/\n$/, '').split('\n').length };
      });
      expect(wrapped.lines).toBeGreaterThan(wrapped.source + 1);
      // The long formulas were shrunk to the slide's width, not left running off it.
      expect(await deck.page.locator('.bd-math[data-shrunk]').count()).toBe(2);
      expect(deck.offsite).toEqual([]);
      await deck.page.close();
    });
  }
});
