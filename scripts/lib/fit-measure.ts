/**
 * Measuring decks in Chromium: the glyph widths behind the slide-fit model
 * (`src/fit/fit-metrics.ts` is generated from {@link measureThemeFonts}) and the real
 * overflow of rendered slides, which tests compare with the model.
 * Everything here runs against a playwright page showing a briefdeck deck.
 */
import type { Page } from 'playwright-core';
import type { PptxTypeface, ThemeFont } from '../../src/outline/themes.ts';
import type { FontWidths } from '../../src/fit/fit.ts';

import { MEASURED_CHARS } from '../../src/fit/measured-chars.ts';

export { FALLBACK_WIDTH, MEASURED_CHARS } from '../../src/fit/measured-chars.ts';

/** Advance widths of {@link MEASURED_CHARS} for a theme's body and heading fonts, in thousandths of an em. */
export interface ThemeFontWidths {
  /** The CSS font the widths are for, as Chromium resolved it in the deck. */
  body: string;
  heading: string;
  bodyWidths: number[];
  headingWidths: number[];
}

/** Measure the glyph widths of the fonts of the deck open in `page` (its theme's body and heading font), after its web fonts loaded. */
export async function measureThemeFonts(page: Page): Promise<ThemeFontWidths> {
  return page.evaluate(async (chars) => {
    const style = getComputedStyle(document.querySelector('.reveal')!);
    const body = `${style.getPropertyValue('font-weight') || '400'} 100px ${style.getPropertyValue('--r-main-font')}`;
    const heading = `${style.getPropertyValue('--r-heading-font-weight') || '600'} 100px ${style.getPropertyValue('--r-heading-font')}`;
    await document.fonts.load(body, chars);
    await document.fonts.load(heading, chars);
    await document.fonts.ready;
    // No named inner functions: tsx would wrap them in a helper the page does not have.
    const context = document.createElement('canvas').getContext('2d')!;
    const [bodyWidths, headingWidths] = [body, heading].map((font) => {
      context.font = font;
      return Array.from(chars, (char) => Math.round(context.measureText(char).width * 10));
    });
    return { body, heading, bodyWidths: bodyWidths!, headingWidths: headingWidths! };
  }, MEASURED_CHARS);
}

/** How far one rendered slide's content reaches past the slide, in CSS pixels of the unscaled slide (0 when it fits). */
export interface SlideOverflow {
  /** 0-based index of the slide in the deck. */
  index: number;
  title: string;
  /** Pixels the lowest content reaches below the slide's bottom edge (content area: slide minus {@link bottomReserve}). */
  bottom: number;
  /** Pixels content reaches past the right edge, or above the top edge. */
  right: number;
  top: number;
  /** Height of the slide's content as laid out, from the top of the first block to the bottom of the last, in px. */
  contentHeight: number;
}

/**
 * Measure every slide of the deck open in `page` (Reveal ready): how far its
 * content (headings, paragraphs, list items) extends past the slide.
 */
export async function measureSlideOverflow(page: Page, bottomReserve = 0): Promise<SlideOverflow[]> {
  return page.evaluate((reserve) => {
    const reveal = (window as unknown as { Reveal: { getConfig(): { width: number; height: number } } }).Reveal;
    const { width, height } = reveal.getConfig();
    const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'));
    return sections.map((section, index) => {
      // Show the slide for layout without navigating: reveal hides slides far from the current one.
      const previous = section.style.display;
      section.style.display = section.dataset.kind === 'title' || section.dataset.kind === 'closing' ? 'flex' : 'block';
      const box = section.getBoundingClientRect();
      const scale = box.width / width;
      let bottom = -Infinity;
      let right = -Infinity;
      let top = Infinity;
      for (const element of Array.from(section.querySelectorAll<HTMLElement>('h1, h2, h3, p, li, ul, ol, img, table, pre, blockquote'))) {
        if (element.closest('aside')) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        bottom = Math.max(bottom, (rect.bottom - box.top) / scale);
        right = Math.max(right, (rect.right - box.left) / scale);
        top = Math.min(top, (rect.top - box.top) / scale);
      }
      section.style.display = previous;
      const title = section.querySelector('h1, h2')?.textContent ?? '';
      if (bottom === -Infinity) return { index, title, bottom: 0, right: 0, top: 0, contentHeight: 0 };
      return {
        index,
        title,
        bottom: Math.max(0, bottom - (height - reserve)),
        right: Math.max(0, right - width),
        top: Math.max(0, -top),
        contentHeight: bottom - top,
      };
    });
  }, bottomReserve);
}

/**
 * Font families measured besides each theme's own font, for the themes that use
 * system fonts: the model takes the widest glyph of any of them, so a machine
 * that falls back to another common font still fits (DejaVu is the widest usual
 * Linux fallback).
 */
export const FONT_FALLBACKS = {
  'source-sans': [],
  serif: ['"DejaVu Serif"', '"Liberation Serif"', '"FreeSerif"'],
  'system-sans': ['"DejaVu Sans"', '"Liberation Sans"', 'Arial'],
} as const;

/** Widest advance width of each of {@link MEASURED_CHARS} over several CSS fonts (`weight 100px family`), in thousandths of an em. */
export async function measureWidestGlyphs(page: Page, fonts: readonly string[]): Promise<number[]> {
  return page.evaluate(
    async ({ chars, list }) => {
      for (const font of list) await document.fonts.load(font, chars);
      const context = document.createElement('canvas').getContext('2d')!;
      const widths = Array.from(chars, () => 0);
      for (const font of list) {
        context.font = font;
        Array.from(chars).forEach((char, index) => {
          widths[index] = Math.max(widths[index]!, Math.round(context.measureText(char).width * 10));
        });
      }
      return widths;
    },
    { chars: MEASURED_CHARS, list: [...fonts] },
  );
}

/** The text of `src/fit/fit-metrics.ts` for these widths. */
export function fitMetricsModule(metrics: Record<string, { body: string; heading: string; bodyWidths: readonly number[]; headingWidths: readonly number[] }>): string {
  const lines = [
    '/**',
    ' * Glyph advance widths of the theme fonts, in thousandths of an em, for the',
    ' * characters of `MEASURED_CHARS` in `src/fit/measured-chars.ts`, as headless Chromium',
    ' * measured them (for system-font themes, the widest of the theme font and its',
    ' * usual fallbacks, and the wider of each glyph over the machines measured).',
    ' * Generated by `writeFitMetrics` in `scripts/lib/fit-measure.ts`; do not edit by hand.',
    ' */',
    "import type { ThemeFont } from '../outline/themes.ts';",
    '',
    '/** Body and heading glyph widths per theme font. */',
    'export const FONT_WIDTHS: Record<ThemeFont, { body: string; heading: string; bodyWidths: readonly number[]; headingWidths: readonly number[] }> = {',
  ];
  for (const [key, value] of Object.entries(metrics)) {
    lines.push(
      `  '${key}': {`,
      `    body: ${JSON.stringify(value.body)},`,
      `    heading: ${JSON.stringify(value.heading)},`,
      `    bodyWidths: [${value.bodyWidths.join(', ')}],`,
      `    headingWidths: [${value.headingWidths.join(', ')}],`,
      '  },',
    );
  }
  lines.push('};', '');
  return lines.join('\n');
}

/** The wider of each glyph of two width lists (a width list measured on one machine, one on another). */
export function widerGlyphs(a: readonly number[], b: readonly number[] | undefined): number[] {
  return a.map((width, index) => Math.max(width, b?.[index] ?? 0));
}

/**
 * Regenerate `src/fit/fit-metrics.ts`: build a deck per theme font in a temporary
 * folder, open it in Chromium and measure. A developer tool, run after changing
 * themes or fonts: `npx tsx -e "import('./scripts/lib/fit-measure.ts').then((m) => m.writeFitMetrics())"`.
 *
 * For the themes on system fonts the new widths are merged with the ones in the
 * file, keeping the wider of each glyph: which font a family name resolves to
 * depends on the fonts installed (LibreOffice's packages bring Liberation 1.07
 * and URW fonts beside Liberation 2 and DejaVu, and widen the middle dot), so a
 * table measured on one machine and then on another holds for both. The web
 * font of the Source Sans themes is the same everywhere and is measured exactly.
 */
export async function writeFitMetrics(target = new URL('../../src/fit/fit-metrics.ts', import.meta.url)): Promise<void> {
  const { mkdir, mkdtemp, readFile, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { launchChromium } = await import('../../src/node/browser.ts');
  const { renderDeck } = await import('../../src/render/render.ts');
  const { THEMES } = await import('../../src/outline/themes.ts');
  // The table in the file, to merge with (none when the file is new).
  const previous: Partial<Record<ThemeFont, { bodyWidths: readonly number[]; headingWidths: readonly number[] }>> = await import(target.href).then(
    (module: { FONT_WIDTHS: Record<ThemeFont, { bodyWidths: readonly number[]; headingWidths: readonly number[] }> }) => module.FONT_WIDTHS,
    () => ({}),
  );
  const browser = await launchChromium();
  try {
    const metrics: Record<string, ThemeFontWidths> = {};
    for (const [key, fallbacks] of Object.entries(FONT_FALLBACKS)) {
      const theme = (Object.keys(THEMES) as Array<keyof typeof THEMES>).find((name) => THEMES[name].font === key)!;
      const deck = renderDeck({ title: 'Metrics', slides: [{ kind: 'content', title: 'Metrics', bullets: [{ text: 'Metrics' }], notes: '' }] }, { theme });
      const dir = await mkdtemp(join(tmpdir(), 'briefdeck-metrics-'));
      await mkdir(join(dir, 'assets'));
      for (const asset of deck.assets) await writeFile(join(dir, asset.to), await readFile(asset.from));
      await writeFile(join(dir, 'index.html'), deck.html);
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'index.html')}`);
      await page.waitForSelector('html[data-briefdeck-ready]', { state: 'attached' });
      const own = await measureThemeFonts(page);
      const fonts = (base: string) => [base, ...fallbacks.map((family) => base.replace(/100px .*/, `100px ${family}`))];
      const before = fallbacks.length > 0 ? previous[key as ThemeFont] : undefined;
      metrics[key] = {
        body: own.body,
        heading: own.heading,
        bodyWidths: widerGlyphs(await measureWidestGlyphs(page, fonts(own.body)), before?.bodyWidths),
        headingWidths: widerGlyphs(await measureWidestGlyphs(page, fonts(own.heading)), before?.headingWidths),
      };
      await page.close();
    }
    await writeFile(target, fitMetricsModule(metrics));
  } finally {
    await browser.close();
  }
}

/**
 * The fonts a reader of the PowerPoint file may draw each typeface with, as CSS
 * families: the typeface itself and the metric-compatible font a Linux reader
 * (LibreOffice) substitutes. The PowerPoint writer's fit takes the widest glyph
 * of any of them. Headings are bold (700) in PowerPoint, where the deck uses 600.
 */
export const PPTX_FONT_FAMILIES: Record<PptxTypeface, readonly string[]> = {
  Arial: ['Arial', '"Liberation Sans"'],
  'Palatino Linotype': ['"Palatino Linotype"', 'Palatino', 'P052'],
};

/** The text of `src/fit/pptx-metrics.ts` for these widths. */
export function pptxMetricsModule(metrics: Record<string, FontWidths>): string {
  const lines = [
    '/**',
    ' * Glyph advance widths of the PowerPoint typefaces, in thousandths of an em, for the',
    ' * characters of `MEASURED_CHARS` in `src/fit/measured-chars.ts`: the widest of the',
    ' * fonts in `PPTX_FONT_FAMILIES`, regular for the body, bold for headings, as headless',
    ' * Chromium measured them, and the wider of each glyph over the machines measured.',
    ' * Generated by `writePptxMetrics` in `scripts/lib/fit-measure.ts`; do not edit by hand.',
    ' */',
    "import type { PptxTypeface } from '../outline/themes.ts';",
    '',
    '/** Body (regular) and heading (bold) glyph widths per PowerPoint typeface. */',
    'export const PPTX_FONT_WIDTHS: Record<PptxTypeface, { bodyWidths: readonly number[]; headingWidths: readonly number[] }> = {',
  ];
  for (const [key, value] of Object.entries(metrics)) {
    lines.push(`  '${key}': {`, `    bodyWidths: [${value.bodyWidths.join(', ')}],`, `    headingWidths: [${value.headingWidths.join(', ')}],`, '  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

/**
 * Regenerate `src/fit/pptx-metrics.ts` from the fonts of this machine, merged with
 * the table in the file (the wider of each glyph). A developer tool:
 * `npx tsx -e "import('./scripts/lib/fit-measure.ts').then((m) => m.writePptxMetrics())"`.
 */
export async function writePptxMetrics(target = new URL('../../src/fit/pptx-metrics.ts', import.meta.url)): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const { launchChromium } = await import('../../src/node/browser.ts');
  const previous: Partial<Record<PptxTypeface, FontWidths>> = await import(target.href).then(
    (module: { PPTX_FONT_WIDTHS: Record<PptxTypeface, FontWidths> }) => module.PPTX_FONT_WIDTHS,
    () => ({}),
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>metrics</title>');
    const metrics: Record<string, FontWidths> = {};
    for (const [typeface, families] of Object.entries(PPTX_FONT_FAMILIES) as Array<[PptxTypeface, readonly string[]]>) {
      metrics[typeface] = {
        bodyWidths: widerGlyphs(await measureWidestGlyphs(page, families.map((family) => `400 100px ${family}`)), previous[typeface]?.bodyWidths),
        headingWidths: widerGlyphs(await measureWidestGlyphs(page, families.map((family) => `700 100px ${family}`)), previous[typeface]?.headingWidths),
      };
    }
    await writeFile(target, pptxMetricsModule(metrics));
  } finally {
    await browser.close();
  }
}
