/**
 * Real readers of a PowerPoint file for tests: `unzip` for its parts (parsed as
 * XML), LibreOffice Impress headless to convert it to PDF, poppler's pdftotext
 * for the words and their boxes, pdftoppm for pictures of the pages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOMParser } from 'linkedom';

/** The names of the parts (files) of a .pptx, as `unzip` lists them. */
export function pptxParts(path: string): string[] {
  return execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** One part of a .pptx parsed as XML. */
export function pptxXml(path: string, part: string): Document {
  const text = execFileSync('unzip', ['-p', path, part], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
}

/** The text of each paragraph (`a:p`) of a slide or notes part, runs joined. */
export function paragraphs(document: Document): string[] {
  return Array.from(document.getElementsByTagName('a:p'), (p) => Array.from(p.getElementsByTagName('a:t'), (t) => t.textContent ?? '').join('')).filter((text) => text !== '');
}

/** The shapes (`p:sp`) of a slide with their name, placeholder type and paragraphs. */
export function shapes(document: Document): Array<{ name: string; placeholder?: string; paragraphs: string[]; element: Element }> {
  return Array.from(document.getElementsByTagName('p:sp'), (sp) => {
    const placeholder = sp.getElementsByTagName('p:ph')[0]?.getAttribute('type') ?? undefined;
    return { name: sp.getElementsByTagName('p:cNvPr')[0]?.getAttribute('name') ?? '', placeholder, paragraphs: paragraphs(sp as unknown as Document), element: sp };
  });
}

/** Convert a .pptx to PDF with LibreOffice Impress headless (its own profile, so runs in parallel do not collide). Returns the PDF's path. */
export function impressToPdf(pptx: string): string {
  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  if (soffice.error) throw new Error('LibreOffice Impress is missing: install it with `apt-get install -y libreoffice-impress`');
  const out = mkdtempSync(join(tmpdir(), 'briefdeck-impress-'));
  const result = spawnSync(
    'soffice',
    [`-env:UserInstallation=${pathToFileURL(join(out, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, pptx],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const pdf = join(out, basename(pptx).replace(/\.pptx$/, '.pdf'));
  if (result.status !== 0) throw new Error(`soffice failed (${result.status}): ${result.stderr}`);
  return pdf;
}

/** A word of a PDF page with its box, in PDF points from the top left. */
export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The pages of a PDF with their size and words, as `pdftotext -bbox` reads them. */
export function pdfWords(pdf: string): Array<{ width: number; height: number; words: PdfWord[] }> {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const document = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  return Array.from(document.getElementsByTagName('page'), (page) => ({
    width: Number(page.getAttribute('width')),
    height: Number(page.getAttribute('height')),
    words: Array.from(page.getElementsByTagName('word'), (word) => ({
      text: word.textContent ?? '',
      xMin: Number(word.getAttribute('xMin')),
      yMin: Number(word.getAttribute('yMin')),
      xMax: Number(word.getAttribute('xMax')),
      yMax: Number(word.getAttribute('yMax')),
    })),
  }));
}

/** The plain text of each page of a PDF (`pdftotext`), as a reader searching it sees it. */
export function pdfPageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, -1);
}

/** Render the pages of a PDF as PNGs (`pdftoppm -png`) into a folder; returns their paths. */
export function pdfToPngs(pdf: string, resolution = 60): string[] {
  const out = mkdtempSync(join(tmpdir(), 'briefdeck-pages-'));
  execFileSync('pdftoppm', ['-png', '-r', String(resolution), pdf, join(out, 'page')]);
  return execFileSync('ls', [out], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((name) => join(out, name));
}
