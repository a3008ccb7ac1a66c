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
export { THEMES, type ThemeName } from './themes.ts';
export { BriefdeckError } from './errors.ts';
export type { Article, ArticleFormat, Bullet, Outline, Paragraph, Section, Sentence, Slide, SlideKind, SourcePoint } from './types.ts';
