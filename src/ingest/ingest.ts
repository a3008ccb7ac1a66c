/**
 * Ingest: article text in any supported format -> mdast, all through unified.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { readHtmlPage } from './html-reader.ts';
import { checkMarkdownLimits } from './input-limits.ts';
import { plainTextParse } from './plain-text.ts';
import type { ArticleFormat } from '../types.ts';

const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  '.md': 'md',
  '.markdown': 'md',
  '.mdown': 'md',
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
};

/** The article format for a file name, or undefined when the extension is not one briefdeck reads. */
export function formatFromPath(path: string): ArticleFormat | undefined {
  const match = /\.[^./\\]+$/.exec(path.toLowerCase());
  return match ? FORMAT_BY_EXTENSION[match[0]] : undefined;
}

/** File extensions briefdeck reads, for messages and directory scans. */
export const ARTICLE_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

/**
 * Markdown with GFM (tables, footnotes, strikethrough, task lists; bare URLs read
 * as links, so the `~`, `*` and `_` inside them stay text) and front matter. Only
 * a double tilde strikes text through: articles write "5~10" and "~3 km" for
 * "about", and two single tildes in a paragraph would otherwise pair up and vanish.
 */
const markdownProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkMath)
  .freeze();
const plainTextProcessor = unified().use(plainTextParse).freeze();

/** Parse an article into mdast. The file's value is the article text. */
export function mdastFromFile(file: VFile, format: ArticleFormat): Root {
  switch (format) {
    case 'md':
      checkMarkdownLimits(file);
      return markdownProcessor.runSync(markdownProcessor.parse(file), file) as Root;
    case 'txt':
      return plainTextProcessor.runSync(plainTextProcessor.parse(file), file) as Root;
    case 'html':
      return readHtmlPage(file).tree;
    default:
      throw new TypeError(`Unknown article format \`${String(format)}\`, expected md, txt or html`);
  }
}
