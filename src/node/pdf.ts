/**
 * PDF export: print a built deck (or its handout) through headless Chromium,
 * then set the document metadata with pdf-lib and write the file atomically.
 *
 * The printing browser is cut off: every request that is not a file:// URL
 * inside the deck's folder is aborted, and the context is offline. It waits
 * for the deck to say it is ready (`html[data-briefdeck-ready]`), never for
 * network idle.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { isInsideFolder } from './safe-path.ts';
import { BriefdeckError } from './errors.ts';
import { handoutHtml, type HandoutLayout, type HandoutPaper } from '../render/handout.ts';
import { label } from '../text/labels.ts';
import type { Outline } from '../types.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** One step of a PDF export, reported as it happens. */
export interface PdfProgress {
  phase: 'launch' | 'load' | 'print' | 'metadata' | 'write' | 'done';
  /** What is happening, in a few words. */
  message: string;
}

/** What to print. */
export interface PdfOptions {
  /** The deck's `index.html`. */
  indexPath: string;
  /** Where to write the PDF. */
  pdfPath: string;
  /** The outline the deck was rendered from (title, author and, for handouts, the slides and notes). */
  outline: Outline;
  /**
   * `slides` (default): one page per slide. `notes`: each slide followed by a
   * page of its notes (slides without notes get none). `handout`: portrait
   * pages of `layout` slides each (see `toHandoutHast`).
   */
  mode?: 'slides' | 'notes' | 'handout';
  /** Paper of a handout; default `a4`. */
  paper?: HandoutPaper;
  /** Slides on a handout page: 1 (with notes and ruled lines, the default), 2, 3 (ruled lines beside) or 6. */
  layout?: HandoutLayout;
  /** Called at each step, for progress output. */
  onProgress?: (progress: PdfProgress) => void;
  /** Language of a handout page; default the deck's. */
  lang?: string;
  /** A browser to print with (it stays open); by default the system Chromium is started and closed. */
  browser?: Browser;
}

export interface PdfReport {
  pdfPath: string;
  pages: number;
  /** Slides printed. */
  slides: number;
  mode: NonNullable<PdfOptions['mode']>;
  /** Requests the printing browser refused: anything not a file inside the deck folder. */
  blocked: string[];
}

/** A context that can only read the deck folder: offline, and every other request aborted. */
async function sealedContext(browser: Browser, folder: string, viewport: { width: number; height: number }, blocked: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, offline: true, javaScriptEnabled: true, serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isInsideFolder(url, folder)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return context;
}

/** Open the deck for printing and wait until reveal.js has laid out its print pages. */
async function openForPrint(context: BrowserContext, indexPath: string, notes: boolean): Promise<Page> {
  const page = await context.newPage();
  const url = pathToFileURL(indexPath);
  url.search = notes ? '?print-pdf&showNotes=separate-page' : '?print-pdf';
  await page.goto(url.href, { waitUntil: 'load' });
  await page.waitForSelector('html[data-briefdeck-ready]', { state: 'attached', timeout: 30_000 });
  await page.waitForSelector('.reveal .pdf-page', { state: 'attached', timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // reveal.js hides the slides that are not current from assistive technology; on paper every
  // slide is shown, and only what is exposed gets PDF tags and bookmarks.
  await page.evaluate(() => {
    for (const slide of Array.from(document.querySelectorAll('.reveal .slides section[aria-hidden]'))) slide.removeAttribute('aria-hidden');
  });
  return page;
}

/**
 * Make each notes page exactly one page: title it with its slide's title and
 * shrink its text until it fits (never below 12px). Notes longer than a page at
 * 12px go on over as many pages as they need ("Notes: Title (cont.)"), whole
 * paragraphs at a time.
 */
async function settleNotesPages(page: Page, height: number): Promise<number> {
  // The notes page's title in the deck's language, the slide's title where the NUL is.
  const lang = await page.evaluate(() => document.documentElement.lang || undefined);
  const [before = '', after = ''] = label(lang, 'notesOf', '\u0000').split('\u0000');
  const [contBefore = '', contAfter = ''] = label(lang, 'continued', '\u0000').split('\u0000');
  return page.evaluate(({ pageHeight, before, after, contBefore, contAfter }) => {
    let carriedOver = 0;
    const queue = Array.from(document.querySelectorAll<HTMLElement>('.speaker-notes-pdf')).map((notes) => {
      const slide = notes.previousElementSibling?.querySelector('section h1, section h2');
      return { notes, title: `${before}${slide?.textContent ?? ''}${after}`, size: 26 };
    });
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { notes, title: heading } = next;
      const title = document.createElement('p');
      title.className = 'briefdeck-notes-title';
      title.textContent = heading;
      notes.prepend(title);
      notes.style.height = `${pageHeight}px`;
      // Padding inside the page's height, and nothing past it: the last notes page used to spill
      // onto a blank page of its own when the last slide had notes.
      notes.style.boxSizing = 'border-box';
      notes.style.overflow = 'hidden';
      let size = next.size;
      notes.style.fontSize = `${size}px`;
      while (notes.scrollHeight > notes.clientHeight && size > 12) {
        size -= 1;
        notes.style.fontSize = `${size}px`;
      }
      // Still too long at 12px: the last paragraphs go on to a page of their own after this one.
      const paragraphs = () => Array.from(notes.children).filter((child) => child !== title);
      if (notes.scrollHeight > notes.clientHeight && paragraphs().length > 1) {
        const rest = notes.cloneNode(false) as HTMLElement;
        while (notes.scrollHeight > notes.clientHeight && paragraphs().length > 1) rest.prepend(paragraphs().at(-1)!);
        notes.after(rest);
        carriedOver += 1;
        queue.unshift({ notes: rest, title: `${contBefore}${heading}${contAfter}`, size });
      }
    }
    // reveal.js breaks after every notes page, the last one too: a blank page at the end.
    const notesPages = document.querySelectorAll<HTMLElement>('.reveal .speaker-notes-pdf, .reveal .pdf-page');
    const last = notesPages[notesPages.length - 1];
    if (last) for (const element of [last, last.parentElement]) if (element) { element.style.breakAfter = 'auto'; element.style.pageBreakAfter = 'auto'; }
    return carriedOver;
  }, { pageHeight: height, before, after, contBefore, contAfter });
}

/** Set title, author and producer on a printed PDF. */
async function withMetadata(bytes: Uint8Array, outline: Outline, subject: string): Promise<{ bytes: Uint8Array; pages: number }> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  document.setTitle(outline.title, { showInWindowTitleBar: true });
  if (outline.author) document.setAuthor(outline.author);
  document.setSubject(subject);
  document.setCreator('briefdeck');
  document.setProducer('briefdeck (Chromium, pdf-lib)');
  document.setModificationDate(new Date());
  return { bytes: await document.save(), pages: document.getPageCount() };
}

/** The slides reveal.js laid out for print, and the notes pages among them. */
async function countPrintPages(page: Page): Promise<{ slides: number; notes: number }> {
  return page.evaluate(() => ({
    slides: document.querySelectorAll('.reveal .pdf-page').length,
    notes: document.querySelectorAll('.reveal .speaker-notes-pdf').length,
  }));
}

/**
 * Print a built deck to PDF: one page per slide (fragments shown, not split),
 * pages the slide's size (16:9 or 4:3), backgrounds printed, fonts embedded,
 * text selectable, a bookmark per slide heading, tagged where Chromium can.
 */
export async function printDeckToPdf(options: PdfOptions): Promise<PdfReport> {
  const mode = options.mode ?? 'slides';
  const progress = options.onProgress ?? (() => {});
  const folder = dirname(resolve(options.indexPath));
  const html = await readFile(options.indexPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BriefdeckError(`${options.indexPath}: cannot read the deck to print (${error.code ?? error.message})`, { file: options.indexPath, cause: error });
  });
  const size = /data-width="(\d+)"[^>]*data-height="(\d+)"/.exec(html);
  const width = Number(size?.[1] ?? 1280);
  const height = Number(size?.[2] ?? 720);

  if (!options.browser) progress({ phase: 'launch', message: 'starting Chromium' });
  const browser = options.browser ?? (await launchChromium());
  try {
    const blocked: string[] = [];
    const context = await sealedContext(browser, folder, { width, height }, blocked);
    try {
      progress({ phase: 'load', message: `laying out ${options.indexPath} for print` });
      const page = await openForPrint(context, options.indexPath, mode === 'notes');
      const counts = await countPrintPages(page);
      let printed: Uint8Array;
      // Notes pages carried over onto pages of their own (notes longer than a page), or handout pages so carried.
      let carriedOver = 0;
      if (mode === 'handout') {
        ({ printed, carriedOver } = await printHandout(context, page, options, counts.slides, progress));
      } else {
        if (mode === 'notes') carriedOver = await settleNotesPages(page, height);
        progress({ phase: 'print', message: `printing ${counts.slides} slides${mode === 'notes' ? ` and ${counts.notes} notes pages` : ''}` });
        printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
      }
      progress({ phase: 'metadata', message: 'setting title and author' });
      const subject = mode === 'handout' ? 'Handout' : mode === 'notes' ? 'Slides with speaker notes' : 'Slides';
      const { bytes, pages } = await withMetadata(printed, options.outline, subject);
      const expected = carriedOver + (mode === 'notes' ? counts.slides + counts.notes : mode === 'handout' ? Math.ceil(counts.slides / (options.layout ?? 1)) : counts.slides);
      if (pages !== expected) throw new Error(`Printed ${pages} pages for ${expected} expected (${counts.slides} slides): the print layout is off`);
      progress({ phase: 'write', message: `writing ${options.pdfPath}` });
      await writeFileAtomic(options.pdfPath, bytes);
      progress({ phase: 'done', message: `${options.pdfPath}: ${pages} pages` });
      return { pdfPath: options.pdfPath, pages, slides: counts.slides, mode, blocked };
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

/**
 * Make each one-slide handout page hold its notes: shrink their text from 10.5pt
 * (never below 7pt), then the slide (never below 40% of the width); the ruled
 * lines take what is left. Notes longer still go on to pages of their own after
 * it ("Title (cont.)", `continued` with the NUL where the title goes), whole
 * paragraphs at a time. Returns the slides (0-based) whose notes still do not
 * fit: a single paragraph longer than a page.
 */
export async function fitHandoutNotes(page: Page, continued = label(undefined, 'continued', '\u0000')): Promise<number[]> {
  return page.evaluate((continued) => {
    const unfit: number[] = [];
    const queue = Array.from(document.querySelectorAll<HTMLElement>('.handout-page'));
    for (let sheet = queue.shift(); sheet; sheet = queue.shift()) {
      const notes = sheet.querySelector<HTMLElement>('.handout-notes');
      const frame = sheet.querySelector<HTMLElement>('.handout-slide');
      if (!notes) continue;
      // No helper function in here: a bundler may wrap a named function in code the page does not have.
      for (let size = Number.parseFloat(notes.style.fontSize) || 10.5; sheet.scrollHeight > sheet.clientHeight + 1 && size > 7; ) {
        size -= 0.5;
        notes.style.fontSize = `${size}pt`;
      }
      for (let width = 100; frame && sheet.scrollHeight > sheet.clientHeight + 1 && width > 40; ) {
        width -= 5;
        frame.style.width = `${width}%`;
        frame.style.alignSelf = 'center';
      }
      const heading = notes.querySelector('h2');
      const paragraphs = () => Array.from(notes.children).filter((child) => child !== heading);
      if (sheet.scrollHeight > sheet.clientHeight + 1 && paragraphs().length > 1) {
        // A page of notes alone after this one: the same head, the title marked as continued, the last paragraphs.
        const next = sheet.cloneNode(false) as HTMLElement;
        const head = sheet.querySelector('.handout-head');
        if (head) next.append(head.cloneNode(true));
        next.dataset.slide = sheet.dataset.slide ?? frame?.dataset.slide;
        const rest = notes.cloneNode(false) as HTMLElement;
        rest.dataset.title = notes.dataset.title ?? heading?.textContent ?? '';
        const title = document.createElement('h2');
        title.textContent = continued.replace('\u0000', rest.dataset.title);
        rest.append(title);
        next.append(rest);
        sheet.after(next);
        while (sheet.scrollHeight > sheet.clientHeight + 1 && paragraphs().length > 1) title.after(paragraphs().at(-1)!);
        queue.unshift(next);
      }
      if (sheet.scrollHeight > sheet.clientHeight + 1) unfit.push(Number(sheet.dataset.slide ?? frame?.dataset.slide));
    }
    return unfit;
  }, continued);
}

/**
 * A handout: print the slides, print the handout pages (empty frames where the
 * slides go, notes and ruled lines by the layout), then draw each printed slide
 * into its frame, so slide text stays vector and selectable.
 */
async function printHandout(context: BrowserContext, deckPage: Page, options: PdfOptions, slideCount: number, progress: (progress: PdfProgress) => void): Promise<{ printed: Uint8Array; carriedOver: number }> {
  progress({ phase: 'print', message: `printing ${slideCount} slides` });
  const slidesPdf = await deckPage.pdf({ preferCSSPageSize: true, printBackground: true });
  const slides = options.outline.slides.filter((slide) => !slide.hidden);
  if (slides.length !== slideCount) throw new Error(`The deck has ${slideCount} slides but the outline ${slides.length}`);
  const paper = options.paper ?? 'a4';
  const layout = options.layout ?? 1;
  const { width, height } = await deckPage.evaluate(() => {
    const reveal = (window as unknown as { Reveal: { getConfig(): { width: number; height: number } } }).Reveal;
    return { width: reveal.getConfig().width, height: reveal.getConfig().height };
  });
  const page = await context.newPage();
  // The handout page is our own hast document, served from memory (never from disk or network).
  const lang = options.lang ?? (await deckPage.evaluate(() => document.documentElement.lang || undefined));
  await page.setContent(handoutHtml(options.outline, { paper, layout, aspect: width / height, lang }), { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const unfit = await fitHandoutNotes(page, label(lang, 'continued', '\u0000'));
  if (unfit.length > 0) {
    const slide = slides[unfit[0]!]!;
    throw new BriefdeckError(`${options.pdfPath}: slide ${unfit[0]! + 1} \`${slide.title}\`: its notes do not fit a handout page even in 7pt type beside a smaller slide; shorten them in the outline, or print them with --pdf-notes`, { file: options.pdfPath });
  }
  const frames = await page.evaluate(() => {
    const sheets = Array.from(document.querySelectorAll('.handout-page'));
    return Array.from(document.querySelectorAll<HTMLElement>('.handout-slide')).map((frame) => {
      const sheet = frame.closest('.handout-page')!;
      const sheetBox = sheet.getBoundingClientRect();
      const box = frame.getBoundingClientRect();
      return { sheet: sheets.indexOf(sheet), slide: Number(frame.dataset.slide), x: box.left - sheetBox.left, y: box.top - sheetBox.top, width: box.width, height: box.height };
    });
  });
  const sheetCount = await page.evaluate(() => document.querySelectorAll('.handout-page').length);
  const carriedOver = sheetCount - Math.ceil(slideCount / layout);
  progress({ phase: 'print', message: `printing ${sheetCount} handout pages (${paper}, ${layout} a page)` });
  const handout = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true }));
  await page.close();
  if (handout.getPageCount() !== sheetCount) throw new Error(`Printed ${handout.getPageCount()} handout pages for ${slideCount} slides at ${layout} a page`);
  if (frames.length !== slideCount || frames.some((frame, index) => frame.slide !== index)) throw new Error(`The handout has ${frames.length} slide frames for ${slideCount} slides`);
  const embedded = await handout.embedPdf(slidesPdf, [...Array(slideCount).keys()]);
  const cssPx = 0.75; // PDF points per CSS pixel
  const sheets = handout.getPages();
  for (const frame of frames) {
    const sheet = sheets[frame.sheet]!;
    const box = { x: frame.x * cssPx, y: sheet.getHeight() - (frame.y + frame.height) * cssPx, width: frame.width * cssPx, height: frame.height * cssPx };
    sheet.drawPage(embedded[frame.slide]!, box);
    // A hairline frame, so a white slide stands out from the white paper.
    sheet.drawRectangle({ ...box, borderColor: rgb(0.45, 0.45, 0.45), borderWidth: 0.75 });
  }
  return { printed: await handout.save(), carriedOver };
}
