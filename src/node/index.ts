/**
 * briefdeck's API with the edge: everything of the pure API (src/index.ts), and
 * what reads and writes files, runs Chromium and serves decks: `buildDeck` (what
 * the CLI runs), `watchDecks`, `printDeckToPdf`.
 */
export * from '../index.ts';
export { buildDeck, outlinePathFor, deckNameFor, type BuildOptions, type BuildReport } from './build-deck.ts';
export { watchDecks, type WatchOptions } from './watch.ts';
export { printDeckToPdf, type PdfOptions, type PdfReport } from './pdf.ts';
export { BriefdeckError } from './errors.ts';
