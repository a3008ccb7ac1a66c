/**
 * Ingest: article text in any supported format -> mdast, all through unified.
 */
import type { Root as HastRoot, Element } from 'hast';
import type { Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { checkHtmlDepth, checkMarkdownLimits, failHtmlTooDeep } from './input-limits.ts';
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
