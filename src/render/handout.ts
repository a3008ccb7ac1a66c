/**
 * The handout: portrait pages (A4 or Letter) holding 1, 2, 3 or 6 slides each,
 * laid out like PowerPoint's handout masters. Each slide is an empty frame the
 * PDF exporter draws the printed slide into. A hast document like the deck.
 *
 * - 1 a page (the default): the slide on top, its speaker notes below, then ruled lines to write on.
 * - 2 a page: two slides stacked, each with its number and title; no notes.
 * - 3 a page: three slides down the left, ruled lines beside each for the audience's notes.
 * - 6 a page: two columns of three slides, each with its number and title; no notes.
 */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { inlineToHast, type RichContext } from './blocks.ts';
import type { Outline, Slide } from '../types.ts';
import { isRightToLeft } from '../text/language.ts';
import { label } from '../text/labels.ts';

/** Paper sizes a handout prints on, with their CSS `@page` size and their size in millimetres. */
export const HANDOUT_PAPERS = {
  a4: { cssSize: 'A4 portrait', width: '210mm', height: '297mm', mm: { width: 210, height: 297 } },
  letter: { cssSize: 'letter portrait', width: '8.5in', height: '11in', mm: { width: 215.9, height: 279.4 } },
} as const;

export type HandoutPaper = keyof typeof HANDOUT_PAPERS;

export function isHandoutPaper(value: string): value is HandoutPaper {
  return Object.hasOwn(HANDOUT_PAPERS, value);
}

/** Slides a handout page holds. */
export const HANDOUT_LAYOUTS = [1, 2, 3, 6] as const;

export type HandoutLayout = (typeof HANDOUT_LAYOUTS)[number];

export function isHandoutLayout(value: number): value is HandoutLayout {
  return (HANDOUT_LAYOUTS as readonly number[]).includes(value);
}

/** Ruled lines per page at most (a Letter or A4 page below a slide and no notes holds about 22). */
const MAX_RULES = 30;

/** Page margins and the running head, in millimetres. */
const PAGE = { top: 12, side: 16, bottom: 10, head: 8 };
/** Room under a slide for its number and title (two lines of 8pt), in millimetres. */
const CAPTION = 9;
/** Space between cells, and in the 3-up layout between a slide and its lines, in millimetres. */
const GAP = { row: 6, column: 8, lines: 6 };
/** Width of the slide in the 3-up layout, as a share of the page's text width; the lines take the rest. */
const THREE_UP_SLIDE_SHARE = 0.55;
/** Height of a ruled line, in millimetres. */
const RULE = 8;

export interface HandoutOptions {
  /** Default `a4`. */
  paper?: HandoutPaper;
  /** Slides a page; default 1. */
  layout?: HandoutLayout;
  /** Slide width over height; default 16/9. */
  aspect?: number;
  /** Language tag; default `en`. */
  lang?: string;
}

/** Where things go on a page of a multi-slide layout, in millimetres. */
export interface HandoutGeometry {
  rows: number;
  columns: number;
  /** One cell of the grid. */
  cell: { width: number; height: number };
  /** The slide's frame in a cell. */
  slide: { width: number; height: number };
}

/**
 * The grid of a multi-slide handout page: cells that fill the page's text area,
 * and the largest frame of the slide's shape that fits a cell with its caption
 * (in the 3-up layout, a share of the width, the ruled lines beside it).
 */
export function handoutGeometry(paper: HandoutPaper, layout: Exclude<HandoutLayout, 1>, aspect: number): HandoutGeometry {
  const { mm } = HANDOUT_PAPERS[paper];
  const width = mm.width - 2 * PAGE.side;
  const height = mm.height - PAGE.top - PAGE.bottom - PAGE.head;
  const [rows, columns] = layout === 2 ? [2, 1] : layout === 3 ? [3, 1] : [3, 2];
  const cell = { width: (width - (columns - 1) * GAP.column) / columns, height: (height - (rows - 1) * GAP.row) / rows };
  const maxWidth = layout === 3 ? cell.width * THREE_UP_SLIDE_SHARE : cell.width;
  const slideWidth = Math.min(maxWidth, (cell.height - CAPTION) * aspect);
  return { rows, columns, cell, slide: { width: slideWidth, height: slideWidth / aspect } };
}

const mm = (value: number) => `${value.toFixed(2)}mm`;

function stylesheet(paper: HandoutPaper, layout: HandoutLayout, aspect: number): string {
  const { cssSize, width, height } = HANDOUT_PAPERS[paper];
  const common = `
@page { size: ${cssSize}; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff; }
.handout-page { box-sizing: border-box; width: ${width}; height: ${height}; padding: ${PAGE.top}mm ${PAGE.side}mm ${PAGE.bottom}mm; display: flex; flex-direction: column; overflow: hidden; break-after: page; }
.handout-page:last-child { break-after: auto; }
.handout-head { flex: none; display: flex; justify-content: space-between; gap: 4mm; font-size: 9pt; color: #444; margin: 0 0 3mm; }
.handout-rule { height: ${RULE}mm; box-sizing: border-box; border-bottom: 0.3mm solid #8a8a8a; }
`;
  if (layout === 1) {
    return `${common}
.handout-slide { flex: none; width: 100%; aspect-ratio: ${aspect.toFixed(4)}; }
.handout-notes { flex: none; font-size: 10.5pt; line-height: 1.4; margin: 5mm 0 0; }
.handout-notes h2 { font-size: 11pt; margin: 0 0 2mm; }
.handout-notes p { margin: 0 0 2mm; }
.handout-notes code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
.handout-notes a { color: inherit; }
.handout-notes math { font-size: 1.1em; }
.handout-lines { flex: 1 1 0; min-height: 0; margin-top: 1mm; overflow: hidden; }
`;
  }
  const geometry = handoutGeometry(paper, layout, aspect);
  return `${common}
.handout-head { height: ${PAGE.head - 3}mm; }
.handout-grid { flex: none; display: grid; grid-template-columns: repeat(${geometry.columns}, ${mm(geometry.cell.width)}); grid-template-rows: repeat(${geometry.rows}, ${mm(geometry.cell.height)}); gap: ${GAP.row}mm ${GAP.column}mm; }
.handout-cell { box-sizing: border-box; display: flex; flex-direction: row; gap: ${GAP.lines}mm; overflow: hidden; justify-content: ${layout === 3 ? 'flex-start' : 'center'}; }
.handout-figure { flex: none; width: ${mm(geometry.slide.width)}; margin: 0; }
.handout-slide { width: ${mm(geometry.slide.width)}; height: ${mm(geometry.slide.height)}; }
.handout-caption { height: ${CAPTION}mm; box-sizing: border-box; padding-top: 1.5mm; font-size: 8pt; line-height: 1.2; color: #333; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; }
.handout-lines { flex: 1 1 0; min-width: 0; height: ${mm(geometry.slide.height + CAPTION)}; overflow: hidden; }
`;
}

/** A slide's notes as paragraphs of rendered inline Markdown. */
function notesParagraphs(slide: Slide, lang: string | undefined): Element[] {
  // Notes are Markdown inline text: emphasis, links and code as HTML, formulas as MathML (this page loads no KaTeX files).
  const context: RichContext = { mathOutput: 'mathml' };
  const notes = slide.notes
    .split(/\n\s*\n/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => h('p', inlineToHast(text, context)));
  return notes.length > 0 ? notes : [h('p', label(lang, 'noNotes'))];
}

/** Ruled lines to write on; their box clips the ones that do not fit. */
function rules(count: number): Element {
  return h('div.handout-lines', { ariaHidden: 'true' }, Array.from({ length: count }, () => h('div.handout-rule')));
}

/** The handout of an outline's shown slides as a hast tree. */
export function toHandoutHast(outline: Outline, options: HandoutOptions = {}): Root {
  const paper = options.paper ?? 'a4';
  const layout = options.layout ?? 1;
  const aspect = options.aspect ?? 16 / 9;
  const lang = options.lang;
  const slides = outline.slides.filter((slide) => !slide.hidden);
  const pages: Element[] = [];
  if (layout === 1) {
    slides.forEach((slide, index) => {
      const name = label(lang, 'slideTitled', index + 1, slide.title);
      pages.push(
        h('section.handout-page', { ariaLabel: name }, [
          h('div.handout-head', [h('span', outline.title), h('span', label(lang, 'slideOf', index + 1, slides.length))]),
          h('div.handout-slide', { role: 'img', ariaLabel: name, dataSlide: index }),
          h('div.handout-notes', [h('h2', slide.title), ...notesParagraphs(slide, lang)]),
          rules(MAX_RULES),
        ]),
      );
    });
  } else {
    const geometry = handoutGeometry(paper, layout, aspect);
    const linesPerSlide = Math.floor((geometry.slide.height + CAPTION) / RULE);
    for (let first = 0; first < slides.length; first += layout) {
      const last = Math.min(first + layout, slides.length);
      const cells = slides.slice(first, last).map((slide, offset) => {
        const index = first + offset;
        const name = label(lang, 'slideTitled', index + 1, slide.title);
        const figure = h('figure.handout-figure', [h('div.handout-slide', { role: 'img', ariaLabel: name, dataSlide: index }), h('figcaption.handout-caption', name)]);
        return h('div.handout-cell', layout === 3 ? [figure, rules(linesPerSlide)] : [figure]);
      });
      const range = `${last === first + 1 ? first + 1 : `${first + 1}–${last}`} / ${slides.length}`;
      pages.push(
        h('section.handout-page', { ariaLabel: `${outline.title}: ${range}` }, [
          h('div.handout-head', [h('span', outline.title), h('span', range)]),
          h('div.handout-grid', cells),
        ]),
      );
    }
  }
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: lang ?? 'en', dir: isRightToLeft(lang) ? 'rtl' : undefined }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('title', `${outline.title}: handout`), h('style', stylesheet(paper, layout, aspect))]),
        h('body', [h('main', pages)]),
      ]),
    ],
  };
}

/** The handout as HTML. */
export function handoutHtml(outline: Outline, options: HandoutOptions = {}): string {
  return toHtml(toHandoutHast(outline, options));
}
