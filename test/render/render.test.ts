/**
 * Render: outline -> reveal.js hast -> HTML, checked on a fixture outline
 * against the expected slides beside it, plus the handout document.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { toHandoutHast } from '../../src/render/handout.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { deckAssets, renderDeck, slideToHast } from '../../src/render/render.ts';

/** Elements of a tree matching a small selector: `tag`, `.class`, `tag.class`, `tag[attr]` or `tag[attr=value]`, optionally `A B` for descendants. */
function selectAll(selector: string, tree: Root | Element): Element[] {
  const [first, ...rest] = selector.split(/\s*,\s*/);
  if (rest.length > 0) return [first!, ...rest].flatMap((part) => selectAll(part, tree)).sort((a, b) => order(tree, a) - order(tree, b));
  const steps = first!.split(/\s+>?\s*/).filter(Boolean);
  let scope: Array<Root | Element> = [tree];
  for (const step of steps) {
    const match = /^(\w+)?(?:\.([\w-]+))?(?:\[([\w-]+)(?:=([^\]]+))?\])?$/.exec(step)!;
    const [, tag, className, attribute, value] = match;
    const found: Element[] = [];
    for (const root of scope) {
      visit(root, 'element', (node: Element) => {
        if (node === root) return;
        if (tag && node.tagName !== tag) return;
        if (className && !(node.properties.className as string[] | undefined)?.includes(className)) return;
        if (attribute) {
          const key = attribute === 'name' ? 'name' : attribute;
          if (node.properties[key] === undefined) return;
          if (value !== undefined && String(node.properties[key]) !== value) return;
        }
        if (!found.includes(node)) found.push(node);
      });
    }
    scope = found;
  }
  return scope as Element[];
}

function order(tree: Root | Element, element: Element): number {
  let index = -1;
  let at = 0;
  visit(tree, 'element', (node: Element) => {
    if (node === element) index = at;
    at += 1;
  });
  return index;
}

function select(selector: string, tree: Root | Element): Element | undefined {
  return selectAll(selector, tree)[0];
}

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'render-basic');

function fixture() {
  const text = readFileSync(join(FIXTURE, 'outline.md'), 'utf8');
  return outlineFromMarkdown(text, new VFile({ path: 'outline.md', value: text }));
}

describe('renderDeck', () => {
  it('should render the fixture outline to the expected slides', () => {
    const { outline, settings } = fixture();
    const deck = renderDeck(outline, { theme: 'dark', lang: settings.lang, fit: [0, 2, 0, 0, 0, 0] });
    const slides = select('div.slides', deck.tree)!;
    const expectedPath = join(FIXTURE, 'slides.html');
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, toHtml(slides) + '\n');
    expect(toHtml(slides) + '\n').toBe(readFileSync(expectedPath, 'utf8'));
    expect(deck.slides.map((slide) => slide.title)).toEqual(['Render Basics', 'Key points', 'Findings', 'A second finding', 'Bottom line']);
  });

  it('should put a continuing slide\'s section above its title, and a closing slide\'s source below its bottom line', () => {
    const { outline } = fixture();
    const slides = select('div.slides', renderDeck(outline).tree)!;
    const continued = toHtml(slides.children[3]!);
    expect(continued).toBe('<section data-kind="content"><p class="section-label">Findings</p><h2>A second finding</h2><ul><li>It continues the section.</li></ul></section>');
    const closing = toHtml(slides.children[4]!);
    expect(closing).toBe('<section data-kind="closing"><h2>Bottom line</h2><ul><li>The bottom line.</li></ul><p class="source">Render Basics: What each kind of slide turns into</p></section>');
  });

  it('should set the language, the slide size and shape, the theme and the title', () => {
    const { outline, settings } = fixture();
    const wide = renderDeck(outline, { lang: settings.lang });
    expect(select('html', wide.tree)!.properties.lang).toBe('en-GB');
    expect(select('title', wide.tree)!.children).toEqual([{ type: 'text', value: 'Render Basics' }]);
    expect(select('meta[name=author]', wide.tree)!.properties.content).toBe('A. Writer');
    expect(select('div.reveal', wide.tree)!.properties).toMatchObject({ dataWidth: '1280', dataHeight: '720', dataAspect: '16:9', dataTheme: 'light' });
    const square = renderDeck(outline, { aspect: '4:3', theme: 'contrast' });
    expect(select('div.reveal', square.tree)!.properties).toMatchObject({ dataWidth: '1024', dataHeight: '768', dataAspect: '4:3', dataTheme: 'contrast' });
    expect(square.assets.map((asset) => asset.to)).toContain('assets/theme-contrast.css');
  });

  it('should give every slide exactly one heading: h1 on the title slide, h2 elsewhere', () => {
    const { outline } = fixture();
    const deck = renderDeck(outline);
    const sections = selectAll('div.slides > section', deck.tree);
    expect(sections.map((section) => selectAll('h1, h2, h3, h4, h5, h6', section).map((heading) => heading.tagName))).toEqual([['h1'], ['h2'], ['h2'], ['h2'], ['h2']]);
  });

  it('should link every stylesheet and script from the deck folder, none from the network', () => {
    const { outline } = fixture();
    const deck = renderDeck(outline);
    const urls = selectAll('link[href], script[src]', deck.tree).map((element: Element) => String(element.properties.href ?? element.properties.src));
    expect(urls).toEqual(deckAssets('light').map((asset) => asset.to));
    for (const url of urls) expect(url).toMatch(/^assets\/[\w.-]+$/);
  });
});

describe('slideToHast', () => {
  it('should mark a slide with its fit step only when it is stepped down', () => {
    const slide = { kind: 'content' as const, title: 'T', bullets: [{ text: 'B' }], notes: '' };
    expect(slideToHast(slide).properties.dataFit).toBeUndefined();
    expect(slideToHast(slide, 3).properties.dataFit).toBe('3');
    expect(selectAll('aside', slideToHast(slide))).toEqual([]);
  });
});

describe('toHandoutHast', () => {
  it('should make one page per shown slide with its title, notes and ruled space', () => {
    const { outline } = fixture();
    const tree: Root = toHandoutHast(outline, { paper: 'letter', lang: 'en-GB' });
    const pages = selectAll('section.handout-page', tree);
    expect(pages.length).toBe(5);
    expect(select('html', tree)!.properties.lang).toBe('en-GB');
    const second = pages[1]!;
    expect(toHtml(select('.handout-head', second)!)).toBe('<div class="handout-head"><span>Render Basics</span><span>Slide 2 of 5</span></div>');
    expect(selectAll('.handout-notes p', second).map((p) => toHtml(p))).toEqual(['<p>Say the first point slowly.</p>', '<p>Then the second.</p>']);
    expect(select('.handout-slide', second)).toBeDefined();
    expect(select('.handout-lines', second)).toBeDefined();
    expect(toHtml(select('style', tree)!)).toContain('size: letter portrait');
    // A slide without notes says so rather than leaving the space unexplained.
    expect(toHtml(select('.handout-notes p', pages[2]!)!)).toBe('<p>No notes for this slide.</p>');
  });
});
