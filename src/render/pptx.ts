/**
 * PowerPoint: a fitted {@link Outline} -> an editable `.pptx`, written with
 * pptxgenjs. One PowerPoint slide per deck slide, in the deck's order; every
 * title and bullet is real text (the title in the slide's title placeholder,
 * bullets as bulleted paragraphs), the notes in the notes pages.
 *
 * The boxes and font sizes come from the slide-fit model (`slideBlocks` in
 * `src/fit/fit.ts`): the same blocks as the HTML deck, measured with the glyph
 * widths of the typeface the file names, with exact line spacing so every
 * reader lays the lines out at the model's heights. Nothing relies on
 * PowerPoint's shrink-on-overflow, which LibreOffice and others ignore.
 *
 * Pure: no file is read or written here. The file writing is in
 * `src/node/deck-exports.ts`.
 */
import { isRightToLeft } from '../text/language.ts';
import { label } from '../text/labels.ts';
import type { PhrasingContent } from 'mdast';
import { blocksHeight, FIT_SCALES, LAYOUT, lineCount, slideBlocks, slideContentRoom, textWidth, type FontWidths, type FitBlock } from '../fit/fit.ts';
import { PPTX_FONT_WIDTHS } from '../fit/pptx-metrics.ts';
import { DEFAULT_THEME, THEMES, type PptxLook, type ThemeName } from '../outline/themes.ts';
import { inlineFromMarkdown, inlinePlainText } from '../text/inline-markdown.ts';
import type { FigureBlock, Outline, Slide, SlideBlock, SlideKind, TableBlock } from '../types.ts';
import { SLIDE_SIZES, type Aspect } from './render.ts';

export interface PptxOptions {
  theme?: ThemeName;
  /** Slide shape; default `16:9` (13.33 x 7.5 in), `4:3` is 10 x 7.5 in. */
  aspect?: Aspect;
  /** BCP 47 language tag of the deck, default `en`. */
  lang?: string;
  /** The deck's fit step of each slide of the outline (hidden ones included), from `fitOutline`; default 0. */
  fit?: readonly number[];
  /**
   * The images of the figures, by the figure's `src`, read by the caller from
   * the deck folder. A figure whose image is missing shows its alt text and is
   * listed in {@link PptxDeck.missingImages}.
   */
  images?: ReadonlyMap<string, PptxImage>;
  /**
   * Pictures of the display formulas, by their TeX, typeset by the caller
   * (PowerPoint's own math is not read alike by other readers). A formula
   * without one shows its TeX source.
   */
  formulas?: ReadonlyMap<string, PptxImage>;
}

/** An image to embed: its bytes, pixel size and MIME type (PNG, JPEG or GIF). */
export interface PptxImage {
  data: Uint8Array;
  width: number;
  height: number;
  mime: 'image/png' | 'image/jpeg' | 'image/gif';
}

/**
 * Text sizes below the deck's floor, used only where PowerPoint's typeface is
 * wider than the deck's web font and a slide the deck shows at the floor would
 * not fit otherwise. Fractions of the full body size, like `FIT_SCALES`.
 */
export const PPTX_EXTRA_SCALES = [0.66, 0.6] as const;

/** A text box of a PowerPoint slide, in inches, with what it holds. */
export interface PptxBox {
  x: number;
  y: number;
  w: number;
  h: number;
  blocks: FitBlock[];
}

/** How one slide is laid out in the file: the model's blocks in boxes, at one text size. */
export interface PptxSlidePlan {
  kind: SlideKind;
  title: string;
  /** Body text size as a fraction of the full size (`FIT_SCALES`, then `PPTX_EXTRA_SCALES`). */
  scale: number;
  /** Body text size in points. */
  bodyPt: number;
  /** The section label above a continuing slide's title. */
  labelBox?: PptxBox;
  /** The title placeholder. */
  titleBox: PptxBox;
  /** The rule under a content slide's title: y and thickness in inches. */
  rule?: { y: number; thickness: number };
  /** Paragraphs and bullets (a title slide's subtitle and byline), when there are any. */
  bodyBox?: PptxBox;
  /** The room below the text for the slide's tables, figures, code, formulas and quotes, in inches. */
  exhibitRoom?: { x: number; y: number; w: number; h: number };
  /** Where the model puts the bottom of the slide's last line of text, in inches from the top. */
  contentBottom: number;
  /** Whether the content fits the slide at this size (false: the deck warned about it too). */
  fits: boolean;
  /** Name of the slide layout the slide uses. */
  layout: string;
}

/** The written file and how its slides were laid out. */
export interface PptxDeck {
  data: Uint8Array;
  slides: PptxSlidePlan[];
  /** Slide width and height in inches. */
  size: { width: number; height: number };
  /** Figures whose image was not given: 1-based slide number and the figure's `src`. */
  missingImages: Array<{ slide: number; src: string }>;
}

/** A slide that could not be written: names the slide (1-based, as the deck numbers it) and its title. */
export class PptxSlideError extends Error {
  override name = 'PptxSlideError';
  constructor(
    readonly slideNumber: number,
    readonly slideTitle: string,
    cause: unknown,
  ) {
    super(`slide ${slideNumber} (${slideTitle}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Slide sizes in inches: PowerPoint's widescreen and standard sizes. */
const SLIDE_INCHES: Record<Aspect, { width: number; height: number }> = {
  '16:9': { width: 13.333, height: 7.5 },
  '4:3': { width: 10, height: 7.5 },
};

const LAYOUT_NAMES: Record<SlideKind, string> = {
  title: 'Title',
  'key-points': 'Key points',
  agenda: 'Agenda',
  content: 'Content',
  closing: 'Closing',
  exhibit: 'Exhibit',
  quote: 'Quote',
};

/** Characters XML cannot hold (controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF): shown as U+FFFD, as a browser would. */
function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The language tag PowerPoint expects (language-REGION): `en` becomes `en-US`, `de` `de-DE`; a tag with a region stays. */
export function pptxLanguage(lang: string | undefined): string {
  try {
    const locale = new Intl.Locale(lang ?? 'en');
    const region = locale.region ?? locale.maximize().region;
    return region ? `${locale.language}-${region}` : locale.language;
  } catch {
    return 'en-US';
  }
}

/** The smallest step down from the deck's text size at which the slide fits with these glyph widths. */
function pptxScale(slide: Slide, deckStep: number, widths: FontWidths, aspect: Aspect): { scale: number; blocks: FitBlock[]; fits: boolean } {
  const { width } = SLIDE_SIZES[aspect];
  const room = slideContentRoom(aspect);
  const scales = [...FIT_SCALES.slice(Math.min(deckStep, FIT_SCALES.length - 1)), ...PPTX_EXTRA_SCALES];
  const base = width * LAYOUT.fontPerWidth;
  for (const scale of scales) {
    const blocks = slideBlocks(slide, widths, base * scale, width);
    if (blocksHeight(blocks) <= room) return { scale, blocks, fits: true };
  }
  const scale = scales.at(-1)!;
  return { scale, blocks: slideBlocks(slide, widths, base * scale, width), fits: false };
}

/** Lay one slide out: the model's blocks in a title box and a body box, in inches. */
export function planPptxSlide(slide: Slide, deckStep: number, look: PptxLook, aspect: Aspect): Omit<PptxSlidePlan, 'layout'> {
  const { width, height } = SLIDE_SIZES[aspect];
  const inch = SLIDE_INCHES[aspect].width / width;
  const { scale, blocks, fits } = pptxScale(slide, deckStep, PPTX_FONT_WIDTHS[look.typeface], aspect);
  // A continuing slide's section label sits above its title.
  const titleAt = blocks.findIndex((block) => block.role === 'title');
  const above = blocks.slice(0, titleAt);
  const title = blocks[titleAt];
  const rest = blocks.slice(titleAt + 1);
  const centred = slide.kind === 'title' || slide.kind === 'closing';
  const roomTop = LAYOUT.paddingTopPx;
  // Title and closing slides centre their content between the top padding and a bottom padding of the reserve (a flex column in the stylesheet).
  const roomBottom = height - LAYOUT.bottomReservePx;
  const top = centred ? roomTop + Math.max(0, (roomBottom - roomTop - blocksHeight(blocks)) / 2) : roomTop;
  const x = LAYOUT.paddingXPx;
  const w = width - 2 * LAYOUT.paddingXPx;
  const textHeight = title!.lines * title!.lineHeight;
  const box = (y: number, h: number, held: FitBlock[]): PptxBox => ({ x: x * inch, y: y * inch, w: w * inch, h: h * inch, blocks: held });
  const titleTop = above.length > 0 ? top + blocksHeight(above) + above.at(-1)!.margin : top;
  const plan: Omit<PptxSlidePlan, 'layout'> = {
    kind: slide.kind,
    title: slide.title,
    scale,
    bodyPt: width * LAYOUT.fontPerWidth * scale * inch * 72,
    titleBox: box(titleTop, textHeight, [title!]),
    contentBottom: (top + blocksHeight(blocks)) * inch,
    fits,
  };
  if (above.length > 0) plan.labelBox = box(top, blocksHeight(above), above);
  // The stylesheet draws the rule under every title but a closing slide's.
  if (slide.kind !== 'closing' && slide.kind !== 'title') {
    const thickness = LAYOUT.h2.borderPx;
    plan.rule = { y: (titleTop + title!.height - thickness / 2) * inch, thickness: thickness * inch };
  }
  const exhibits = slide.blocks ?? [];
  const bodyTop = titleTop + title!.height + title!.margin;
  if (rest.length > 0) {
    const needed = blocksHeight(rest);
    // A content slide's body box reaches down to the bottom of the room, so a person adding a line has space; centred slides and slides with exhibits keep a tight box.
    plan.bodyBox = box(bodyTop, centred || exhibits.length > 0 ? needed : Math.max(needed, roomBottom - bodyTop), rest);
  }
  if (exhibits.length > 0) {
    const exhibitTop = rest.length > 0 ? bodyTop + blocksHeight(rest) + rest.at(-1)!.margin : bodyTop;
    plan.exhibitRoom = { x: x * inch, y: exhibitTop * inch, w: w * inch, h: Math.max(0, roomBottom - exhibitTop) * inch };
  }
  return plan;
}

/** The key of the slide layout a planned slide needs: its kind and the title placeholder's geometry and size. */
function layoutKey(plan: Omit<PptxSlidePlan, 'layout'>): string {
  const { x, y, w, h, blocks } = plan.titleBox;
  return JSON.stringify([plan.kind, x, y, w, h, blocks[0]!.size]);
}

/** Points per CSS pixel of the deck. */
function pointsPerPixel(aspect: Aspect): number {
  return (SLIDE_INCHES[aspect].width * 72) / SLIDE_SIZES[aspect].width;
}

/** pptxgenjs, loaded only when a PowerPoint file is asked for. */
async function loadPptxGen(): Promise<new () => import('pptxgenjs').default> {
  const module = (await import('pptxgenjs')) as unknown as { default?: unknown };
  let value: unknown = module;
  // ESM, CommonJS through a bundler, or CommonJS with interop: the constructor sits one or two `default`s deep.
  while (typeof value !== 'function' && value && typeof value === 'object' && 'default' in value) value = (value as { default: unknown }).default;
  if (typeof value !== 'function') throw new TypeError('pptxgenjs did not load as a constructor');
  return value as new () => import('pptxgenjs').default;
}

/**
 * Write an outline, as the deck shows it (hidden slides left out), to a
 * PowerPoint file: the theme's colours and typeface on every slide layout,
 * one layout per slide kind (and title size), the slide number on every slide,
 * the notes in the notes pages, title, author and subject in the properties.
 */
export async function outlineToPptx(outline: Outline, options: PptxOptions = {}): Promise<PptxDeck> {
  const theme = THEMES[options.theme ?? DEFAULT_THEME];
  const look = theme.pptx;
  const aspect = options.aspect ?? '16:9';
  const lang = pptxLanguage(options.lang);
  const pt = pointsPerPixel(aspect);
  const inch = SLIDE_INCHES[aspect].width / SLIDE_SIZES[aspect].width;
  const PptxGen = await loadPptxGen();
  const pptx = new PptxGen();
  pptx.layout = aspect === '16:9' ? 'LAYOUT_WIDE' : 'LAYOUT_4x3';
  pptx.title = xmlSafe(outline.title);
  if (outline.author) pptx.author = xmlSafe(outline.author);
  if (outline.subtitle) pptx.subject = xmlSafe(outline.subtitle);
  pptx.company = '';
  pptx.theme = { headFontFace: look.typeface, bodyFontFace: look.typeface };

  const shown = outline.slides.map((slide, index) => ({ slide, step: options.fit?.[index] ?? 0 })).filter(({ slide }) => !slide.hidden);
  const plans: PptxSlidePlan[] = [];
  const missingImages: PptxDeck['missingImages'] = [];
  const layouts = new Map<string, string>();
  const kindCounts = new Map<SlideKind, number>();
  // A right-to-left deck (Arabic, Hebrew, ...): its paragraphs right to left and aligned right, the presentation too.
  const rtl = isRightToLeft(options.lang);
  if (rtl) pptx.rtlMode = true;
  const align = rtl ? 'right' : 'left';
  const run = (block: FitBlock) => ({ fontFace: look.typeface, fontSize: round(block.size * pt), lang, ...(rtl ? { rtlMode: true } : {}) });

  shown.forEach(({ slide, step }, index) => {
    try {
      const planned = planPptxSlide(slide, step, look, aspect);
      const key = layoutKey(planned);
      let layout = layouts.get(key);
      if (!layout) {
        const count = (kindCounts.get(slide.kind) ?? 0) + 1;
        kindCounts.set(slide.kind, count);
        layout = count === 1 ? LAYOUT_NAMES[slide.kind] : `${LAYOUT_NAMES[slide.kind]} ${count}`;
        layouts.set(key, layout);
        const title = planned.titleBox;
        const block = title.blocks[0]!;
        pptx.defineSlideMaster({
          title: layout,
          background: { color: look.background },
          slideNumber: { x: 8 * inch, y: (SLIDE_SIZES[aspect].height - 8 - 24) * inch, w: 60 * inch, h: 24 * inch, fontFace: look.typeface, fontSize: round(18 * pt), color: look.text, margin: 0, valign: 'bottom' },
          objects: [
            {
              placeholder: {
                options: {
                  name: 'title',
                  type: 'title',
                  x: title.x,
                  y: title.y,
                  w: title.w,
                  h: title.h,
                  ...run(block),
                  bold: true,
                  color: look.heading,
                  align,
                  valign: 'top',
                  margin: 0,
                  // Not in pptxgenjs's placeholder type, but honoured: the title's lines at the model's exact height.
                  ...({ lineSpacing: round(block.lineHeight * pt) } as object),
                },
                text: '',
              },
            },
          ],
        });
      }
      const plan: PptxSlidePlan = { ...planned, layout };
      plans.push(plan);
      const page = pptx.addSlide({ masterName: layout });
      page.addText(xmlSafe(inlinePlainText(slide.title)), { placeholder: 'title' });
      if (plan.rule) {
        page.addShape('line', { x: plan.titleBox.x, y: plan.rule.y, w: plan.titleBox.w, h: 0, line: { color: look.heading, width: round(plan.rule.thickness * 72) } });
      }
      const textBox = ({ x, y, w, h, blocks }: PptxBox, objectName: string, color: string) => {
        const paragraphs = blocks.flatMap((block, i) => {
          const paragraph = {
            ...run(block),
            color,
            lineSpacing: round(block.lineHeight * pt),
            paraSpaceAfter: round(block.margin * pt),
            bullet: block.role === 'bullet' ? { characterCode: '2022', indent: round(block.size * LAYOUT.listIndent * pt) } : false,
            indentLevel: 0,
          };
          const runs = inlineRuns(block.text, look);
          return runs.map((piece, r) => ({ text: piece.text, options: { ...paragraph, ...piece.options, breakLine: r === runs.length - 1 && i < blocks.length - 1 } }));
        });
        page.addText(paragraphs, { x, y, w, h, margin: 0, valign: 'top', align, fit: 'none', wrap: true, objectName });
      };
      if (plan.labelBox) textBox(plan.labelBox, 'Section', look.heading);
      if (plan.bodyBox) textBox(plan.bodyBox, slide.kind === 'title' ? 'Subtitle' : 'Text', look.text);
      if (plan.exhibitRoom) addExhibits(page, slide.blocks ?? [], plan.exhibitRoom, plan.bodyPt, look, lang, options, (src) => missingImages.push({ slide: index + 1, src }));
      if (slide.notes.trim()) page.addNotes(xmlSafe(slide.notes.trim().split(/\n\s*\n/).map(inlinePlainText).join('\n\n')));
    } catch (error) {
      throw new PptxSlideError(index + 1, slide.title, error);
    }
  });
  const data = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Uint8Array;
  return { data, slides: plans, size: SLIDE_INCHES[aspect], missingImages };
}

/** Round to two decimals: points and inches in the file, without float noise. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

type PptxSlide = import('pptxgenjs').default.Slide;
type RunOptions = { bold?: boolean; italic?: boolean; strike?: 'sngStrike'; fontFace?: string; hyperlink?: { url: string } };

/** The monospace typeface of code (Liberation Mono on Linux, the same widths), and its advance width in em. */
const CODE_TYPEFACE = 'Courier New';
const CODE_ADVANCE = 0.6;

/**
 * Markdown inline text (a bullet, a paragraph, a cell) as text runs: strong is
 * bold, emphasis italic, strikethrough struck, code and math in the monospace
 * face, links clickable when they are web or mail links.
 */
export function inlineRuns(markdown: string, look: PptxLook): Array<{ text: string; options: RunOptions }> {
  const runs: Array<{ text: string; options: RunOptions }> = [];
  const walk = (nodes: readonly PhrasingContent[], style: RunOptions) => {
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'html') runs.push({ text: node.value, options: style });
      else if (node.type === 'strong') walk(node.children, { ...style, bold: true });
      else if (node.type === 'emphasis') walk(node.children, { ...style, italic: true });
      else if (node.type === 'delete') walk(node.children, { ...style, strike: 'sngStrike' });
      else if (node.type === 'inlineCode') runs.push({ text: node.value, options: { ...style, fontFace: CODE_TYPEFACE } });
      else if (node.type === 'link') walk(node.children, /^(https?:|mailto:)/i.test(node.url) ? { ...style, hyperlink: { url: node.url } } : style);
      else if (node.type === 'break') runs.push({ text: ' ', options: style });
      else if (node.type === 'image') runs.push({ text: node.alt ?? '', options: style });
      else if ((node as { type: string }).type === 'inlineMath') runs.push({ text: (node as unknown as { value: string }).value, options: { ...style, italic: true, fontFace: look.typeface } });
      else if ('children' in node) walk(node.children as PhrasingContent[], style);
      else if ('value' in node) runs.push({ text: String((node as { value: unknown }).value), options: style });
    }
  };
  walk(inlineFromMarkdown(markdown), {});
  const merged = runs.filter((piece) => piece.text !== '').map((piece) => ({ text: xmlSafe(piece.text), options: piece.options }));
  return merged.length > 0 ? merged : [{ text: '', options: {} }];
}

/** Text sizes tried for an exhibit, as fractions of the body size. */
const EXHIBIT_SCALES = [1, 0.9, 0.8, 0.72, 0.66, 0.6, 0.5, 0.42] as const;

/** Whether a table cell reads as a number (right-aligned, as in the source). */
function isNumeric(text: string): boolean {
  return /^[-+−(]?[$€£¥]?\s?\d[\d,.\s]*(%|[kKmMbB]n?|\))?$/.test(text.trim());
}

/** Lay a table out in `area` (inches): the largest text size at which every row fits, column widths from their contents. */
export function planTable(table: TableBlock, area: { w: number; h: number }, bodyPt: number, widths: FontWidths): { size: number; colW: number[]; rowH: number[]; pad: number; fits: boolean } {
  const rows = [table.header, ...table.rows].map((row) => row.map(inlinePlainText));
  const columns = Math.max(...rows.map((row) => row.length));
  const availableWidth = area.w * 72;
  let last: { size: number; colW: number[]; rowH: number[]; pad: number; fits: boolean } | undefined;
  for (const scale of EXHIBIT_SCALES) {
    const size = bodyPt * scale;
    const pad = size * 0.3;
    const glyphs = (row: number) => (row === 0 ? widths.headingWidths : widths.bodyWidths);
    const natural = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((row, r) => textWidth(row[c] ?? '', glyphs(r)) * size / LAYOUT.widthSafety)) + 2 * pad + 1);
    const total = natural.reduce((sum, width) => sum + width, 0);
    const colPt = total <= availableWidth ? natural : natural.map((width) => (width * availableWidth) / total);
    const rowPt = rows.map((row, r) => Math.max(...colPt.map((width, c) => lineCount(row[c] ?? '', glyphs(r), size, width - 2 * pad))) * size * 1.2 + 2 * pad);
    const height = rowPt.reduce((sum, h) => sum + h, 0);
    last = { size, colW: colPt.map((width) => width / 72), rowH: rowPt.map((h) => h / 72), pad, fits: height <= area.h * 72 };
    if (last.fits) return last;
  }
  return last!;
}

/** Add a slide's tables, figures, code, formulas and quotes to the room below its text, one above the other. */
function addExhibits(
  page: PptxSlide,
  blocks: readonly SlideBlock[],
  room: { x: number; y: number; w: number; h: number },
  bodyPt: number,
  look: PptxLook,
  lang: string,
  { images, formulas }: PptxOptions,
  onMissing: (src: string) => void,
): void {
  const gap = 0.12;
  const share = (room.h - gap * (blocks.length - 1)) / blocks.length;
  const widths = PPTX_FONT_WIDTHS[look.typeface];
  blocks.forEach((block, i) => {
    const area = { x: room.x, y: room.y + i * (share + gap), w: room.w, h: share };
    if (block.type === 'table') addTable(page, block, area, bodyPt, look, lang, widths);
    else if (block.type === 'figure') addFigure(page, block, area, bodyPt, look, lang, images?.get(block.src), onMissing);
    else if (block.type === 'math' && formulas?.get(block.value)) {
      const image = formulas.get(block.value)!;
      // Typeset at the full body size (96 px to the inch, as the deck), smaller with the slide's text, never past its room.
      const natural = (bodyPt / (SLIDE_SIZES['16:9'].width * LAYOUT.fontPerWidth * 0.75)) / 96;
      const scale = Math.min(natural, area.w / image.width, area.h / image.height);
      const w = image.width * scale;
      const h = image.height * scale;
      page.addImage({ data: `${image.mime};base64,${Buffer.from(image.data).toString('base64')}`, x: area.x + (area.w - w) / 2, y: area.y, w, h, altText: xmlSafe(block.value) });
    } else if (block.type === 'code') {
      const lines = block.value.split('\n');
      const longest = Math.max(1, ...lines.map((line) => Array.from(line).length));
      const size = Math.max(8, Math.min(bodyPt * 0.8, (area.w * 72 * LAYOUT.widthSafety) / (longest * CODE_ADVANCE), (area.h * 72) / (lines.length * 1.2)));
      page.addText(
        lines.map((line, l) => ({ text: xmlSafe(line === '' ? ' ' : line), options: { breakLine: l < lines.length - 1 } })),
        { ...area, fontFace: CODE_TYPEFACE, fontSize: round(size), lineSpacing: round(size * 1.2), color: look.text, lang, margin: 0, valign: 'top', align: 'left', fit: 'none', wrap: false, objectName: 'Code' },
      );
    } else {
      // A formula (shown as its TeX source: it is not typeset in PowerPoint) or a quote.
      const text = block.type === 'math' ? block.value : inlinePlainText(block.text);
      const cite = block.type === 'quote' && block.cite ? `— ${inlinePlainText(block.cite)}` : undefined;
      let size = bodyPt;
      for (const scale of EXHIBIT_SCALES) {
        size = bodyPt * scale;
        const lines = lineCount(text, widths.bodyWidths, size, area.w * 72) + (cite ? lineCount(cite, widths.bodyWidths, size * 0.85, area.w * 72) : 0);
        if (lines * size * 1.3 <= area.h * 72) break;
      }
      const paragraphs = [
        { text: xmlSafe(text), options: { italic: true, fontSize: round(size), fontFace: block.type === 'math' ? CODE_TYPEFACE : look.typeface, breakLine: Boolean(cite) } },
        ...(cite ? [{ text: xmlSafe(cite), options: { fontSize: round(size * 0.85), fontFace: look.typeface } }] : []),
      ];
      page.addText(paragraphs, { ...area, color: look.text, lang, lineSpacing: round(size * 1.3), margin: 0, valign: 'top', align: 'left', fit: 'none', wrap: true, objectName: block.type === 'math' ? 'Formula' : 'Quote' });
    }
  });
}

function addTable(page: PptxSlide, table: TableBlock, area: { x: number; y: number; w: number; h: number }, bodyPt: number, look: PptxLook, lang: string, widths: FontWidths): void {
  const { size, colW, rowH, pad } = planTable(table, area, bodyPt, widths);
  const columns = colW.length;
  const align = Array.from({ length: columns }, (_, c) => {
    const declared = table.align[c];
    if (declared === 'right' || declared === 'center') return declared;
    const cells = table.rows.map((row) => inlinePlainText(row[c] ?? '')).filter((cell) => cell.trim() !== '');
    return cells.length > 0 && cells.every(isNumeric) ? 'right' : 'left';
  });
  const border = { type: 'solid' as const, pt: 0.75, color: look.text };
  const rows = [table.header, ...table.rows].map((row, r) =>
    Array.from({ length: columns }, (_, c) => ({
      text: inlineRuns(row[c] ?? '', look).map((piece) => ({ text: piece.text, options: { ...piece.options, ...(r === 0 ? { bold: true } : {}) } })),
      options: {
        align: align[c] === 'center' ? ('center' as const) : align[c] === 'right' ? ('right' as const) : ('left' as const),
        valign: 'top' as const,
        color: r === 0 ? look.background : look.text,
        fill: { color: r === 0 ? look.heading : look.background },
        border: [border, border, border, border] as [typeof border, typeof border, typeof border, typeof border],
        margin: round(pad),
      },
    })),
  );
  page.addTable(rows, { x: area.x, y: area.y, w: colW.reduce((sum, width) => sum + width, 0), colW: colW.map(round), rowH: rowH.map(round), fontFace: look.typeface, fontSize: round(size), lang, autoPage: false, objectName: 'Table' } as Parameters<PptxSlide['addTable']>[1]);
}

function addFigure(
  page: PptxSlide,
  figure: FigureBlock,
  area: { x: number; y: number; w: number; h: number },
  bodyPt: number,
  look: PptxLook,
  lang: string,
  image: PptxImage | undefined,
  onMissing: (src: string) => void,
): void {
  const widths = PPTX_FONT_WIDTHS[look.typeface];
  const captionPt = bodyPt * 0.72;
  const caption = figure.caption ? inlinePlainText(figure.caption) : '';
  const captionGap = 0.06;
  // The caption's lines, the gap above them and room for the descenders of its last line.
  const captionLines = caption ? (lineCount(caption, widths.bodyWidths, captionPt, area.w * 72) * captionPt * 1.3) / 72 : 0;
  const captionH = caption ? captionLines + captionGap + (0.25 * captionPt) / 72 : 0;
  const room = { w: area.w, h: Math.max(0.5, area.h - captionH) };
  let imageBottom = area.y;
  if (image) {
    const ratio = image.width / image.height;
    let w = room.w;
    let h = w / ratio;
    if (h > room.h) {
      h = room.h;
      w = h * ratio;
    }
    page.addImage({ data: `${image.mime};base64,${Buffer.from(image.data).toString('base64')}`, x: area.x + (area.w - w) / 2, y: area.y, w, h, altText: xmlSafe(figure.alt) });
    imageBottom = area.y + h;
  } else {
    onMissing(figure.src);
    const text = label(lang, 'imageMissing', figure.alt || figure.src);
    page.addText(xmlSafe(text), { x: area.x, y: area.y, w: area.w, h: room.h, fontFace: look.typeface, fontSize: round(bodyPt * 0.8), italic: true, color: look.text, lang, margin: 0, valign: 'top', fit: 'none', objectName: 'Figure' });
    imageBottom = area.y + (bodyPt * 0.8 * 1.3) / 72;
  }
  if (caption) {
    page.addText(xmlSafe(caption), { x: area.x, y: imageBottom + captionGap, w: area.w, h: captionLines, fontFace: look.typeface, fontSize: round(captionPt), lineSpacing: round(captionPt * 1.3), color: look.text, lang, margin: 0, valign: 'top', align: 'center', fit: 'none', objectName: 'Caption' });
  }
}
