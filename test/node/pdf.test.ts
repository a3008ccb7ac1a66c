/**
 * PDF export in real headless Chromium: the seed deck as slides, slides with
 * notes pages and an A4 handout; a 4:3 deck with an author; a sealed printer.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from 'pdf-lib';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/node/build-deck.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { printDeckToPdf, type PdfProgress } from '../../src/node/pdf.ts';
import { isInsideFolder } from '../../src/node/safe-path.ts';
import { buildInTemp, SEED_ARTICLE } from '../helpers/deck-page.ts';
import { runCli, seedWorkspace } from '../helpers/cli.ts';

const LONG_ARTICLE = join(import.meta.dirname, '..', 'fixtures', 'long-article', 'long-article.md');

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every font dictionary of a PDF, descendant fonts included. */
function fonts(document: PDFDocument): PDFDict[] {
  return document.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font'));
}

function lookupDict(document: PDFDocument, value: unknown): PDFDict | undefined {
  const resolved = value instanceof PDFRef ? document.context.lookup(value) : value;
  return resolved instanceof PDFDict ? resolved : undefined;
}

function outlineTitles(document: PDFDocument): string[] {
  const outlines = lookupDict(document, document.catalog.get(PDFName.of('Outlines')));
  const titles: string[] = [];
  const walk = (item: PDFDict | undefined) => {
    for (let node = item; node; node = lookupDict(document, node.get(PDFName.of('Next')))) {
      const title = node.get(PDFName.of('Title'));
      if (title && 'decodeText' in title) titles.push((title as unknown as { decodeText(): string }).decodeText());
      walk(lookupDict(document, node.get(PDFName.of('First'))));
    }
  };
  walk(lookupDict(document, outlines?.get(PDFName.of('First'))));
  return titles;
}

let seed: BuildReport;
let seedNotes: number;
const progress: Array<PdfProgress & { file: string }> = [];

beforeAll(async () => {
  seed = await buildInTemp(SEED_ARTICLE, { pdf: true, pdfNotes: true, handout: 'a4', onProgress: (event) => progress.push(event) });
  const text = readFileSync(seed.outlinePath, 'utf8');
  const { outline } = outlineFromMarkdown(text, new VFile({ value: text }));
  // The deck's slides are the outline's (the seed needs no fit split); count those with notes.
  const shown = outline.slides.filter((slide) => !slide.hidden);
  expect(shown.length).toBe(seed.slideCount);
  seedNotes = shown.filter((slide) => slide.notes.trim() !== '').length;
});

describe('printDeckToPdf', () => {
  it('should print one 16:9 page per slide with title, bookmarks, tags and embedded fonts', async () => {
    const path = seed.exports.pdf!.path;
    expect(path).toBe(join(seed.deckDir, 'isis-central-asia.pdf'));
    const document = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
    expect(document.getPageCount()).toBe(seed.slideCount);
    for (const page of document.getPages()) expect(page.getSize()).toEqual({ width: 960, height: 540 });
    expect(document.getTitle()).toBe('ISIS’ Expedition Into Central Asia');
    expect(document.getCreator()).toBe('briefdeck');
    // Tagged, with a bookmark per slide heading.
    expect(document.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    const titles = outlineTitles(document);
    expect(titles).toContain('Key points');
    expect(titles.length).toBeGreaterThanOrEqual(seed.slideCount);
    // Every font is embedded and maps glyphs back to text (selectable, searchable).
    const all = fonts(document);
    expect(all.length).toBeGreaterThan(0);
    for (const font of all.filter((dict) => dict.get(PDFName.of('Subtype')) === PDFName.of('CIDFontType2') || dict.get(PDFName.of('Subtype')) === PDFName.of('TrueType'))) {
      const descriptor = lookupDict(document, font.get(PDFName.of('FontDescriptor')))!;
      expect(['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.get(PDFName.of(key)) !== undefined)).toBe(true);
    }
    for (const font of all.filter((dict) => dict.get(PDFName.of('Subtype')) === PDFName.of('Type0'))) {
      expect(document.context.lookup(font.get(PDFName.of('ToUnicode')))).toBeInstanceOf(PDFStream);
    }
    if (hasTool('pdftotext')) {
      const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
      expect(text).toContain('Key points');
      expect(text.split('\f').filter((page) => page.trim()).length).toBe(seed.slideCount);
    }
  });

  it('should follow each slide that has notes with one page of its notes', async () => {
    const document = await PDFDocument.load(readFileSync(seed.exports.notesPdf!.path));
    expect(seedNotes).toBeGreaterThan(2);
    expect(document.getPageCount()).toBe(seed.slideCount + seedNotes);
    expect(seed.exports.notesPdf!.pages).toBe(seed.slideCount + seedNotes);
    if (hasTool('pdftotext')) {
      const pages = execFileSync('pdftotext', [seed.exports.notesPdf!.path, '-'], { encoding: 'utf8' }).split('\f');
      // Page 2 is the key-points slide, page 3 its notes.
      expect(pages[1]).toContain('Key points');
      expect(pages[2]).toContain('Notes: Key points');
    }
  });

  it('should make an A4 portrait handout page per slide with the slide drawn on it', async () => {
    const document = await PDFDocument.load(readFileSync(seed.exports.handout!.path));
    expect(document.getPageCount()).toBe(seed.slideCount);
    for (const page of document.getPages()) {
      const { width, height } = page.getSize();
      expect(Math.round(width)).toBe(595);
      expect(Math.round(height)).toBe(842);
    }
    if (hasTool('pdftotext')) {
      const pages = execFileSync('pdftotext', [seed.exports.handout!.path, '-'], { encoding: 'utf8' }).split('\f');
      expect(pages[1]).toContain(`Slide 2 of ${seed.slideCount}`);
      // The slide's own text (drawn from the slides PDF) and its notes are both on the page.
      expect(pages[1]!.split('Key points').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('should report progress while printing', () => {
    const phases = progress.map((event) => `${event.phase}:${basename(event.file).replace('isis-central-asia.', '')}`);
    expect(phases[0]).toMatch(/^launch:/);
    expect(phases).toContain('print:pdf');
    expect(phases).toContain('done:notes.pdf');
    expect(phases).toContain('done:handout.pdf');
  });

  it('should print a 4:3 deck on 4:3 pages with the author in the metadata, on Letter paper for a handout', async () => {
    const report = await buildInTemp(LONG_ARTICLE, { aspect: '4:3', pdf: true, handout: 'letter' });
    const document = await PDFDocument.load(readFileSync(report.exports.pdf!.path), { updateMetadata: false });
    expect(document.getPageCount()).toBe(report.slideCount);
    expect(document.getPages()[0]!.getSize()).toEqual({ width: 768, height: 576 });
    expect(document.getAuthor()).toBe('Briefdeck Test Fixture');
    const handout = await PDFDocument.load(readFileSync(report.exports.handout!.path));
    expect(handout.getPageCount()).toBe(report.slideCount);
    expect(handout.getPages()[0]!.getSize()).toEqual({ width: 612, height: 792 });
  });

  it('should refuse every request outside the deck folder while printing', async () => {
    const report = await buildInTemp(SEED_ARTICLE);
    const text = readFileSync(report.outlinePath, 'utf8');
    const { outline } = outlineFromMarkdown(text, new VFile({ value: text }));
    // A deck that reaches out of its folder and to the network (as if tampered with).
    writeFileSync(join(report.deckDir, '..', 'outside.css'), 'body { color: red }');
    const html = readFileSync(report.indexPath, 'utf8')
      .replace(/<meta http-equiv="content-security-policy"[^>]*>/i, '')
      .replace('</head>', '<link rel="stylesheet" href="../outside.css"><link rel="stylesheet" href="https://example.com/x.css"></head>');
    writeFileSync(report.indexPath, html);
    const result = await printDeckToPdf({ indexPath: report.indexPath, pdfPath: join(report.deckDir, 'sealed.pdf'), outline });
    expect(result.pages).toBe(report.slideCount);
    expect(result.blocked).toContain(pathToFileURL(join(report.deckDir, '..', 'outside.css')).href);
    expect(result.blocked).toContain('https://example.com/x.css');
  });
});

describe('npm run pdf (build.ts --pdf)', () => {
  it('should build every article of content/ and print its PDF with one page per slide, showing progress', async () => {
    const dir = seedWorkspace('briefdeck-pdf-');
    const result = runCli(['--pdf'], dir);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const slides = Number(/\((\d+) slides, theme light\)/.exec(result.stdout)?.[1]);
    expect(slides).toBeGreaterThanOrEqual(5);
    expect(result.stdout).toContain(`dist/isis-central-asia/isis-central-asia.pdf (pdf, ${slides} pages)`);
    expect(result.stderr).toContain('pdf: printing');
    const document = await PDFDocument.load(readFileSync(join(dir, 'dist', 'isis-central-asia', 'isis-central-asia.pdf')));
    expect(document.getPageCount()).toBe(slides);
  });

  it('should fail with the install command, after writing the deck, when there is no Chromium', () => {
    const dir = seedWorkspace('briefdeck-pdf-');
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = join(dir, 'no-such-chromium');
    try {
      const result = runCli(['--pdf'], dir);
      expect(result.status).toBe(1);
      // The CLI prints paths relative to the folder it runs in (issue 15).
      expect(result.stderr).toContain('error: CHROME_PATH is no-such-chromium, which does not exist; install one with `apt-get install -y chromium`');
      expect(readFileSync(join(dir, 'dist', 'isis-central-asia', 'index.html'), 'utf8')).toContain('<div class="reveal"');
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  it('should refuse an unknown handout paper and aspect as usage errors', () => {
    const dir = seedWorkspace('briefdeck-pdf-');
    expect(runCli(['--handout=a3'], dir)).toMatchObject({ status: 2 });
    const aspect = runCli(['--aspect', '21:9'], dir);
    expect(aspect.status).toBe(2);
    expect(aspect.stderr).toContain('--aspect expects 16:9 or 4:3, not `21:9`');
  });
});

describe('isInsideFolder', () => {
  it('should accept files inside the folder and refuse everything else', () => {
    expect(isInsideFolder('file:///deck/assets/reveal.js', '/deck')).toBe(true);
    expect(isInsideFolder('file:///deck/index.html?print-pdf', '/deck')).toBe(true);
    expect(isInsideFolder('file:///deck-other/x.css', '/deck')).toBe(false);
    expect(isInsideFolder('file:///deck/../etc/passwd', '/deck')).toBe(false);
    expect(isInsideFolder('file:///etc/passwd', '/deck')).toBe(false);
    expect(isInsideFolder('https://example.com/deck/x.css', '/deck')).toBe(false);
    expect(isInsideFolder('data:text/css,body{}', '/deck')).toBe(false);
  });
});
