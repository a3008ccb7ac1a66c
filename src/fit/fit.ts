/**
 * Slide fit: a text-layout model of a rendered slide (the theme's glyph widths,
 * greedy line wrapping, the box sizes of `src/client/briefdeck.css`) that says
 * whether a slide's content stays inside the slide, without a browser.
 *
 * A slide that is too full gets, in order: a bounded step down in text size
 * ({@link FIT_SCALES}, never below about 24px body text at 1280 wide), then a
 * split at bullet boundaries into "(cont.)" slides, then a problem report that
 * the orchestrator turns into a warning naming the outline line.
 * test/fit.test.ts checks the model against Chromium's real layout.
 */
import type { VFile } from 'vfile';
import { FALLBACK_WIDTH, MEASURED_CHARS } from './measured-chars.ts';
import { FONT_WIDTHS } from './fit-metrics.ts';
import { SLIDE_SIZES, type Aspect } from './slide-sizes.ts';
import { THEMES, type ThemeFont, type ThemeName } from '../outline/themes.ts';
import { inlinePlainText } from '../text/inline-markdown.ts';
import type { Outline, Slide, TableBlock } from '../types.ts';
import { codeBounds, codeRenderedLines, columnAlignments, columnFigureHeight, evenBounds, EXHIBIT_LAYOUT, exhibitHeight, tableColumnsTooNarrow, tableColumnWidths, tableRowHeights, type ExhibitMeasure } from './exhibits.ts';
import { label } from '../text/labels.ts';

/** Body text size per fit step, as a fraction of the full size (34px at 1280 wide): step 3 is 24.5px, the legibility floor. */
export const FIT_SCALES = [1, 0.9, 0.8, 0.72] as const;

/**
 * The box model of `src/client/briefdeck.css`, in em of the slide's body text
 * unless named `Px`. Keep in step with the stylesheet.
 */
export const LAYOUT = {
  /** Body text size at step 0, per pixel of slide width (34px at 1280). */
  fontPerWidth: 34 / 1280,
  paddingXPx: 28,
  paddingTopPx: 16,
  /** Space kept free at the bottom of every slide for the slide number and controls. */
  bottomReservePx: 28,
  lineHeight: 1.3,
  h2: { size: 1.5, lineHeight: 1.15, marginBottom: 0.5, paddingBottom: 0.2, borderPx: 3 },
  h1: { size: 2.1, lineHeight: 1.1, marginBottom: 0.4 },
  subtitle: { size: 1.2, marginBottom: 0.8 },
  small: { size: 0.85, marginBottom: 0.3 },
  /** The section label above a continuing slide's title (body glyphs; margin in its own em). */
  sectionLabel: { size: 0.6, marginBottom: 0.3 },
  paragraphMarginBottom: 0.5,
  listIndent: 1.1,
  itemMarginBottom: 0.5,
  /** Lines are kept this much narrower than the box: summed glyph widths ignore kerning but the browser's rounding can exceed them. */
  widthSafety: 0.97,
} as const;

const CHAR_INDEX = new Map(Array.from(MEASURED_CHARS, (char, index) => [char, index]));

/** Width of `text` in em for the given glyph widths (thousandths of an em). */
export function textWidth(text: string, widths: readonly number[]): number {
  let total = 0;
  for (const char of text) {
    const index = CHAR_INDEX.get(char);
    total += index === undefined ? (/\p{Mark}|\u200b|\u200d|\ufe0f/u.test(char) ? 0 : FALLBACK_WIDTH) : widths[index]!;
  }
  return total / 1000;
}

/**
 * Number of lines `text` wraps to in a box `boxWidth` px wide at `fontSize` px,
 * breaking at spaces and after hyphens and dashes, and inside a word only when
 * the word alone is wider than the box (the stylesheet's `overflow-wrap: anywhere`).
 */
export function lineCount(text: string, widths: readonly number[], fontSize: number, boxWidth: number): number {
  const max = (boxWidth * LAYOUT.widthSafety) / fontSize;
  // Pieces of words; a piece after a hyphen or dash in the same word joins its line without a space.
  const pieces = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=[-–—/])(?=.)/u).map((piece, index) => ({ piece, glued: index > 0 })));
  if (pieces.length === 0) return 1;
  const space = textWidth(' ', widths);
  let lines = 1;
  let used = 0;
  for (const { piece, glued } of pieces) {
    let width = textWidth(piece, widths);
    const joined = used === 0 ? width : used + (glued ? 0 : space) + width;
    if (joined <= max) {
      used = joined;
      continue;
    }
    if (used > 0) lines += 1;
    // A piece wider than the line breaks anywhere.
    while (width > max) {
      lines += 1;
      width -= max;
    }
    used = width;
  }
  return lines;
}

/** What the fit model needs to know about the deck. */
export interface FitOptions {
  theme: ThemeName;
  /** Slide shape; default `16:9`. */
  aspect?: Aspect;
  /** The deck's language (BCP 47): what a split slide's later parts are titled ("(cont.)", "(Forts.)", "（续）"). */
  lang?: string;
}

/** Glyph advance widths of a body and a heading font, in thousandths of an em (see `src/fit/fit-metrics.ts`). */
export interface FontWidths {
  bodyWidths: readonly number[];
  headingWidths: readonly number[];
}

/** What a block of a slide is: the HTML element it renders as, and so its box in the PowerPoint file. */
export type FitBlockRole = 'section' | 'title' | 'subtitle' | 'byline' | 'paragraph' | 'bullet';

/** One block of a laid-out slide, top to bottom: its text, size and the height it takes, in px. */
export interface FitBlock {
  role: FitBlockRole;
  /** Index into the slide's bullets (for `bullet`) or body lines (for the others but `title`). */
  index: number;
  text: string;
  /** Font size in px. */
  size: number;
  /** Line height in px. */
  lineHeight: number;
  lines: number;
  /** Width of the box the text wraps in, in px. */
  boxWidth: number;
  /** Height in px: the lines, plus the title's padding and rule. */
  height: number;
  /** Space below the block in px. */
  margin: number;
  /** Padding and rule below the text (a content slide's title), included in `height`. */
  extra: number;
}

/**
 * The blocks of a slide at body text size `font` in a slide `width` px wide, as
 * the stylesheet lays them out: the title, the paragraphs, the bullets. The HTML
 * deck's fit and the PowerPoint writer's boxes both come from this one model.
 */
export function slideBlocks(slide: Slide, widths: FontWidths, font: number, width: number): FitBlock[] {
  const { bodyWidths, headingWidths } = widths;
  const box = width - 2 * LAYOUT.paddingXPx;
  const blocks: FitBlock[] = [];
  const block = (role: FitBlockRole, index: number, text: string, size: number, lineHeight: number, glyphs: readonly number[], margin: number, extra = 0, boxWidth = box) => {
    const lines = lineCount(text, glyphs, size, boxWidth);
    blocks.push({ role, index, text, size, lineHeight: size * lineHeight, lines, boxWidth, height: lines * size * lineHeight + extra, margin: size * margin, extra });
  };
  if (slide.kind === 'title') {
    block('title', 0, slide.title, font * LAYOUT.h1.size, LAYOUT.h1.lineHeight, headingWidths, LAYOUT.h1.marginBottom);
    const [subtitle, ...rest] = slide.body ?? [];
    if (subtitle) block('subtitle', 0, subtitle, font * LAYOUT.subtitle.size, LAYOUT.lineHeight, bodyWidths, LAYOUT.subtitle.marginBottom);
    rest.forEach((line, i) => block('byline', i + 1, line, font * LAYOUT.small.size, LAYOUT.lineHeight, bodyWidths, LAYOUT.small.marginBottom));
  } else {
    const h2 = font * LAYOUT.h2.size;
    const rule = slide.kind === 'closing' ? 0 : LAYOUT.h2.borderPx;
    if (slide.section) block('section', 0, slide.section, font * LAYOUT.sectionLabel.size, LAYOUT.lineHeight, bodyWidths, LAYOUT.sectionLabel.marginBottom);
    block('title', 0, slide.title, h2, LAYOUT.h2.lineHeight, headingWidths, LAYOUT.h2.marginBottom, h2 * LAYOUT.h2.paddingBottom + rule);
    // A closing slide shows its bullets (the bottom line) above its body (the source line).
    if (slide.kind !== 'closing') (slide.body ?? []).forEach((line, i) => block('paragraph', i, line, font, LAYOUT.lineHeight, bodyWidths, LAYOUT.paragraphMarginBottom));
  }
  const itemBox = box - font * LAYOUT.listIndent;
  slide.bullets.forEach((bullet, i) => block('bullet', i, bullet.text, font, LAYOUT.lineHeight, bodyWidths, LAYOUT.itemMarginBottom, 0, itemBox));
  if (slide.kind === 'closing') (slide.body ?? []).forEach((line, i) => block('byline', i, line, font * LAYOUT.small.size, LAYOUT.lineHeight, bodyWidths, LAYOUT.small.marginBottom));
  return blocks;
}

/** Height in px of blocks stacked top to bottom; the last block's margin runs past no edge, so it does not count. */
export function blocksHeight(blocks: readonly FitBlock[]): number {
  const total = blocks.reduce((sum, { height, margin }) => sum + height + margin, 0);
  return total - (blocks.at(-1)?.margin ?? 0);
}

/** Text measuring for the exhibit model, in a theme's glyph widths. */
export function exhibitMeasure(widths: FontWidths): ExhibitMeasure {
  return {
    lines: (text, size, box, heading) => lineCount(text, heading ? widths.headingWidths : widths.bodyWidths, size, box),
    longestWord: (text, size, heading) => Math.max(0, ...text.split(/\s+/).flatMap((word) => word.split(/(?<=[-–—/])(?=.)/u)).map((word) => textWidth(word, heading ? widths.headingWidths : widths.bodyWidths) * size)),
  };
}

/**
 * Height in px that a slide's content takes at body text size `font`, in a
 * slide `width` px wide: its text (slideBlocks) and its exhibits stacked below
 * the title, or a figure in a column beside the bullets.
 */
export function slideContentHeight(slide: Slide, fontName: ThemeFont, font: number, width: number): number {
  const widths = FONT_WIDTHS[fontName];
  const exhibits = slide.blocks ?? [];
  if (exhibits.length === 0) return blocksHeight(slideBlocks(slide, widths, font, width));
  const measure = exhibitMeasure(widths);
  const box = width - 2 * LAYOUT.paddingXPx;
  const stacked = (blocks: readonly FitBlock[]) => blocks.reduce((sum, { height, margin }) => sum + height + margin, 0);
  if (slide.bullets.length > 0 && exhibits.length === 1 && exhibits[0]!.type === 'figure') {
    // Two columns: the bullets in the first, the figure in the second.
    const column = (box - EXHIBIT_LAYOUT.columns.gap * font) / 2;
    const head = stacked(slideBlocks({ ...slide, bullets: [] }, widths, font, width));
    const list = slide.bullets.reduce((sum, bullet) => sum + lineCount(bullet.text, widths.bodyWidths, font, column - font * LAYOUT.listIndent) * font * LAYOUT.lineHeight + font * LAYOUT.itemMarginBottom, 0);
    return head + Math.max(list, columnFigureHeight(exhibits[0]!, font, column, measure));
  }
  return stacked(slideBlocks(slide, widths, font, width)) + exhibits.reduce((sum, block) => sum + exhibitHeight(block, font, box, measure), 0);
}

/** The columns of the slide's tables that break words at body text size `font` (the table is too wide), as `table index: column indexes`. */
function narrowColumns(slide: Slide, fontName: ThemeFont, font: number, width: number): number[] {
  const measure = exhibitMeasure(FONT_WIDTHS[fontName]);
  const box = width - 2 * LAYOUT.paddingXPx;
  return (slide.blocks ?? []).flatMap((block) => (block.type === 'table' ? tableColumnsTooNarrow(block, font, box, measure) : []));
}

/** Height in px available to a slide's content. */
export function slideContentRoom(aspect: Aspect): number {
  return SLIDE_SIZES[aspect].height - LAYOUT.paddingTopPx - LAYOUT.bottomReservePx;
}

/**
 * The smallest fit step at which `slide` fits, or undefined when it does not
 * fit even at the floor. A slide with a table fits at a step when its height
 * does and no column of the table breaks a word (unless `heightOnly`: for a
 * table too wide at every step, which is shown at the floor and reported).
 */
export function fitStep(slide: Slide, options: FitOptions, heightOnly = false): number | undefined {
  const aspect = options.aspect ?? '16:9';
  const { width } = SLIDE_SIZES[aspect];
  const font = THEMES[options.theme].font;
  const room = slideContentRoom(aspect);
  const base = width * LAYOUT.fontPerWidth;
  const hasTable = !heightOnly && (slide.blocks ?? []).some((block) => block.type === 'table');
  const step = FIT_SCALES.findIndex((scale) => slideContentHeight(slide, font, base * scale, width) <= room && (!hasTable || narrowColumns(slide, font, base * scale, width).length === 0));
  return step === -1 ? undefined : step;
}

/** Whether a slide's tables break words even at the smallest text size: then only its height decides its step, at the floor. */
function tooWide(slide: Slide, options: FitOptions): number[] {
  const aspect = options.aspect ?? '16:9';
  const { width } = SLIDE_SIZES[aspect];
  const base = width * LAYOUT.fontPerWidth;
  return narrowColumns(slide, THEMES[options.theme].font, base * FIT_SCALES.at(-1)!, width);
}

/** A slide that still does not fit at the smallest text size after splitting. */
export interface FitProblem {
  /** Index of the slide in the input outline. */
  slide: number;
  /** Index of the slide's block (table, code...) the problem is with, when it is with one. */
  block?: number;
  /** Index of the bullet (in the input slide) the overflowing part starts at, when the slide has bullets. */
  bullet?: number;
  reason: string;
  /** What to do about it; default `shorten it`. */
  advice?: string;
}

export interface FitResult {
  /** The outline with overfull slides split into "(cont.)" slides. */
  outline: Outline;
  /** Fit step of each slide of `outline` (hidden slides 0): the `fit` render option. */
  steps: number[];
  /** For each slide of `outline`, the index of the input slide it came from. */
  origin: number[];
  problems: FitProblem[];
}

/** The frame of a part of a split exhibit slide: the first keeps the notes; every part keeps the section label. */
function exhibitPart(slide: Slide, from: number): Slide {
  if (from === 0) return { ...slide };
  return { kind: slide.kind, title: slide.title, bullets: [], notes: '', ...(slide.section ? { section: slide.section } : {}), ...positionOf(slide) };
}

/** A slide that holds one table or code block and no bullets, cut by rows or lines into parts that each fit: the parts and their steps. */
function splitExhibit(slide: Slide, index: number, options: FitOptions, heightOnly: boolean, problems: FitProblem[]): Array<[Slide, number]> | undefined {
  const blocks = slide.blocks ?? [];
  if (slide.bullets.length > 0 || blocks.length !== 1) return undefined;
  const block = blocks[0]!;
  const floor = FIT_SCALES.length - 1;
  const stepOf = (piece: Slide) => {
    const step = fitStep(piece, options, heightOnly);
    return step === undefined ? undefined : heightOnly ? floor : step;
  };
  const aspect = options.aspect ?? '16:9';
  const { width } = SLIDE_SIZES[aspect];
  const fontName = THEMES[options.theme].font;
  const font = width * LAYOUT.fontPerWidth * FIT_SCALES[floor]!;
  const box = width - 2 * LAYOUT.paddingXPx;
  const measure = exhibitMeasure(FONT_WIDTHS[fontName]);
  let count: number;
  let make: (from: number, to: number) => Slide;
  let even: (parts: number) => number[];
  /** Height at the floor size of each row or line, and of the slide around them (title, header row, padding). */
  let units: number[];
  let frame: number;
  let blank = (_at: number) => false;
  if (block.type === 'table' && block.rows.length > 1) {
    const whole = { ...block, align: columnAlignments(block), columnWidths: tableColumnWidths(block) };
    count = block.rows.length;
    make = (from, to) => ({ ...exhibitPart(slide, from), title: `${slide.title} (rows ${from + 1}–${to} of ${count})`, blocks: [{ ...whole, rows: block.rows.slice(from, to) }] });
    even = (parts) => evenBounds(count, parts);
    units = tableRowHeights(whole, font, box, measure).rows;
    // The frame with the widest title a part can have.
    frame = slideContentHeight({ ...make(0, 0), title: `${slide.title} (rows ${count}–${count} of ${count})` }, fontName, font, width);
  } else if (block.type === 'code' && block.value.includes('\n')) {
    const lines = block.value.split('\n');
    count = lines.length;
    make = (from, to) => ({ ...exhibitPart(slide, from), title: `${slide.title} (lines ${from + 1}–${to} of ${count})`, blocks: [{ ...block, value: lines.slice(from, to).join('\n') }] });
    even = (parts) => codeBounds(lines, parts);
    const size = font * EXHIBIT_LAYOUT.code.size;
    const line = size * EXHIBIT_LAYOUT.code.lineHeight;
    units = codeRenderedLines(block, size, box).map((rendered) => rendered * line);
    // An empty block is one line high: the frame is that, less the line.
    frame = slideContentHeight({ ...make(0, 0), title: `${slide.title} (lines ${count}–${count} of ${count})` }, fontName, font, width) - line;
    blank = (at) => lines[at]!.trim() === '';
  } else return undefined;
  // As few parts as the floor size needs: pack rows or lines greedily (a code part ends after a blank line when one
  // is in its last quarter); then, with that many parts, prefer even parts when each fits.
  const capacity = slideContentRoom(aspect) - frame;
  const greedy = [0];
  let used = 0;
  for (let at = 0; at < count; at += 1) {
    if (used + units[at]! > capacity && at > greedy.at(-1)!) {
      let cut = at;
      const start = greedy.at(-1)!;
      for (let back = at; back > start + 1 && back >= at - Math.max(1, Math.floor((at - start) / 4)); back -= 1) {
        if (blank(back - 1)) {
          cut = back;
          break;
        }
      }
      greedy.push(cut);
      used = units.slice(cut, at).reduce((sum, unit) => sum + unit, 0);
    }
    used += units[at]!;
  }
  greedy.push(count);
  const parts = Math.max(2, greedy.length - 1);
  const evenCuts = even(parts);
  const evenPieces = evenCuts.slice(0, -1).map((from, i) => make(from, evenCuts[i + 1]!));
  const evenSteps = evenPieces.map(stepOf);
  if (evenSteps.every((step) => step !== undefined)) return evenPieces.map((piece, i) => [piece, evenSteps[i]!]);
  // The greedy parts, each fitting at the floor unless one row or line alone is too much: reported.
  return greedy.slice(0, -1).map((from, i) => {
    const piece = make(from, greedy[i + 1]!);
    const step = stepOf(piece);
    if (step === undefined) problems.push({ slide: index, block: 0, reason: `has a ${block.type === 'table' ? 'table row' : 'code line'} (${from + 1}) that does not fit on a slide of its own even at the smallest text size` });
    return [piece, step ?? floor] as [Slide, number];
  });
}

/** A part of `slide` holding the bullets `from` to `to` (exclusive). Only the first part keeps the body and the notes. */
function part(slide: Slide, from: number, to: number, lang?: string): Slide {
  if (from === 0) return { ...slide, bullets: slide.bullets.slice(0, to) };
  const continued = label(lang, 'continued', '');
  const title = slide.title.endsWith(continued) ? slide.title : label(lang, 'continued', slide.title);
  return { kind: slide.kind, title, bullets: slide.bullets.slice(from, to), notes: '', ...positionOf(slide) };
}

/** A part of a slide is where its slide is in the outline file: its warnings point there. */
function positionOf(slide: Slide): Pick<Slide, 'position'> {
  return slide.position ? { position: slide.position } : {};
}

/**
 * Fit every slide of an outline: choose each slide's text size step, split a
 * slide that does not fit at the floor into "(cont.)" slides at bullet
 * boundaries (as few parts as fit, bullets shared out evenly), and report
 * what still does not fit.
 */
export function fitOutline(outline: Outline, options: FitOptions): FitResult {
  const slides: Slide[] = [];
  const steps: number[] = [];
  const origin: number[] = [];
  const problems: FitProblem[] = [];
  outline.slides.forEach((slide, index) => {
    const push = (value: Slide, step: number) => {
      slides.push(value);
      steps.push(step);
      origin.push(index);
    };
    if (slide.hidden) return push(slide, 0);
    const wide = tooWide(slide, options);
    const tableAt = (slide.blocks ?? []).findIndex((block) => block.type === 'table');
    if (wide.length > 0) {
      const table = slide.blocks![tableAt] as TableBlock;
      const names = wide.slice(0, 3).map((column) => `${column + 1} (\`${inlinePlainText(table.header[column] ?? '').slice(0, 30)}\`)`).join(', ');
      problems.push({
        slide: index,
        block: tableAt,
        reason: `has a table too wide to read even at the smallest text size (${table.header.length} columns; column${wide.length > 1 ? 's' : ''} ${names}${wide.length > 3 ? '...' : ''} break${wide.length > 1 ? '' : 's'} words): it is shown at the smallest size`,
        advice: 'split it into two tables or shorten its cells',
      });
    }
    const heightOnly = wide.length > 0;
    const whole = fitStep(slide, options, heightOnly);
    if (whole !== undefined) return push(slide, heightOnly ? FIT_SCALES.length - 1 : whole);
    const split = splitExhibit(slide, index, options, heightOnly, problems);
    if (split) {
      for (const [piece, step] of split) push(piece, step);
      return;
    }
    const count = slide.bullets.length;
    for (let parts = 2; parts <= count; parts += 1) {
      const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * count) / parts));
      const pieces = bounds.slice(0, -1).map((from, i) => part(slide, from, bounds[i + 1]!, options.lang));
      const pieceSteps = pieces.map((piece) => fitStep(piece, options));
      if (pieceSteps.every((step) => step !== undefined)) {
        pieces.forEach((piece, i) => push(piece, pieceSteps[i]!));
        return;
      }
    }
    // Even one bullet per slide is too much (or there are no bullets): one slide per bullet at the floor, and a report for each part that overflows.
    const last = FIT_SCALES.length - 1;
    if (count <= 1) {
      push(slide, last);
      problems.push({ slide: index, bullet: count === 1 ? 0 : undefined, reason: 'does not fit on the slide even at the smallest text size' });
      return;
    }
    for (let bullet = 0; bullet < count; bullet += 1) {
      const piece = part(slide, bullet, bullet + 1, options.lang);
      const step = fitStep(piece, options);
      push(piece, step ?? last);
      if (step === undefined) problems.push({ slide: index, bullet, reason: 'does not fit on a slide of its own even at the smallest text size' });
    }
  });
  return { outline: { ...outline, slides }, steps, origin, problems };
}

/**
 * Report fit problems as warnings on the outline file, each at the line of the
 * block or bullet (else the slide heading) that does not fit: the `position` it was read from.
 */
export function reportFitProblems(problems: readonly FitProblem[], outline: Outline, file: VFile): void {
  for (const problem of problems) {
    const slide = outline.slides[problem.slide]!;
    const part = problem.block !== undefined ? slide.blocks?.[problem.block] : problem.bullet !== undefined ? slide.bullets[problem.bullet] : undefined;
    const line = (part?.position ?? slide.position)?.start.line ?? 1;
    const what = problem.bullet !== undefined ? `Bullet ${problem.bullet + 1} of slide \`${slide.title}\`` : `Slide \`${slide.title}\``;
    const message = file.message(`${what} ${problem.reason}; ${problem.advice ?? 'shorten it'}`, { place: { line, column: 1 }, ruleId: 'slide-overflow', source: 'briefdeck' });
    message.fatal = false;
  }
}
