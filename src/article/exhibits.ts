/**
 * Exhibits: what an article shows besides running prose (tables, figures,
 * display formulas, code blocks, block quotes), read from mdast into the plain
 * slide blocks of `src/types.ts`, with the caption or the sentence that
 * introduces each. Footnote definitions are read here too.
 */
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { FootnoteDefinition, Paragraph as MdParagraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { escapeCell, escapeInline, inlineToMarkdown } from '../text/inline-markdown.ts';
import type { Exhibit, FigureBlock, Footnote, Section, SlideBlock, SourcePoint } from '../types.ts';

/** A paragraph that names the exhibit next to it: `Table 2: ...`, `Figure 3. ...`, `Source: ...`. */
const CAPTION = /^(?:table|figure|fig\.|chart|graph|exhibit|diagram|map)\s*[\dIVX]*[.:]?\s+\S/i;
/** The speaker line closing a quote: `— Name`, `-- Name`. */
const CITE = /^(?:—|―|--|–)\s*(.+)$/s;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The caption of an exhibit from the prose around it: the sentence ending in `:` just before it. */
function introducingSentence(section: Section): string | undefined {
  const last = section.paragraphs.at(-1)?.sentences.at(-1);
  if (!last || !/:\s*$/.test(last.text)) return undefined;
  return last.text.replace(/:\s*$/, '').trim() || undefined;
}

function figureFromHast(tree: HastRoot | Element): FigureBlock[] {
  const figures: FigureBlock[] = [];
  const walk = (node: HastRoot | Element, caption?: string) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'figure') {
        const figcaption = child.children.find((each): each is Element => each.type === 'element' && each.tagName === 'figcaption');
        walk(child, figcaption ? oneLine(hastText(figcaption)) : undefined);
      } else if (child.tagName === 'img') {
        const src = String(child.properties.src ?? '');
        if (src) figures.push({ type: 'figure', src, alt: oneLine(String(child.properties.alt ?? '')), ...(caption || child.properties.title ? { caption: caption || oneLine(String(child.properties.title)) } : {}) });
      } else walk(child, caption);
    }
  };
  walk(tree);
  return figures;
}

function hastText(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? hastText(child) : '')).join('');
}

/** The exhibits one block node of a section holds (none for prose). */
export function exhibitsOf(node: RootContent, section: Section, file: VFile, start: SourcePoint): Exhibit[] {
  const make = (block: SlideBlock, caption?: string): Exhibit => {
    const exhibit: Exhibit = { block, start, afterParagraph: section.paragraphs.length - 1 };
    const named = caption ?? introducingSentence(section);
    if (named) exhibit.caption = named;
    return exhibit;
  };
  switch (node.type) {
    case 'table': {
      const [head, ...body] = node.children;
      if (!head) return [];
      const cells = (row: typeof head) => row.children.map((cell) => escapeCell(inlineToMarkdown(cell.children as PhrasingContent[])));
      const header = cells(head);
      return [make({ type: 'table', align: header.map((_, i) => node.align?.[i] ?? null), header, rows: body.map((row) => header.map((_, i) => cells(row)[i] ?? '')) })];
    }
    case 'code':
      return [make({ type: 'code', ...(node.lang ? { lang: node.lang } : {}), value: node.value })];
    case 'math':
      return [make({ type: 'math', value: node.value })];
    case 'blockquote': {
      const paragraphs = node.children.map((child) => (child.type === 'paragraph' ? inlineToMarkdown(child.children) : oneLine(toString(child)))).filter(Boolean);
      const lastPlain = node.children.at(-1) ? oneLine(toString(node.children.at(-1)!)) : '';
      const cite = paragraphs.length > 1 || /\n/.test(lastPlain) ? CITE.exec(lastPlain) : null;
      let text = paragraphs;
      if (cite) text = paragraphs.slice(0, -1);
      else if (node.children.at(-1)?.type === 'paragraph') {
        // A speaker line inside the last paragraph: "quote text\n— Name".
        const raw = toString(node.children.at(-1)!);
        const lines = raw.split('\n');
        const speaker = lines.length > 1 ? CITE.exec(lines.at(-1)!.trim()) : null;
        if (speaker) {
          const before = [...paragraphs.slice(0, -1), escapeInline(oneLine(lines.slice(0, -1).join(' ')))];
          return [make({ type: 'quote', text: oneLine(before.join(' ')), cite: oneLine(speaker[1]!) })];
        }
      }
      const quote = oneLine(text.join(' '));
      if (!quote) return [];
      return [make({ type: 'quote', text: quote, ...(cite ? { cite: oneLine(cite[1]!) } : {}) })];
    }
    case 'html': {
      if (!/<(?:img|figure)\b/i.test(node.value)) {
        if (/\S/.test(node.value) && !/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) {
          file.message(`Raw HTML is not shown on a slide: \`${oneLine(node.value).slice(0, 60)}\``, { place: node.position, ruleId: 'dropped-element', source: 'briefdeck' });
        }
        return [];
      }
      return localFigures(figureFromHast(fromHtml(node.value, { fragment: true })), node.position ?? start, file).map((figure) => make(figure, figure.caption));
    }
    case 'paragraph': {
      const images = localFigures(imagesOf(node), node.position ?? start, file);
      return images.map((image) => make(image, image.caption));
    }
    default:
      return [];
  }
}

/**
 * The figures whose image can be on a slide. An image at a network address is never fetched
 * (a page saved as "HTML only" points at its site's servers): a slide of it would show a URL, so
 * it is left out of the outline with a warning at its line saying how to keep it.
 */
function localFigures(figures: FigureBlock[], place: Position | SourcePoint, file: VFile): FigureBlock[] {
  return figures.filter((figure) => {
    if (!/^(?:https?:)?\/\//i.test(figure.src.trim())) return true;
    const message = file.message(`Figure \`${figure.src.slice(0, 120)}\` is a network address, which briefdeck never fetches: left out of the slides; save the image beside the article and give its relative path to show it`, {
      place,
      ruleId: 'remote-figure',
      source: 'briefdeck',
    });
    message.fatal = false;
    return false;
  });
}

/** Images in a paragraph (Markdown images and inline `<img>` tags). */
function imagesOf(node: MdParagraph): FigureBlock[] {
  const figures: FigureBlock[] = [];
  const walk = (children: PhrasingContent[]) => {
    for (const child of children) {
      if (child.type === 'image') figures.push({ type: 'figure', src: child.url, alt: oneLine(child.alt ?? ''), ...(child.title ? { caption: oneLine(child.title) } : {}) });
      else if (child.type === 'html' && /<img\b/i.test(child.value)) figures.push(...figureFromHast(fromHtml(child.value, { fragment: true })));
      else if ('children' in child) walk(child.children as PhrasingContent[]);
    }
  };
  walk(node.children);
  return figures;
}

/**
 * A numbered caption standing as its own paragraph: "Table 1: Recall and latency.", "Figure 3. Revenue
 * by year", "Exhibit 2 — Cases". The number and its stop are required: "Figure 2 shows that ..." is prose.
 */
const NUMBERED_CAPTION = /^(?:table|figure|fig\.|chart|graph|exhibit|diagram|map)\s+(?:\d+(?:\.\d+)?[a-z]?|[IVX]+)\s*(?:[.:]|—|–|-)\s+\S/i;

/** The longest a caption paragraph runs, in words: a longer one is prose that happens to open like one. */
const CAPTION_MAX_WORDS = 40;

/** Whether a paragraph's text is a numbered caption ("Table 1: ..."), to title the exhibit beside it rather than be a claim. */
export function isCaptionText(text: string): boolean {
  const trimmed = text.trim();
  return NUMBERED_CAPTION.test(trimmed) && trimmed.split(/\s+/).length <= CAPTION_MAX_WORDS;
}

/** A caption paragraph's text as an exhibit's title: one line, without its closing full stop. */
export function captionTitle(text: string): string {
  return oneLine(text).replace(/\.$/u, '');
}

/** A footnote definition as a footnote: its text as one line of Markdown inline text. */
export function footnoteOf(node: FootnoteDefinition, start: SourcePoint): Footnote {
  const text = node.children.map((child) => (child.type === 'paragraph' ? inlineToMarkdown(child.children) : oneLine(toString(child)))).join(' ');
  return { label: node.label ?? node.identifier, text, start };
}
