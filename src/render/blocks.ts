/**
 * Rich slide content as hast: Markdown inline text (emphasis, links, inline
 * code, KaTeX math), tables, figures, highlighted code, display formulas and
 * quotes. Everything is built as a tree: KaTeX's output is parsed into hast,
 * code is highlighted by lowlight (highlight.js grammars) at build time, links
 * are kept only for http(s) and mailto, and images point only at files the
 * build copied into the deck.
 */
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import katex from 'katex';
import { common, createLowlight } from 'lowlight';
import type { PhrasingContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { inlineFromMarkdown, inlinePlainText } from '../text/inline-markdown.ts';
import { columnAlignments, tableColumnWidths } from '../fit/exhibits.ts';
import { label } from '../text/labels.ts';
import type { SlideBlock, TableBlock } from '../types.ts';

/** An image the build copied into the deck: its path in the deck folder and its size in pixels. */
export interface DeckImage {
  /** Path inside the deck folder, e.g. `images/revenue.png`. */
  to: string;
  width: number;
  height: number;
}

/** What rendering rich content needs and notes: the copied images by source path; whether math was typeset. */
export interface RichContext {
  images?: Readonly<Record<string, DeckImage>>;
  /** Set when a formula was typeset (the deck then needs KaTeX's stylesheet and fonts). */
  usedMath?: boolean;
  usedCode?: boolean;
  /**
   * `mathml`: formulas as MathML only (Chromium draws it natively, with no
   * stylesheet or font files), for documents that carry no KaTeX assets, such
   * as the handout page. Default: KaTeX's HTML with MathML beside it.
   */
  mathOutput?: 'mathml';
  /** The deck's language (BCP 47), for the words the deck adds itself (a formula's tooltip when it cannot be typeset). */
  lang?: string;
}

const lowlight = createLowlight(common);

/** KaTeX options: no trust (so `\href`, `\url`, `\htmlClass` and the like render as text), errors thrown to be shown as code. */
const KATEX_OPTIONS = { throwOnError: true, trust: false, strict: 'ignore' as const, output: 'htmlAndMathml' as const, maxExpand: 1000, maxSize: 50 };

/** A formula that KaTeX cannot typeset, with KaTeX's reason. */
export function mathError(tex: string, display: boolean): string | undefined {
  try {
    katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^KaTeX parse error: /, '') : String(error);
  }
}

/** TeX commands that need trust, which briefdeck never gives: reported when a formula uses one. */
export const UNTRUSTED_COMMANDS = /\\(?:href|url|includegraphics|htmlClass|htmlId|htmlStyle|htmlData)\b/;

/** A formula as hast: KaTeX's HTML and MathML, or the TeX as code when it does not parse. */
export function mathToHast(tex: string, display: boolean, context: RichContext): ElementContent {
  try {
    const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, ...(context.mathOutput ? { output: context.mathOutput } : {}) });
    if (!context.mathOutput) context.usedMath = true;
    const tree = fromHtml(html, { fragment: true });
    const children = tree.children.filter((child): child is ElementContent => child.type === 'element' || child.type === 'text');
    return display ? h('div.bd-math', children) : h('span.bd-math-inline', children);
  } catch {
    return h('code.bd-math-error', { title: label(context.lang, 'formulaNotTypeset') }, tex);
  }
}

/** Whether a link may stay a link: web and mail addresses only. */
function safeHref(url: string): boolean {
  return /^(?:https?:|mailto:)/i.test(url.trim());
}

/** mdast phrasing content -> hast, math typeset, unsafe links made text. */
function phrasingToHast(nodes: PhrasingContent[], context: RichContext): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'inlineMath') {
      out.push(mathToHast(node.value, false, context));
      continue;
    }
    if (node.type === 'link') {
      const children = phrasingToHast(node.children, context);
      if (safeHref(node.url)) out.push(h('a', { href: node.url, rel: 'noopener noreferrer', target: '_blank' }, children));
      else out.push(...children);
      continue;
    }
    if (node.type === 'image' || node.type === 'imageReference' || node.type === 'footnoteReference' || node.type === 'html') {
      out.push({ type: 'text', value: inlinePlainText(node.type === 'html' ? node.value : 'alt' in node ? (node.alt ?? '') : '') });
      continue;
    }
    if ('children' in node) {
      const converted = toHast({ ...node, children: [] } as PhrasingContent) as Element | undefined;
      if (converted && converted.type === 'element') {
        converted.children = phrasingToHast(node.children as PhrasingContent[], context);
        out.push(converted);
      } else out.push(...phrasingToHast(node.children as PhrasingContent[], context));
      continue;
    }
    const converted = toHast(node);
    if (converted && (converted.type === 'element' || converted.type === 'text')) out.push(converted as ElementContent);
  }
  return out;
}

/** One line of Markdown inline text as hast content. */
export function inlineToHast(text: string, context: RichContext = {}): ElementContent[] {
  if (!/[\\*_`[\]$~<&!]/.test(text)) return [{ type: 'text', value: text }];
  return phrasingToHast(inlineFromMarkdown(text), context);
}

export { columnAlignments, tableColumnWidths } from '../fit/exhibits.ts';

function tableToHast(block: TableBlock, context: RichContext): Element {
  const align = columnAlignments(block);
  const widths = tableColumnWidths(block);
  const cell = (tag: 'th' | 'td', text: string, column: number) =>
    h(tag, { style: align[column] ? `text-align: ${align[column]}` : undefined }, inlineToHast(text, context));
  return h('table.bd-table', [
    h('colgroup', widths.map((width) => h('col', { width: `${(width * 100).toFixed(2)}%` }))),
    h('thead', [h('tr', block.header.map((text, column) => cell('th', text, column)))]),
    h('tbody', block.rows.map((row) => h('tr', block.header.map((_, column) => cell('td', row[column] ?? '', column))))),
  ]);
}

/** One slide block as hast. */
export function blockToHast(block: SlideBlock, context: RichContext = {}): Element {
  switch (block.type) {
    case 'table':
      return tableToHast(block, context);
    case 'figure': {
      const image = context.images?.[block.src];
      const caption = block.caption ? [h('figcaption', block.caption)] : [];
      if (!image) return h('figure.bd-figure.bd-figure-missing', [h('p.bd-figure-alt', block.alt || block.src), ...caption]);
      return h('figure.bd-figure', [h('img', { src: image.to, alt: block.alt, width: image.width, height: image.height, decoding: 'sync' }), ...caption]);
    }
    case 'code': {
      context.usedCode = true;
      const lang = block.lang?.toLowerCase();
      const tree = lang && lowlight.registered(lang) ? lowlight.highlight(lang, block.value) : { children: [{ type: 'text' as const, value: block.value }] };
      return h('pre.bd-code', [h('code.hljs', { className: lang ? [`language-${lang}`] : undefined }, tree.children as ElementContent[])]);
    }
    case 'math':
      return mathToHast(block.value, true, context) as Element;
    case 'quote':
      return h('blockquote.bd-quote', [h('p', inlineToHast(block.text, context)), ...(block.cite ? [h('footer', [h('cite', `— ${block.cite}`)])] : [])]);
    default:
      throw new TypeError(`Unknown slide block type \`${String((block as { type: unknown }).type)}\``);
  }
}
