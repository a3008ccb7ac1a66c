/**
 * Render: {@link Outline} -> a reveal.js deck as a hast tree -> HTML, plus the
 * list of asset files the deck needs beside it.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLIDE_SIZES, type Aspect } from '../fit/slide-sizes.ts';
import { blockToHast, inlineToHast, type DeckImage, type RichContext } from './blocks.ts';
import { SPEAKER_VIEW_SCRIPT_SOURCES } from './speaker-view.ts';
import { DEFAULT_THEME, THEMES, type ThemeName } from '../outline/themes.ts';
import type { Outline, Slide } from '../types.ts';
import { isRightToLeft } from '../text/language.ts';

export interface RenderOptions {
  theme?: ThemeName;
  /** BCP 47 language tag of the deck, default `en`. */
  lang?: string;
  /** Slide shape: `16:9` (1280x720 CSS pixels, default) or `4:3` (1024x768). */
  aspect?: Aspect;
  /** Images the build copied into the deck folder, by the path the outline gives (`FigureBlock.src`); a figure not listed shows its alt text. */
  images?: Readonly<Record<string, DeckImage & { from?: string }>>;
  /**
   * Fit step of each slide of the outline (hidden ones included), from
   * `fitOutline` in `src/fit.ts`: 0 is full-size text, higher steps are smaller
   * (see `FIT_SCALES`). Default 0 for every slide.
   */
  fit?: readonly number[];
}

export { isAspect, SLIDE_SIZES, type Aspect } from '../fit/slide-sizes.ts';

/** A file the deck loads: where to copy it from and its path inside the deck folder. */
export interface DeckAsset {
  from: string;
  to: string;
}

export interface RenderedDeck {
  html: string;
  tree: Root;
  /** The slides shown in the deck (hidden ones left out), in order. */
  slides: Slide[];
  assets: DeckAsset[];
}

/**
 * A deck's Content-Security-Policy: scripts only from `scriptSources`, no
 * network, frames only of the deck itself (the speaker view's slide previews),
 * no plugins, no forms. Styles may be inline because reveal.js positions slides
 * with style attributes. `ownFiles` allows styles, images and fonts from the
 * deck's folder (a single-file deck has none).
 */
export function deckContentSecurityPolicy(scriptSources: readonly string[], ownFiles: boolean): string {
  const self = ownFiles ? "'self' " : '';
  return [
    "default-src 'none'",
    `script-src ${scriptSources.join(' ')}`,
    `style-src ${self}'unsafe-inline'`,
    `img-src ${self}data:`,
    `font-src ${self}data:`,
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'self'",
    "child-src 'self'",
    "worker-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The CSP of a deck folder: scripts from the deck's own files, and the speaker
 * view's inline script by hash (its pop-up inherits this policy).
 */
export const CONTENT_SECURITY_POLICY = deckContentSecurityPolicy(["'self'", ...SPEAKER_VIEW_SCRIPT_SOURCES], true);

function revealRoot(): string {
  const require = createRequire(import.meta.url);
  // `reveal.js` resolves to dist/reveal.js; the package root is two levels up.
  return dirname(dirname(require.resolve('reveal.js')));
}

const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'client');

/** Whether a theme's background is dark (its code then takes highlight.js's dark palette). */
function isDarkTheme(theme: ThemeName): boolean {
  const hex = THEMES[theme].pptx.background;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128;
}

/** KaTeX's WOFF2 fonts, named here so rendering reads no folder (test/render/katex-fonts.test.ts checks the list against the installed package). */
export const KATEX_FONTS = [
  'KaTeX_AMS-Regular',
  'KaTeX_Caligraphic-Bold',
  'KaTeX_Caligraphic-Regular',
  'KaTeX_Fraktur-Bold',
  'KaTeX_Fraktur-Regular',
  'KaTeX_Main-Bold',
  'KaTeX_Main-BoldItalic',
  'KaTeX_Main-Italic',
  'KaTeX_Main-Regular',
  'KaTeX_Math-BoldItalic',
  'KaTeX_Math-Italic',
  'KaTeX_SansSerif-Bold',
  'KaTeX_SansSerif-Italic',
  'KaTeX_SansSerif-Regular',
  'KaTeX_Script-Regular',
  'KaTeX_Size1-Regular',
  'KaTeX_Size2-Regular',
  'KaTeX_Size3-Regular',
  'KaTeX_Size4-Regular',
  'KaTeX_Typewriter-Regular',
] as const;

/** The asset files of a deck with this theme. */
export function deckAssets(theme: ThemeName, uses: { math?: boolean; code?: boolean; images?: Readonly<Record<string, DeckImage & { from?: string }>> } = {}): DeckAsset[] {
  const reveal = join(revealRoot(), 'dist');
  const extra: DeckAsset[] = [];
  if (uses.math) {
    // KaTeX's stylesheet and its WOFF2 fonts (every browser a deck runs in reads WOFF2): typeset math offline.
    const katexDist = join(dirname(createRequire(import.meta.url).resolve('katex')), '');
    extra.push({ from: join(katexDist, 'katex.min.css'), to: 'assets/katex/katex.min.css' });
    for (const font of KATEX_FONTS) extra.push({ from: join(katexDist, 'fonts', `${font}.woff2`), to: `assets/katex/fonts/${font}.woff2` });
  }
  if (uses.code) {
    const styles = join(dirname(createRequire(import.meta.url).resolve('highlight.js/package.json')), 'styles');
    extra.push({ from: join(styles, isDarkTheme(theme) ? 'github-dark.min.css' : 'github.min.css'), to: 'assets/highlight.css' });
  }
  for (const image of Object.values(uses.images ?? {})) if (image.from) extra.push({ from: image.from, to: image.to });
  return [
    ...extra.filter((asset) => asset.to.endsWith('.css')),
    { from: join(reveal, 'reset.css'), to: 'assets/reset.css' },
    { from: join(reveal, 'reveal.css'), to: 'assets/reveal.css' },
    { from: join(reveal, 'theme', THEMES[theme].revealTheme), to: `assets/theme-${theme}.css` },
    { from: join(CLIENT_DIR, 'briefdeck.css'), to: 'assets/briefdeck.css' },
    { from: join(reveal, 'reveal.js'), to: 'assets/reveal.js' },
    { from: join(reveal, 'plugin', 'notes.js'), to: 'assets/notes.js' },
    { from: join(CLIENT_DIR, 'briefdeck.js'), to: 'assets/briefdeck.js' },
    ...extra.filter((asset) => !asset.to.endsWith('.css')),
  ];
}

function notesOf(slide: Slide, context: RichContext): ElementContent[] {
  if (!slide.notes.trim()) return [];
  const paragraphs = slide.notes.split(/\n\s*\n/).map((text) => h('p', inlineToHast(text.trim(), context)));
  return [h('aside.notes', paragraphs)];
}

/** One slide as a reveal.js `<section>`; `fit` is its fit step (0: full-size text). */
export function slideToHast(slide: Slide, fit = 0, context: RichContext = {}): Element {
  const children: ElementContent[] = [];
  const inline = (text: string) => inlineToHast(text, context);
  if (slide.kind === 'title') {
    children.push(h('h1', slide.title));
    const [subtitle, ...rest] = slide.body ?? [];
    if (subtitle) children.push(h('p.subtitle', inline(subtitle)));
    for (const line of rest) children.push(h('p.byline', inline(line)));
  } else {
    if (slide.section) children.push(h('p.section-label', slide.section));
    children.push(h('h2', slide.title));
    if (slide.kind !== 'closing') for (const line of slide.body ?? []) children.push(h('p', inline(line)));
  }
  const blocks = (slide.blocks ?? []).map((block) => blockToHast(block, context));
  const list = slide.bullets.length > 0 ? [h('ul', slide.bullets.map((bullet) => h('li', inline(bullet.text))))] : [];
  // A figure beside bullets: two columns, the bullets first.
  if (slide.bullets.length > 0 && slide.blocks?.length === 1 && slide.blocks[0]!.type === 'figure') {
    children.push(h('div.bd-columns', [h('div.bd-column', list), h('div.bd-column', blocks)]));
  } else children.push(...blocks, ...list);
  // A closing slide: the bottom line, then the source line below it.
  if (slide.kind === 'closing') for (const line of slide.body ?? []) children.push(h('p.source', inline(line)));
  children.push(...notesOf(slide, context));
  return h('section', { dataKind: slide.kind, dataFit: fit > 0 ? String(fit) : undefined }, children);
}

/** The whole deck as a hast tree. */
export function toRevealHast(outline: Outline, options: RenderOptions = {}): Root {
  return deckTree(outline, options).tree;
}

/** The deck's hast tree and the assets it loads (which depend on what its slides show). */
function deckTree(outline: Outline, options: RenderOptions): { tree: Root; assets: DeckAsset[] } {
  const theme = options.theme ?? DEFAULT_THEME;
  const aspect = options.aspect ?? '16:9';
  const { width, height } = SLIDE_SIZES[aspect];
  const context: RichContext = { images: options.images, lang: options.lang };
  const sections = outline.slides.flatMap((slide, index) => (slide.hidden ? [] : [slideToHast(slide, options.fit?.[index] ?? 0, context)]));
  const assets = deckAssets(theme, { math: context.usedMath, code: context.usedCode, images: usedImages(outline, options.images) });
  const styles = assets.filter((asset) => asset.to.endsWith('.css')).map((asset) => h('link', { rel: 'stylesheet', href: asset.to }));
  const scripts = assets.filter((asset) => asset.to.endsWith('.js')).map((asset) => h('script', { src: asset.to }));
  const meta = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { httpEquiv: 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'referrer', content: 'no-referrer' }),
    h('meta', { name: 'generator', content: 'briefdeck' }),
  ];
  if (outline.author) meta.push(h('meta', { name: 'author', content: outline.author }));
  if (outline.subtitle) meta.push(h('meta', { name: 'description', content: outline.subtitle }));
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: options.lang ?? 'en', dir: isRightToLeft(options.lang) ? 'rtl' : undefined }, [
        h('head', [...meta, h('title', outline.title), ...styles]),
        h('body', [
          h(
            'div.reveal',
            { dataWidth: String(width), dataHeight: String(height), dataAspect: aspect, dataTheme: theme },
            [h('div.slides', sections)],
          ),
          ...scripts,
        ]),
      ]),
    ],
  };
  return { tree, assets };
}

/** The images of the shown slides that the build copied, by source path. */
function usedImages(outline: Outline, images: RenderOptions['images']): Record<string, DeckImage & { from?: string }> {
  const used: Record<string, DeckImage & { from?: string }> = {};
  for (const slide of outline.slides) {
    if (slide.hidden) continue;
    for (const block of slide.blocks ?? []) if (block.type === 'figure' && images?.[block.src]) used[block.src] = images[block.src]!;
  }
  return used;
}

/** Render an outline to the deck's HTML and the assets to copy beside it. */
export function renderDeck(outline: Outline, options: RenderOptions = {}): RenderedDeck {
  const { tree, assets } = deckTree(outline, options);
  return {
    html: toHtml(tree),
    tree,
    slides: outline.slides.filter((slide) => !slide.hidden),
    assets,
  };
}
