/**
 * The handout: one portrait page per slide (A4 or Letter), an empty frame on
 * top where the PDF exporter draws the printed slide, the slide's speaker
 * notes below it, then ruled lines to write on. A hast document like the deck.
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { inlineToHast, type RichContext } from './blocks.ts';
import type { Outline } from '../types.ts';
import { isRightToLeft } from '../text/language.ts';
import { label } from '../text/labels.ts';

/** Paper sizes a handout prints on, with their CSS `@page` size. */
export const HANDOUT_PAPERS = {
  a4: { cssSize: 'A4 portrait', width: '210mm', height: '297mm' },
  letter: { cssSize: 'letter portrait', width: '8.5in', height: '11in' },
} as const;

export type HandoutPaper = keyof typeof HANDOUT_PAPERS;

export function isHandoutPaper(value: string): value is HandoutPaper {
  return Object.hasOwn(HANDOUT_PAPERS, value);
}

/** Ruled lines per page at most (a Letter or A4 page below a slide and no notes holds about 22). */
const MAX_RULES = 30;

export interface HandoutOptions {
  /** Default `a4`. */
  paper?: HandoutPaper;
  /** Slide width over height; default 16/9. */
  aspect?: number;
  /** Language tag; default `en`. */
  lang?: string;
}

function stylesheet(paper: HandoutPaper, aspect: number): string {
  const { cssSize, width, height } = HANDOUT_PAPERS[paper];
  return `
@page { size: ${cssSize}; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff; }
.handout-page { box-sizing: border-box; width: ${width}; height: ${height}; padding: 12mm 16mm 10mm; display: flex; flex-direction: column; overflow: hidden; break-after: page; }
.handout-page:last-child { break-after: auto; }
.handout-head { display: flex; justify-content: space-between; font-size: 9pt; color: #444; margin: 0 0 3mm; }
.handout-slide { flex: none; width: 100%; aspect-ratio: ${aspect.toFixed(4)}; }
.handout-notes { flex: none; font-size: 10.5pt; line-height: 1.4; margin: 5mm 0 0; }
.handout-notes h2 { font-size: 11pt; margin: 0 0 2mm; }
.handout-notes p { margin: 0 0 2mm; }
.handout-notes code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
.handout-notes a { color: inherit; }
.handout-notes math { font-size: 1.1em; }
.handout-lines { flex: 1 1 0; min-height: 0; margin-top: 1mm; overflow: hidden; }
.handout-rule { height: 8mm; box-sizing: border-box; border-bottom: 0.3mm solid #8a8a8a; }
`;
}

/** The handout of an outline's shown slides as a hast tree. */
export function toHandoutHast(outline: Outline, options: HandoutOptions = {}): Root {
  const paper = options.paper ?? 'a4';
  const slides = outline.slides.filter((slide) => !slide.hidden);
  // Notes are Markdown inline text: emphasis, links and code as HTML, formulas as MathML (this page loads no KaTeX files).
  const context: RichContext = { mathOutput: 'mathml', lang: options.lang };
  const pages = slides.map((slide, index) => {
    const notes = slide.notes
      .split(/\n\s*\n/)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => h('p', inlineToHast(text, context)));
    return h('section.handout-page', { ariaLabel: label(options.lang, 'slideTitled', index + 1, slide.title) }, [
      h('div.handout-head', [h('span', outline.title), h('span', label(options.lang, 'slideOf', index + 1, slides.length))]),
      h('div.handout-slide', { role: 'img', ariaLabel: label(options.lang, 'slideTitled', index + 1, slide.title) }),
      h('div.handout-notes', [h('h2', slide.title), ...(notes.length > 0 ? notes : [h('p', label(options.lang, 'noNotes'))])]),
      // Ruled lines to write on; the box clips the ones that do not fit below the notes.
      h('div.handout-lines', { ariaHidden: 'true' }, Array.from({ length: MAX_RULES }, () => h('div.handout-rule'))),
    ]);
  });
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: options.lang ?? 'en', dir: isRightToLeft(options.lang) ? 'rtl' : undefined }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('title', `${outline.title}: handout`), h('style', stylesheet(paper, options.aspect ?? 16 / 9))]),
        h('body', [h('main', pages)]),
      ]),
    ],
  };
}

/** The handout as HTML. */
export function handoutHtml(outline: Outline, options: HandoutOptions = {}): string {
  return toHtml(toHandoutHast(outline, options));
}
