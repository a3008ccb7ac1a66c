/**
 * Handouts with 1, 2, 3 or 6 slides a page, printed in real Chromium on A4 and
 * Letter: the page count of each layout for the seed deck, the slides' own text
 * on the pages they belong to (pdftotext), and, for 16:9 and 4:3 slides on both
 * papers, that nothing on a page leaves its cell or the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import type { BuildReport } from '../../src/node/build-deck.ts';
import { BriefdeckError } from '../../src/node/errors.ts';
import { fitHandoutNotes, printDeckToPdf } from '../../src/node/pdf.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { HANDOUT_LAYOUTS, handoutHtml, type HandoutLayout, type HandoutPaper } from '../../src/render/handout.ts';
import type { Outline } from '../../src/types.ts';
import { buildInTemp, SEED_ARTICLE } from '../helpers/deck-page.ts';

const PAPERS: HandoutPaper[] = ['a4', 'letter'];
/** Page sizes in PDF points. */
const POINTS = { a4: { width: 595, height: 842 }, letter: { width: 612, height: 792 } };

let browser: Browser;
let seed: BuildReport;
let outline: Outline;

function readOutline(report: BuildReport): Outline {
  const text = readFileSync(report.outlinePath, 'utf8');
  return outlineFromMarkdown(text, new VFile({ value: text })).outline;
}

/** Words a slide shows that no caption or head repeats: the first words of its first bullet or body line. */
function slideWords(outline: Outline, index: number): string {
  const slide = outline.slides.filter((shown) => !shown.hidden)[index]!;
  const text = slide.bullets[0]?.text ?? slide.body?.[0] ?? slide.title;
  return text.replace(/[*_`[\]]/g, '').split(/\s+/).slice(0, 3).join(' ');
}

beforeAll(async () => {
  browser = await launchChromium();
  seed = await buildInTemp(SEED_ARTICLE);
  outline = readOutline(seed);
});

afterAll(async () => {
  await browser?.close();
});

describe('handout layouts on paper', () => {
  const cases = PAPERS.flatMap((paper) => HANDOUT_LAYOUTS.map((layout) => [paper, layout] as const));
  it.each(cases)('should print the seed deck on %s, %i slides a page, each slide on its page', async (paper, layout) => {
    const pdfPath = join(seed.deckDir, `handout-${paper}-${layout}.pdf`);
    const report = await printDeckToPdf({ indexPath: seed.indexPath, pdfPath, outline, mode: 'handout', paper, layout, browser });
    // The seed deck has 8 slides: 8, 4, 3 and 2 pages.
    expect(seed.slideCount).toBe(8);
    const pages = Math.ceil(seed.slideCount / layout);
    expect(report.pages).toBe(pages);
    const document = await PDFDocument.load(readFileSync(pdfPath));
    expect(document.getPageCount()).toBe(pages);
    for (const page of document.getPages()) {
      const { width, height } = page.getSize();
      expect({ width: Math.round(width), height: Math.round(height) }).toEqual(POINTS[paper]);
    }
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })
      .split('\f')
      .map((page) => page.replace(/\s+/g, ' '));
    for (let index = 0; index < seed.slideCount; index += 1) {
      const page = text[Math.floor(index / layout)]!;
      // The printed slide is drawn on its page: its own words, not only its caption.
      expect(page, `slide ${index + 1} on page ${Math.floor(index / layout) + 1}`).toContain(slideWords(outline, index));
      if (layout === 1) expect(page).toContain(`Slide ${index + 1} of ${seed.slideCount}`);
      else expect(page).toContain(`Slide ${index + 1}:`);
    }
  });

  it('should refuse to print notes that fit no page, naming the PDF and the slide, and write nothing', async () => {
    const sentence = 'The ministry said the figures would be revised after the audit of the regional offices. ';
    const long = { ...outline, slides: outline.slides.map((slide, index) => (index === 2 ? { ...slide, notes: sentence.repeat(400) } : slide)) };
    const pdfPath = join(seed.deckDir, 'too-long.pdf');
    const printing = printDeckToPdf({ indexPath: seed.indexPath, pdfPath, outline: long, mode: 'handout', browser });
    const error = await printing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect(error).toMatchObject({ file: pdfPath, message: `${pdfPath}: slide 3 \`${long.slides[2]!.title}\`: its notes do not fit a handout page even in 7pt type beside a smaller slide; shorten them in the outline, or print them with --pdf-notes` });
    expect(existsSync(pdfPath)).toBe(false);
  });

  it('should print a 4:3 deck six slides a page on Letter, the tightest fit', async () => {
    const report = await buildInTemp(SEED_ARTICLE, { aspect: '4:3' });
    const pdfPath = join(report.deckDir, 'handout.pdf');
    const printed = await printDeckToPdf({ indexPath: report.indexPath, pdfPath, outline: readOutline(report), mode: 'handout', paper: 'letter', layout: 6, browser });
    expect(printed.pages).toBe(Math.ceil(report.slideCount / 6));
  });
});

/** Boxes on each page that leave their cell or the page's text area, as `page n: what`. */
async function overflows(paper: HandoutPaper, layout: HandoutLayout, aspect: number): Promise<{ problems: string[]; frames: number; pages: number }> {
  const page = await browser.newPage();
  try {
    await page.setContent(handoutHtml(outline, { paper, layout, aspect }), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // As the printer does: long notes on a one-slide page take smaller type, then a smaller slide.
    expect(await fitHandoutNotes(page)).toEqual([]);
    return await page.evaluate(() => {
      const problems: string[] = [];
      const inside = (inner: DOMRect, outer: DOMRect) => inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;
      const sheets = Array.from(document.querySelectorAll<HTMLElement>('.handout-page'));
      sheets.forEach((sheet, number) => {
        const style = getComputedStyle(sheet);
        const box = sheet.getBoundingClientRect();
        const text = new DOMRect(box.left + parseFloat(style.paddingLeft), box.top + parseFloat(style.paddingTop), box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom));
        if (sheet.scrollHeight > sheet.clientHeight + 1 || sheet.scrollWidth > sheet.clientWidth + 1) problems.push(`page ${number + 1}: content larger than the page`);
        for (const element of Array.from(sheet.querySelectorAll<HTMLElement>('.handout-head, .handout-slide, .handout-notes, .handout-cell'))) {
          if (!inside(element.getBoundingClientRect(), text)) problems.push(`page ${number + 1}: ${element.className} leaves the page's text area`);
        }
        for (const cell of Array.from(sheet.querySelectorAll<HTMLElement>('.handout-cell'))) {
          if (cell.scrollHeight > cell.clientHeight + 1) problems.push(`page ${number + 1}: a cell's content is taller than the cell`);
          for (const part of Array.from(cell.querySelectorAll<HTMLElement>('.handout-slide, .handout-caption, .handout-lines'))) {
            if (!inside(part.getBoundingClientRect(), cell.getBoundingClientRect())) problems.push(`page ${number + 1}: ${part.className} leaves its cell`);
          }
        }
      });
      return { problems, frames: document.querySelectorAll('.handout-slide').length, pages: sheets.length };
    });
  } finally {
    await page.close();
  }
}

describe('handout layouts fit', () => {
  const cases = PAPERS.flatMap((paper) => HANDOUT_LAYOUTS.flatMap((layout) => [16 / 9, 4 / 3].map((aspect) => [paper, layout, aspect === 16 / 9 ? '16:9' : '4:3', aspect] as const)));
  it.each(cases)('should keep every box in its cell and on the page: %s, %i a page, %s slides', async (paper, layout, _, aspect) => {
    const result = await overflows(paper, layout, aspect);
    expect(result.problems).toEqual([]);
    expect(result.frames).toBe(8);
    expect(result.pages).toBe(Math.ceil(8 / layout));
  });

  it('should keep a slide title too long for its caption inside the cell', async () => {
    const long = { ...outline, slides: outline.slides.map((slide) => ({ ...slide, title: `${slide.title} `.repeat(12).trim() })) };
    const page = await browser.newPage();
    try {
      await page.setContent(handoutHtml(long, { paper: 'letter', layout: 6 }), { waitUntil: 'load' });
      const escapes = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.handout-caption')).filter((caption) => {
          const cell = caption.closest('.handout-cell')!.getBoundingClientRect();
          return caption.getBoundingClientRect().bottom > cell.bottom + 0.5;
        }).length,
      );
      expect(escapes).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('should give long notes smaller type, then a smaller slide, and name the slide whose notes fit no page', async () => {
    const sentence = 'The ministry said the figures would be revised after the audit of the regional offices. ';
    const notes = [sentence.repeat(70), sentence.repeat(400)];
    const long = { ...outline, slides: outline.slides.map((slide, index) => ({ ...slide, notes: index === 1 ? notes[0]! : index === 2 ? notes[1]! : slide.notes })) };
    const page = await browser.newPage();
    try {
      await page.setContent(handoutHtml(long, { paper: 'a4', layout: 1, aspect: 4 / 3 }), { waitUntil: 'load' });
      expect(await fitHandoutNotes(page)).toEqual([2]);
      const second = await page.evaluate(() => {
        const sheet = document.querySelectorAll<HTMLElement>('.handout-page')[1]!;
        return { fits: sheet.scrollHeight <= sheet.clientHeight + 1, width: sheet.querySelector<HTMLElement>('.handout-slide')!.style.width, size: sheet.querySelector<HTMLElement>('.handout-notes')!.style.fontSize };
      });
      expect(second.fits).toBe(true);
      expect(second.size).toBe('7pt');
      expect(Number.parseFloat(second.width)).toBeLessThan(100);
    } finally {
      await page.close();
    }
  });
});

describe('notes longer than a page', () => {
  // A section of 240 sentences has a few slides, and each slide's notes hold its part of the section's text: far more
  // than a page. The notes go on over pages of their own, a paragraph at a time; every sentence is printed.
  let report: BuildReport;
  const counts = Array.from({ length: 240 }, (_, at) => 1000 + at);
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-long-notes-'));
    const paragraphs = counts.map((count, at) => `In week ${at + 1} the harbour board counted ${count} ships at the northern quay, and the pilots asked for more tugs.`);
    const article = join(dir, 'harbour.md');
    writeFileSync(article, ['# Harbour traffic', '## A year at the quay', ...paragraphs].join('\n\n'));
    report = await buildInTemp(article);
  });

  const printedText = (pdfPath: string) => execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

  it('should carry them over to pages of their own in a one-slide-a-page handout', async () => {
    const pdfPath = join(report.deckDir, 'long-notes-handout.pdf');
    const printed = await printDeckToPdf({ indexPath: report.indexPath, pdfPath, outline: readOutline(report), mode: 'handout', browser });
    expect(printed.pages).toBeGreaterThan(report.slideCount);
    const text = printedText(pdfPath);
    expect(counts.filter((count) => !text.includes(`counted ${count} ships`))).toEqual([]);
    expect(text).toContain('(cont.)');
  });

  it('should carry them over to pages of their own in the PDF with notes', async () => {
    const pdfPath = join(report.deckDir, 'long-notes.notes.pdf');
    await printDeckToPdf({ indexPath: report.indexPath, pdfPath, outline: readOutline(report), mode: 'notes', browser });
    const text = printedText(pdfPath);
    expect(counts.filter((count) => !text.includes(`counted ${count} ships`))).toEqual([]);
    expect(text).toContain('(cont.)');
  });
});
