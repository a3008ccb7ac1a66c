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
  return articleFromMdast(tree, file);
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
