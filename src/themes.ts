/**
 * Deck themes. Each is a reveal.js theme that embeds its fonts (or uses system
 * fonts), so no theme fetches anything from the network.
 */

export interface Theme {
  /** The reveal.js theme file in `reveal.js/dist/theme/`. */
  revealTheme: string;
  description: string;
}

export const THEMES = {
  light: { revealTheme: 'white.css', description: 'dark text on white (default)' },
  dark: { revealTheme: 'black.css', description: 'light text on near-black' },
  contrast: { revealTheme: 'black-contrast.css', description: 'high contrast: white text on black' },
  'contrast-light': { revealTheme: 'white-contrast.css', description: 'high contrast: black text on white' },
  serif: { revealTheme: 'serif.css', description: 'dark serif text on warm paper' },
  dracula: { revealTheme: 'dracula.css', description: 'light text on dark purple-grey' },
} as const satisfies Record<string, Theme>;

export type ThemeName = keyof typeof THEMES;

export const DEFAULT_THEME: ThemeName = 'light';

export function isThemeName(name: string): name is ThemeName {
  return Object.hasOwn(THEMES, name);
}
