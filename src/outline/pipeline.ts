/**
 * The pure pipeline from article text to outline, shared by the CLI and the library API.
 */
import { VFile } from 'vfile';
import { articleFromMdast } from '../article/article.ts';
import { mdastFromFile } from '../ingest/ingest.ts';
import { outlineFromArticle, type OutlineOptions } from './outline.ts';
import type { Article, ArticleFormat, Outline } from '../types.ts';

export interface OutlineFromTextOptions extends OutlineOptions {
  format: ArticleFormat;
  /** The file name to use in messages. */
  path?: string;
}

/** Read an article (a vfile holding its text) into the article model. Content problems fail the file. */
export function articleFromFile(file: VFile, format: ArticleFormat): Article {
  const tree = mdastFromFile(file, format);
  return articleFromMdast(tree, file, { format });
}

export interface ReadArticleOptions {
  format: ArticleFormat;
  /** The file name to use in messages. */
  path?: string;
}

/** The article model as {@link readArticle} returns it: {@link Article} with the author also under `byline`. */
export type ReadArticle = Article & { byline?: string };

/**
 * Read article text (Markdown, pasted text or a saved web page) into the article
 * model: title, subtitle, byline, date, source, lang and sections with their
 * heading (`headingGenerated` when briefdeck named it) and paragraphs with their
 * text and positions. Plain JSON-serializable data. Content problems throw a
 * vfile message with line and column.
 */
export function readArticle(text: string, options: ReadArticleOptions): ReadArticle {
  if (typeof text !== 'string') throw new TypeError('Expected the article text as a string');
  if (!options || typeof options !== 'object') throw new TypeError('Expected options with a `format` (md, txt or html)');
  const article: ReadArticle = articleFromFile(new VFile({ value: text, path: options.path }), options.format);
  if (article.author) article.byline = article.author;
  return article;
}

/**
 * Turn article text into a deck outline: plain JSON-serializable data.
 * Throws a vfile message (with line and column) when the article has no content.
 */
export async function outlineFromText(text: string, options: OutlineFromTextOptions): Promise<Outline> {
  if (typeof text !== 'string') throw new TypeError('Expected the article text as a string');
  const file = new VFile({ value: text, path: options.path });
  const article = articleFromFile(file, options.format);
  return outlineFromArticle(article, options);
}
