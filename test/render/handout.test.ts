/**
 * The handout document's layouts, as hast: which slides go on which page, what
 * each cell holds, and a grid that fits the page for every paper, layout and
 * slide shape (the browser test, test/node/handout-layouts.test.ts, prints them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { HANDOUT_LAYOUTS, HANDOUT_PAPERS, handoutGeometry, toHandoutHast } from '../../src/render/handout.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'render-basic');

function outline() {
  const text = readFileSync(join(FIXTURE, 'outline.md'), 'utf8');
  return outlineFromMarkdown(text, new VFile({ path: 'outline.md', value: text })).outline;
}

/** The text of an element. */
function toString(node: Element): string {
  let text = '';
  visit(node, 'text', (child: { value: string }) => {
    text += child.value;
  });
  return text;
}

/** Elements with this class, in document order. */
function byClass(tree: Root | Element, name: string): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node !== tree && (node.properties.className as string[] | undefined)?.includes(name)) found.push(node);
  });
  return found;
}

describe('toHandoutHast layouts', () => {
  it('should put 2, 3 or 6 slides on a page, each frame numbered for the printer, captioned, no notes', () => {
    const deck = outline();
    const shown = deck.slides.filter((slide) => !slide.hidden);
    expect(shown.length).toBe(5);
    for (const layout of [2, 3, 6] as const) {
      const pages = byClass(toHandoutHast(deck, { layout }), 'handout-page');
      expect(pages.length).toBe(Math.ceil(5 / layout));
      const frames = pages.map((page) => byClass(page, 'handout-slide').map((frame) => frame.properties.dataSlide));
      expect(frames.flat()).toEqual([0, 1, 2, 3, 4]);
      expect(frames[0]!.length).toBe(Math.min(layout, 5));
      const tree = toHandoutHast(deck, { layout });
      expect(byClass(tree, 'handout-caption').map((caption) => toString(caption))).toEqual(shown.map((slide, index) => `Slide ${index + 1}: ${slide.title}`));
      expect(byClass(tree, 'handout-notes')).toEqual([]);
      // Ruled lines beside each slide in the 3-up layout only.
      expect(byClass(tree, 'handout-lines').length).toBe(layout === 3 ? 5 : 0);
      expect(toString(byClass(pages[0]!, 'handout-head')[0]!)).toBe(`Render Basics${layout >= 5 ? '1–5 / 5' : `1–${layout} / 5`}`);
    }
  });

  it('should keep the one-slide page as it was: the slide, its notes, ruled lines', () => {
    const tree = toHandoutHast(outline());
    const pages = byClass(tree, 'handout-page');
    expect(pages.length).toBe(5);
    for (const page of pages) expect([byClass(page, 'handout-slide').length, byClass(page, 'handout-notes').length, byClass(page, 'handout-lines').length]).toEqual([1, 1, 1]);
  });

  it.each(Object.keys(HANDOUT_PAPERS) as Array<keyof typeof HANDOUT_PAPERS>)('should lay out a grid that fits %s paper for every layout and slide shape', (paper) => {
    const { mm } = HANDOUT_PAPERS[paper];
    for (const layout of HANDOUT_LAYOUTS.filter((n) => n !== 1)) {
      for (const aspect of [16 / 9, 4 / 3]) {
        const grid = handoutGeometry(paper, layout, aspect);
        expect(grid.rows * grid.columns).toBe(layout);
        // Margins 16mm a side; 12mm + 10mm + an 8mm head above and below.
        expect(grid.columns * grid.cell.width + (grid.columns - 1) * 8).toBeCloseTo(mm.width - 32, 6);
        expect(grid.rows * grid.cell.height + (grid.rows - 1) * 6).toBeCloseTo(mm.height - 30, 6);
        expect(grid.slide.width).toBeLessThanOrEqual(grid.cell.width);
        expect(grid.slide.height + 9).toBeLessThanOrEqual(grid.cell.height + 1e-9);
        expect(grid.slide.width / grid.slide.height).toBeCloseTo(aspect, 6);
        // Big enough to read: at least 6 cm wide.
        expect(grid.slide.width).toBeGreaterThan(60);
      }
    }
  });
});
