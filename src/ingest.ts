/**
 * Ingest: article text in any supported format -> mdast, all through unified.
 */
import type { Root as HastRoot, Element } from 'hast';
import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { VFile } from 'vfile';
import { checkHtmlDepth, checkMarkdownLimits, failHtmlTooDeep } from './input-limits.ts';
import { plainTextParse } from './plain-text.ts';
import type { ArticleFormat } from './types.ts';

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
 * GitHub Flavored Markdown as far as it shapes an article's text: tables and
 * footnotes (kept off the slides), strikethrough and task list items. What
 * remark-gfm adds besides, turning bare URLs and e-mail addresses into links,
 * leaves every word as it is and cost 0.25 s per MB to parse.
 */
function remarkGfmText(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const markdownProcessor = unified().use(remarkParse).use(remarkGfmText).use(remarkFrontmatter, ['yaml']).use(remarkMath).freeze();
const plainTextProcessor = unified().use(plainTextParse).freeze();

/**
 * Elements of a saved web page that are not the article. `base` too: hast-util-to-mdast
 * resolves every link and image against it, and `new URL` throws on a hostile one.
 */
const PAGE_CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form', 'script', 'style', 'noscript', 'template', 'iframe', 'button', 'dialog', 'base']);

/**
 * rehype plugin: keep only the article body of a saved page: the first `<article>`,
 * else `<main>`, else `<body>`, without navigation, headers, footers and asides.
 */
function rehypeArticleBody() {
  return (tree: HastRoot) => {
    const find = (node: HastRoot | Element, name: string): Element | undefined => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === name) return child;
        const found = find(child, name);
        if (found) return found;
      }
      return undefined;
    };
    // Only the document's own <title>: an SVG <title> in the body may hold the article itself,
    // and reusing its children under the new h1 would make the tree a cycle.
    const head = find(tree, 'head');
    const title = head ? find(head, 'title') : undefined;
    const titleText = title?.children.map((child) => (child.type === 'text' ? child.value : '')).join('').trim();
    const body = find(tree, 'article') ?? find(tree, 'main') ?? find(tree, 'body') ?? tree;
    const strip = (node: HastRoot | Element) => {
      node.children = node.children.filter((child) => child.type !== 'element' || !PAGE_CHROME.has(child.tagName));
      for (const child of node.children) if (child.type === 'element') strip(child);
    };
    strip(body);
    const hasH1 = Boolean(find(body, 'h1'));
    const children = body.type === 'root' ? body.children : body.children;
    // A page whose body has no h1 takes its title from <title>.
    if (!hasH1 && title && titleText) {
      children.unshift({ type: 'element', tagName: 'h1', properties: {}, children: [{ type: 'text', value: titleText }], position: title.position });
    }
    tree.children = children;
  };
}

const htmlProcessor = unified().use(rehypeParse).use(rehypeArticleBody).use(rehypeRemark).freeze();

/** Parse an article into mdast. The file's value is the article text. */
export function mdastFromFile(file: VFile, format: ArticleFormat): Root {
  switch (format) {
    case 'md':
      checkMarkdownLimits(file);
      return markdownProcessor.runSync(markdownProcessor.parse(file), file) as Root;
    case 'txt':
      return plainTextProcessor.runSync(plainTextProcessor.parse(file), file) as Root;
    case 'html': {
      let hast: HastRoot;
      try {
        hast = htmlProcessor.parse(file);
      } catch (error) {
        // hast-util-from-parse5 converts recursively: thousands of nested tags overflow the stack.
        // That is the page's nesting, not a bug here, so it becomes a message on the file.
        if (error instanceof RangeError) failHtmlTooDeep(file);
        throw error;
      }
      checkHtmlDepth(hast, file);
      return htmlProcessor.runSync(hast, file) as unknown as Root;
    }
    default:
      throw new TypeError(`Unknown article format \`${String(format)}\`, expected md, txt or html`);
  }
}
