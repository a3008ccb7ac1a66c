/**
 * briefdeck's public API: the pure stages, from article text to outline, outline
 * file, fitted slides and rendered deck. Nothing here touches files, processes,
 * the browser or the environment; that is the edge's, with its own entry
 * (src/node/index.ts: `buildDeck`, `watchDecks`, `printDeckToPdf`), over which the
 * CLI (build.ts) is a thin layer.
 */
export { outlineFromText, articleFromFile, readArticle, type OutlineFromTextOptions, type ReadArticleOptions, type ReadArticle } from './outline/pipeline.ts';
export { splitSentences, sentenceSpans, type SentenceSpan } from './text/sentences.ts';
export { mdastFromFile, formatFromPath } from './ingest/ingest.ts';
export { articleFromMdast } from './article/article.ts';
export { outlineFromArticle, type OutlineOptions } from './outline/outline.ts';
export { outlineFromMarkdown, outlineToMarkdown } from './outline-file/outline-markdown.ts';
export { renderDeck, toRevealHast, type RenderOptions, type RenderedDeck } from './render/render.ts';
export { keyPoints, sectionClaims, type Claim } from './claims/claims.ts';
export { compressSentence } from './claims/compress.ts';
export { checkFidelity } from './check/fidelity.ts';
export { mergeOutlines, updateOutline } from './outline-file/merge.ts';
export { fitOutline, type FitOptions, type FitResult } from './fit/fit.ts';
export { singleFileHtml } from './render/single-file.ts';
export { outlineToPptx, type PptxDeck, type PptxOptions } from './render/pptx.ts';
export { THEMES, type ThemeName } from './outline/themes.ts';
export type { Article, ArticleFormat, Bullet, Outline, Paragraph, Section, Sentence, Slide, SlideKind, SourcePoint } from './types.ts';
