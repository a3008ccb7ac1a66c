/** What a deck shows, read from its HTML as a tree: each slide's title, paragraphs and bullets. */
import type { Element, Nodes, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Outline } from '../../src/types.ts';

export interface ShownSlide {
  title: string;
  body: string[];
  bullets: string[];
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function elements(node: Element, names: string[]): Element[] {
  const found: Element[] = [];
  visit(node, 'element', (child: Element) => {
    if (child !== node && names.includes(child.tagName)) found.push(child);
  });
  return found;
}

/** The slides of a deck's HTML, in order, notes left out. */
export function slidesOfDeck(html: string): ShownSlide[] {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const slides: ShownSlide[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'section') return;
    const shown = node.children.filter((child): child is Element => child.type === 'element' && !(child.tagName === 'aside'));
    const heading = shown.find((child) => child.tagName === 'h1' || child.tagName === 'h2');
    slides.push({
      title: heading ? textOf(heading) : '',
      body: shown.filter((child) => child.tagName === 'p').map(textOf),
      bullets: shown.filter((child) => child.tagName === 'ul').flatMap((list) => elements(list, ['li']).map(textOf)),
    });
  });
  return slides;
}

/** What an outline should show: its visible slides' titles, paragraphs and bullets. */
export function slidesOfOutline(outline: Outline): ShownSlide[] {
  return outline.slides
    .filter((slide) => !slide.hidden)
    .map((slide) => ({ title: slide.title, body: slide.body ?? [], bullets: slide.bullets.map((bullet) => bullet.text) }));
}
