/**
 * A deck built from an Arabic article whose front matter says `lang: ar` (issue 17: the deck kept
 * `lang="en"` and had no `dir="rtl"` even then): the page carries the language and the direction,
 * the labels are Arabic, and in Chromium the slide text runs from the right.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import { buildDeck, type BuildReport } from '../../src/node/build-deck.ts';
import { labelsFor } from '../../src/text/labels.ts';
import { openDeck } from '../helpers/deck-page.ts';

const ARABIC = readFileSync(new URL('../fixtures/outline-lang-ar/article.md', import.meta.url), 'utf8');

describe('an Arabic article with lang: ar in its front matter', () => {
  let built: BuildReport;
  let html: string;
  let browser: Browser;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-lang-ar-'));
    writeFileSync(join(dir, 'water.md'), `---\nlang: ar\ntitle: أزمة المياه\n---\n\n${ARABIC.replace(/^# .*\n/, '')}`);
    built = await buildDeck({ article: join(dir, 'water.md'), outDir: join(dir, 'dist') });
    html = readFileSync(built.indexPath, 'utf8');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('builds a deck whose page is in Arabic, right to left, with Arabic labels', () => {
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(labelsFor('ar').keyPoints);
    expect(html).not.toMatch(/Key points|Bottom line|Agenda/);
    expect(readFileSync(built.outlinePath, 'utf8')).toMatch(/^lang: ar$/m);
  });

  it('runs the slide text from the right in Chromium', async () => {
    const { page, errors } = await openDeck(browser, built.indexPath);
    await page.evaluate(() => (window as unknown as { Reveal: { slide(index: number): void } }).Reveal.slide(1));
    const layout = await page.evaluate(() => {
      const slide = document.querySelector('.reveal .slides section.present')!;
      const item = slide.querySelector('li')!;
      const box = slide.getBoundingClientRect();
      // The bullet's last line of text (shorter than the line, so its side shows).
      const range = document.createRange();
      range.selectNodeContents(item);
      const rects = range.getClientRects();
      const text = rects[rects.length - 1]!;
      return { direction: getComputedStyle(item).direction, rightGap: box.right - text.right, leftGap: text.left - box.left };
    });
    expect(layout.direction).toBe('rtl');
    // The bullet hangs from the right edge: less room on its right than on its left.
    expect(layout.rightGap).toBeLessThan(layout.leftGap);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('the PDF with notes of a German article', () => {
  it('titles each notes page in German', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-lang-de-pdf-'));
    writeFileSync(join(dir, 'netze.md'), readFileSync(new URL('../fixtures/outline-lang-de/article.md', import.meta.url), 'utf8'));
    const built = await buildDeck({ article: join(dir, 'netze.md'), outDir: join(dir, 'dist'), pdfNotes: true });
    const text = execFileSync('pdftotext', [built.exports.notesPdf!.path, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Notizen: ${labelsFor('de').keyPoints}`);
    expect(text).not.toContain('Notes:');
  }, 180_000);
});
