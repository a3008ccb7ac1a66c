/**
 * What a build writes besides the deck folder, on request: the PDF, the PDF
 * with notes pages, the handout, the single-file deck and the PowerPoint file.
 * Called by the orchestrator after the deck is written; the PDFs are printed from it.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HandoutLayout, HandoutPaper } from '../render/handout.ts';
import type { PdfProgress } from './pdf.ts';
import type { PptxImage, PptxOptions } from '../render/pptx.ts';
import { isPathInside, readFileBounded, realpathOrAncestor } from './safe-path.ts';
import type { RenderedDeck } from '../render/render.ts';
import { BriefdeckError } from './errors.ts';
import { singleFileHtml } from '../render/single-file.ts';
import type { Outline } from '../types.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** Extra outputs of a build. All default to off. */
export interface ExportOptions {
  /** Write `<deck>/<name>.pdf`: one page per slide. */
  pdf?: boolean;
  /** Write `<deck>/<name>.notes.pdf`: each slide followed by a page of its notes. */
  pdfNotes?: boolean;
  /** Write `<deck>/<name>.handout.pdf` on this paper: portrait pages of `handoutLayout` slides. */
  handout?: HandoutPaper;
  /** Slides on a handout page: 1 (the default: the slide, its notes and ruled lines), 2, 3 (ruled lines beside each) or 6. */
  handoutLayout?: HandoutLayout;
  /** Write `<deck>/<name>.html`: the whole deck in one self-contained file. */
  singleFile?: boolean;
  /** Write `<deck>/<name>.pptx`: an editable PowerPoint file of the same slides. */
  pptx?: boolean;
  /** Progress while printing, tagged with the file being written. */
  onProgress?: (progress: PdfProgress & { file: string }) => void;
}

/** The extra files a build wrote, with the page count of each PDF. */
export interface ExportReport {
  pdf?: { path: string; pages: number };
  notesPdf?: { path: string; pages: number };
  handout?: { path: string; pages: number };
  singleFile?: string;
  /** The PowerPoint file, its slide count and the figures whose image it could not embed (shown by their alt text). */
  pptx?: { path: string; slides: number; missingImages: Array<{ slide: number; src: string; reason: string }> };
}

/**
 * Write the extra outputs asked for, beside the deck's `index.html` in `deckDir`.
 * `look` is how the deck was rendered (theme, shape, language, fit steps), for the PowerPoint file.
 */
export async function exportDeck(deck: RenderedDeck, deckDir: string, name: string, outline: Outline, options: ExportOptions, look: PptxOptions = {}): Promise<ExportReport> {
  const report: ExportReport = {};
  if (options.pptx) report.pptx = await writePptx(join(deckDir, `${name}.pptx`), outline, look);
  if (options.singleFile) {
    const contents = new Map<string, Uint8Array>();
    for (const asset of deck.assets) contents.set(asset.to, await readFile(asset.from));
    report.singleFile = join(deckDir, `${name}.html`);
    await writeFileAtomic(report.singleFile, singleFileHtml(deck, contents));
  }
  const jobs = [
    options.pdf && { key: 'pdf', mode: 'slides', path: join(deckDir, `${name}.pdf`) },
    options.pdfNotes && { key: 'notesPdf', mode: 'notes', path: join(deckDir, `${name}.notes.pdf`) },
    options.handout && { key: 'handout', mode: 'handout', path: join(deckDir, `${name}.handout.pdf`) },
  ].filter(Boolean) as Array<{ key: 'pdf' | 'notesPdf' | 'handout'; mode: 'slides' | 'notes' | 'handout'; path: string }>;
  if (jobs.length === 0) return report;
  // One browser for every PDF of the build.
  // Loaded only now: the plain build must stay fast, and pdf-lib and the browser driver are heavy.
  const [{ launchChromium }, { printDeckToPdf }] = await Promise.all([import('./browser.ts'), import('./pdf.ts')]);
  options.onProgress?.({ phase: 'launch', message: 'starting Chromium', file: jobs[0]!.path });
  const browser = await launchChromium();
  try {
    for (const job of jobs) {
      const printed = await printDeckToPdf({
        indexPath: join(deckDir, 'index.html'),
        pdfPath: job.path,
        outline,
        mode: job.mode,
        paper: options.handout,
        layout: options.handoutLayout,
        browser,
        onProgress: options.onProgress && ((progress) => options.onProgress!({ ...progress, file: job.path })),
      });
      report[job.key] = { path: job.path, pages: printed.pages };
    }
  } finally {
    await browser.close();
  }
  return report;
}

/**
 * Write the PowerPoint file atomically: it is made in memory, then written whole,
 * so a failure leaves the previous file (or none), never half of one.
 */
async function writePptx(path: string, outline: Outline, look: PptxOptions): Promise<NonNullable<ExportReport['pptx']>> {
  // pptxgenjs and its zip library load only for --pptx.
  const { outlineToPptx, PptxSlideError } = await import('../render/pptx.ts');
  const { images, refused } = await readDeckImages(resolve(path, '..'), outline);
  // Display formulas become pictures typeset by KaTeX in the offline Chromium, started only when there are any.
  const tex = outline.slides.filter((slide) => !slide.hidden).flatMap((slide) => (slide.blocks ?? []).flatMap((block) => (block.type === 'math' ? [block.value] : [])));
  const { THEMES, DEFAULT_THEME } = await import('../outline/themes.ts');
  const formulas = tex.length > 0 ? await (await import('./pptx-math.ts')).renderFormulas(tex, THEMES[look.theme ?? DEFAULT_THEME].pptx.text) : undefined;
  let written;
  try {
    written = await outlineToPptx(outline, { ...look, images, formulas });
  } catch (error) {
    if (error instanceof PptxSlideError) throw new BriefdeckError(`${path}: cannot write ${error.message}; no PowerPoint file written`, { file: path, cause: error });
    throw error;
  }
  try {
    await writeFileAtomic(path, written.data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new BriefdeckError(`${path}: cannot write the PowerPoint file: ${code}`, { file: path, cause: error });
    throw error;
  }
  const missingImages = written.missingImages.map((missing) => ({ ...missing, reason: refused.get(missing.src) ?? 'is not in the deck folder' }));
  return { path, slides: written.slides.length, missingImages };
}

/** Images larger than this are not embedded: no slide needs one, and the file must stay small enough to mail. */
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/**
 * The images of the outline's figures, read from the deck folder only (where the
 * build copies them): a path that leaves it, a web address, a file that is not a
 * PNG, JPEG or GIF is not read, with the reason.
 */
async function readDeckImages(deckDir: string, outline: Outline): Promise<{ images: Map<string, PptxImage>; refused: Map<string, string> }> {
  const images = new Map<string, PptxImage>();
  const refused = new Map<string, string>();
  const sources = new Set(outline.slides.filter((slide) => !slide.hidden).flatMap((slide) => (slide.blocks ?? []).flatMap((block) => (block.type === 'figure' ? [block.src] : []))));
  if (sources.size === 0) return { images, refused };
  const { imageSize } = await import('image-size');
  const root = await realpathOrAncestor(deckDir);
  for (const src of sources) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      refused.set(src, 'is a URL; only images in the deck folder are embedded');
      continue;
    }
    const file = resolve(deckDir, decodeURIComponent(src.split(/[?#]/)[0]!));
    if (!isPathInside(root, await realpathOrAncestor(file))) {
      refused.set(src, 'is outside the deck folder, not read');
      continue;
    }
    const data = await readFileBounded(file, MAX_IMAGE_BYTES, (size) => `${file}: image is ${(size / 1048576).toFixed(1)} MB`).catch((error: Error) => {
      refused.set(src, `cannot be read (${error.message})`);
      return undefined;
    });
    if (!data) continue;
    let size;
    try {
      size = imageSize(data);
    } catch {
      refused.set(src, 'is not an image briefdeck can read');
      continue;
    }
    const mime = ({ png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' } as const)[size.type as 'png' | 'jpg' | 'gif'];
    if (!mime || !size.width || !size.height) {
      refused.set(src, `is ${size.type ?? 'an unknown format'}; PowerPoint files embed PNG, JPEG and GIF`);
      continue;
    }
    images.set(src, { data, width: size.width, height: size.height, mime });
  }
  return { images, refused };
}
