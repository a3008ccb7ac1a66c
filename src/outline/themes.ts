/**
 * Deck themes. Each is a reveal.js theme that embeds its fonts (or uses system
 * fonts), so no theme fetches anything from the network.
 */

/** The font family of a theme's text, as far as the slide-fit model needs to know it. */
export type ThemeFont = 'source-sans' | 'serif' | 'system-sans';

/**
 * The typeface a theme's PowerPoint file names. Source Sans Pro, the web font of
 * the default themes, is on few of the machines that open a .pptx, and a reader
 * that lacks it substitutes a wider font that would run text past its box; Arial
 * (Liberation Sans on Linux, with the same widths) is on all of them. The serif
 * theme names Palatino Linotype, its own first choice (P052 on Linux).
 */
export type PptxTypeface = 'Arial' | 'Palatino Linotype';

/** What the PowerPoint file takes from a theme: the reveal.js theme's colours (hex, no `#`) and a typeface. */
export interface PptxLook {
  typeface: PptxTypeface;
  /** `--r-background-color`. */
  background: string;
  /** `--r-main-color`. */
  text: string;
  /** `--r-heading-color`. */
  heading: string;
}

export interface Theme {
  /** The reveal.js theme file in `reveal.js/dist/theme/`. */
  revealTheme: string;
  description: string;
  /** Which font metrics the slide-fit model uses for this theme (see `src/fit-metrics.ts`). */
  font: ThemeFont;
  /** The look of the PowerPoint file (`--pptx`); test/render/pptx.test.ts checks the colours against the theme's CSS. */
  pptx: PptxLook;
}

export const THEMES = {
  light: { revealTheme: 'white.css', description: 'dark text on white (default)', font: 'source-sans', pptx: { typeface: 'Arial', background: 'FFFFFF', text: '222222', heading: '222222' } },
  dark: { revealTheme: 'black.css', description: 'light text on near-black', font: 'source-sans', pptx: { typeface: 'Arial', background: '191919', text: 'FFFFFF', heading: 'FFFFFF' } },
  contrast: { revealTheme: 'black-contrast.css', description: 'high contrast: white text on black', font: 'source-sans', pptx: { typeface: 'Arial', background: '000000', text: 'FFFFFF', heading: 'FFFFFF' } },
  'contrast-light': { revealTheme: 'white-contrast.css', description: 'high contrast: black text on white', font: 'source-sans', pptx: { typeface: 'Arial', background: 'FFFFFF', text: '000000', heading: '000000' } },
  serif: { revealTheme: 'serif.css', description: 'dark serif text on warm paper (system serif font)', font: 'serif', pptx: { typeface: 'Palatino Linotype', background: 'F0F1EB', text: '000000', heading: '383D3D' } },
  dracula: { revealTheme: 'dracula.css', description: 'light text on dark purple-grey (system sans-serif font)', font: 'system-sans', pptx: { typeface: 'Arial', background: '191919', text: 'F8F8F2', heading: 'BD93F9' } },
} as const satisfies Record<string, Theme>;

export type ThemeName = keyof typeof THEMES;

export const DEFAULT_THEME: ThemeName = 'light';

export function isThemeName(name: string): name is ThemeName {
  return Object.hasOwn(THEMES, name);
}
