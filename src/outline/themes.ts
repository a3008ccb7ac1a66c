/**
 * Deck themes. Each is a reveal.js theme that embeds its fonts (or uses system
 * fonts), so no theme fetches anything from the network.
 */

/** The font family of a theme's text, as far as the slide-fit model needs to know it. */
export type ThemeFont = 'source-sans' | 'serif' | 'system-sans';

export interface Theme {
  /** The reveal.js theme file in `reveal.js/dist/theme/`. */
  revealTheme: string;
  description: string;
  /** Which font metrics the slide-fit model uses for this theme (see `src/fit-metrics.ts`). */
  font: ThemeFont;
}

export const THEMES = {
  light: { revealTheme: 'white.css', description: 'dark text on white (default)', font: 'source-sans' },
  dark: { revealTheme: 'black.css', description: 'light text on near-black', font: 'source-sans' },
  contrast: { revealTheme: 'black-contrast.css', description: 'high contrast: white text on black', font: 'source-sans' },
  'contrast-light': { revealTheme: 'white-contrast.css', description: 'high contrast: black text on white', font: 'source-sans' },
  serif: { revealTheme: 'serif.css', description: 'dark serif text on warm paper (system serif font)', font: 'serif' },
  dracula: { revealTheme: 'dracula.css', description: 'light text on dark purple-grey (system sans-serif font)', font: 'system-sans' },
} as const satisfies Record<string, Theme>;

export type ThemeName = keyof typeof THEMES;

export const DEFAULT_THEME: ThemeName = 'light';

export function isThemeName(name: string): name is ThemeName {
  return Object.hasOwn(THEMES, name);
}
