/**
 * The rich report as a user sees it, in headless Chromium: every element on a
 * slide and rendered (the image loaded, math typeset with no TeX showing, code
 * highlighted, the quote, the bold), the footnote in the notes, nothing
 * overflowing, no request off the deck's folder; the same from the single-file
 * deck copied alone into another folder; and on paper: the PDF shows the
 * table's text and embeds the image, the notes pages the footnote, the
 * handout the notes rendered (never raw Markdown or TeX).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import { buildDeck, type BuildReport } from '../../src/node/build-deck.ts';
import { handoutHtml } from '../../src/render/handout.ts';
import { openDeck, type OpenDeck } from '../helpers/deck-page.ts';
import { measureSlideBoxes, overflowing } from '../helpers/exhibit-boxes.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'rich-report');

/** What the deck's slides show, read in the page: per slide its kind and visible text, and what each element did. */
async function shownElements(deck: OpenDeck) {
  return deck.page.evaluate(() => {
    const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'));
    const visibleText = (section: HTMLElement) => {
      const clone = section.cloneNode(true) as HTMLElement;
      for (const hidden of Array.from(clone.querySelectorAll('aside, .katex-mathml'))) hidden.remove();
      return clone.textContent ?? '';
    };
    return {
      texts: sections.map(visibleText),
      tables: sections.filter((section) => section.querySelector('table.bd-table th')).length,
      images: Array.from(document.querySelectorAll<HTMLImageElement>('.reveal .slides img')).map((image) => ({ complete: image.complete, natural: image.naturalWidth, shown: image.getBoundingClientRect().width })),
      katex: document.querySelectorAll('.reveal .slides .katex-html').length,
      display: document.querySelectorAll('.reveal .slides .bd-math .katex-display').length,
      mathFont: document.fonts.check('20px KaTeX_Main'),
      code: document.querySelectorAll('.reveal .slides pre.bd-code .hljs-keyword').length,
      quote: document.querySelector('.reveal .slides blockquote.bd-quote cite')?.textContent ?? '',
      strong: Array.from(document.querySelectorAll('.reveal .slides strong')).map((element) => element.textContent),
      notes: Array.from(document.querySelectorAll('.reveal .slides aside.notes')).map((element) => element.textContent ?? ''),
    };
  });
}

describe('the rich report deck in Chromium', () => {
  let browser: Browser;
  let report: BuildReport;
  beforeAll(async () => {
    browser = await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'bd-rich-deck-'));
    cpSync(FIXTURE, dir, { recursive: true });
    report = await buildDeck({ article: join(dir, 'report.md'), outDir: join(dir, 'dist'), singleFile: true, pdf: true, pdfNotes: true, handout: 'a4' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const checkDeck = async (file: string, requestsAllowed: (url: string) => boolean) => {
    const deck = await openDeck(browser, file);
    expect(deck.errors).toEqual([]);
    const shown = await shownElements(deck);
    expect(shown.tables).toBe(1);
    expect(shown.images).toHaveLength(1);
    expect(shown.images[0]!.complete).toBe(true);
    expect(shown.images[0]!.natural).toBe(480);
    expect(shown.images[0]!.shown).toBeGreaterThan(200);
    expect(shown.katex).toBeGreaterThanOrEqual(2);
    expect(shown.display).toBe(1);
    expect(shown.mathFont).toBe(true);
    expect(shown.code).toBeGreaterThanOrEqual(2);
    expect(shown.quote).toBe('— Maria Lopez, Minister of Infrastructure');
    expect(shown.strong).toContain('1.9 billion');
    // No raw TeX, Markdown emphasis or footnote marker on any slide.
    for (const text of shown.texts) expect(text).not.toMatch(/\\frac|\\sum|\$\$|\*\*|\[\^/);
    expect(shown.notes.some((note) => note.includes('Footnote audit: Audited figures'))).toBe(true);
    const measured = await measureSlideBoxes(deck.page);
    expect(overflowing(measured)).toEqual([]);
    expect(deck.requests.filter((url) => !requestsAllowed(url))).toEqual([]);
    await deck.page.close();
    return { deck, measured, shown };
  };

  it('shows every element on a slide, rendered, nothing overflowing, loading only files of the deck folder', async () => {
    const folder = pathToFileURL(report.deckDir).href + '/';
    const { deck } = await checkDeck(report.indexPath, (url) => url.startsWith(folder));
    expect(deck.offsite).toEqual([]);
    expect(deck.requests.some((url) => url.endsWith('/images/01-revenue.png'))).toBe(true);
    expect(deck.requests.some((url) => url.endsWith('.woff2'))).toBe(true);
  });

  it('shows the same from the single-file deck copied alone into another folder, with no request but itself', async () => {
    const alone = join(mkdtempSync(join(tmpdir(), 'bd-rich-alone-')), 'deck.html');
    copyFileSync(report.exports.singleFile!, alone);
    const { deck } = await checkDeck(alone, (url) => url === pathToFileURL(alone).href);
    expect(deck.requests).toEqual([pathToFileURL(alone).href]);
  });

  it('shows a figure put beside the bullets of a slide in the outline, the image at its size in the second column, nothing overflowing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-rich-columns-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const first = await buildDeck({ article: join(dir, 'report.md'), outDir: join(dir, 'dist') });
    const outline = readFileSync(first.outlinePath, 'utf8');
    // The figure line, as the outline writes it, moved under the key points' bullets.
    const figure = outline.split('\n').find((line) => line.startsWith('![Revenue rose'))!;
    writeFileSync(first.outlinePath, outline.replace(/(## Key points \{\.key-points\}\n\n(?:- .*\n)+)/, `$1\n${figure}\n`));
    const report = await buildDeck({ article: join(dir, 'report.md'), outDir: join(dir, 'dist') });
    const deck = await openDeck(browser, report.indexPath);
    const image = await deck.page.evaluate(() => {
      const found = document.querySelector<HTMLImageElement>('section[data-kind="key-points"] .bd-columns .bd-column img')!;
      const list = found.closest('.bd-columns')!.querySelector('li')!.getBoundingClientRect();
      const box = found.getBoundingClientRect();
      return { complete: found.complete, natural: found.naturalWidth, height: box.height, right: box.left > list.right };
    });
    expect(image).toEqual({ complete: true, natural: 480, height: expect.any(Number), right: true });
    expect(image.height).toBeGreaterThan(150);
    expect(overflowing(await measureSlideBoxes(deck.page))).toEqual([]);
    await deck.page.close();
  });

  it('prints the table text and embeds the image in the PDF, the footnote on the notes pages, the notes rendered in the handout', () => {
    const text = execFileSync('pdftotext', ['-layout', report.exports.pdf!.path, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Year\s+Revenue \(bn\)\s+Growth/);
    expect(text).toMatch(/2025\s+1\.9\s+19%/);
    expect(text).toContain('def demand(history, growth=0.02):');
    expect(text).toContain('Clean water is the cheapest public health measure');
    expect(text).not.toMatch(/\\frac|\$\$/);
    // pdfimages -list: a header of two lines, then a row per image: page, num, type, width, height...
    const images = execFileSync('pdfimages', ['-list', report.exports.pdf!.path], { encoding: 'utf8' }).trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
    expect(images.some((row) => row[2] === 'image' && row[3] === '480' && row[4] === '270')).toBe(true);
    const notes = execFileSync('pdftotext', [report.exports.notesPdf!.path, '-'], { encoding: 'utf8' });
    expect(notes).toContain('Footnote audit: Audited figures');
    const handout = execFileSync('pdftotext', [report.exports.handout!.path, '-'], { encoding: 'utf8' });
    expect(handout).toContain('Footnote audit: Audited figures');
    expect(handout).toMatch(/Year\s+Revenue \(bn\)\s+Growth/);
    expect(handout).not.toMatch(/\*\*|\\frac|\$NPV/);
    expect(execFileSync('pdfimages', ['-list', report.exports.handout!.path], { encoding: 'utf8' })).toMatch(/\bimage\s+480\s+270\b/);
  });

  it('renders a handout page\'s notes as HTML and MathML, never raw Markdown or TeX', () => {
    const html = handoutHtml({
      title: 'Deck',
      slides: [{ kind: 'content', title: 'Valuation', bullets: [], notes: 'Value is **positive** at $NPV = \\sum_t \\frac{C_t}{(1+r)^t}$, see [the report](https://example.org) and `npv.py`.' }],
    });
    expect(html).toContain('<strong>positive</strong>');
    expect(html).toMatch(/<math[^>]*><semantics><mrow>/);
    expect(html).toContain('<a href="https://example.org"');
    expect(html).toContain('<code>npv.py</code>');
    expect(html.replace(/<annotation[^]*?<\/annotation>/g, '')).not.toMatch(/\*\*|\\frac|\$NPV/);
  });
});
