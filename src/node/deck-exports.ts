/**
 * What a build writes besides the deck folder, on request: the PDF, the PDF
 * with notes pages, the handout and the single-file deck. Called by the
 * orchestrator after the deck is written; the PDFs are printed from it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandoutPaper } from '../render/handout.ts';
import type { PdfProgress } from './pdf.ts';
import type { RenderedDeck } from '../render/render.ts';
import { singleFileHtml } from '../render/single-file.ts';
import type { Outline } from '../types.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** Extra outputs of a build. All default to off. */
export interface ExportOptions {
  /** Write `<deck>/<name>.pdf`: one page per slide. */
  pdf?: boolean;
  /** Write `<deck>/<name>.notes.pdf`: each slide followed by a page of its notes. */
  pdfNotes?: boolean;
  /** Write `<deck>/<name>.handout.pdf` on this paper: a portrait page per slide with its notes and ruled lines. */
  handout?: HandoutPaper;
  /** Write `<deck>/<name>.html`: the whole deck in one self-contained file. */
  singleFile?: boolean;
  /** Progress while printing, tagged with the file being written. */
  onProgress?: (progress: PdfProgress & { file: string }) => void;
}

/** The extra files a build wrote, with the page count of each PDF. */
export interface ExportReport {
  pdf?: { path: string; pages: number };
  notesPdf?: { path: string; pages: number };
  handout?: { path: string; pages: number };
  singleFile?: string;
}

/** Write the extra outputs asked for, beside the deck's `index.html` in `deckDir`. */
export async function exportDeck(deck: RenderedDeck, deckDir: string, name: string, outline: Outline, options: ExportOptions): Promise<ExportReport> {
  const report: ExportReport = {};
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
