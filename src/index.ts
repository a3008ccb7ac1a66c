/**
 * briefdeck's public API. The CLI (build.ts) is a thin layer over `buildDeck`.
 */
export { outlineFromText, articleFromFile, type OutlineFromTextOptions } from './pipeline.ts';
export { splitSentences, sentenceSpans, type SentenceSpan } from './sentences.ts';
export { buildDeck, outlinePathFor, deckNameFor, type BuildOptions, type BuildReport } from './build-deck.ts';
export { mdastFromFile, formatFromPath } from './ingest.ts';
export { articleFromMdast } from './article.ts';
export { outlineFromArticle, type OutlineOptions } from './outline.ts';
export { outlineFromMarkdown, outlineToMarkdown } from './outline-markdown.ts';
export { renderDeck, toRevealHast, type RenderOptions, type RenderedDeck } from './render.ts';
export { keyPoints, sectionClaims, type Claim } from './claims.ts';
export { compressSentence } from './compress.ts';
export { checkFidelity } from './fidelity.ts';
export { mergeOutlines, updateOutline } from './merge.ts';
export { watchDecks, type WatchOptions } from './watch.ts';
export { fitOutline, type FitOptions, type FitResult } from './fit.ts';
export { printDeckToPdf, type PdfOptions, type PdfReport } from './pdf.ts';
export { singleFileHtml } from './single-file.ts';
export { THEMES, type ThemeName } from './themes.ts';
export { BriefdeckError } from './errors.ts';
export type { Article, ArticleFormat, Bullet, Outline, Paragraph, Section, Sentence, Slide, SlideKind, SourcePoint } from './types.ts';
