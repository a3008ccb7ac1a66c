/**
 * Measure, in an open deck, every slide's content box against the slide: the
 * union of the boxes of everything it shows (text, table cells, code lines,
 * typeset formulas, images; speaker notes left out), and any element whose
 * content is wider than its own box (a clipped or scrolling code block, cell or
 * formula). In slide pixels, whatever the window's scale.
 */
import type { Page } from 'playwright-core';

export interface SlideBox {
  index: number;
  kind: string;
  title: string;
  /** Fit step the deck gave the slide (0: full size). */
  fit: number;
  /** The content box, in slide pixels from the slide's top left corner. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Elements whose content is wider than their box (scrollWidth over clientWidth), as `tag.class: scroll/client`. */
  clipped: string[];
}

export async function measureSlideBoxes(page: Page): Promise<{ width: number; height: number; slides: SlideBox[] }> {
  return page.evaluate(() => {
    const reveal = (window as unknown as { Reveal: { getConfig(): { width: number; height: number } } }).Reveal;
    const { width, height } = reveal.getConfig();
    const sections = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section'));
    const slides = sections.map((section, index) => {
      const previous = section.style.display;
      // Show the slide for layout without navigating (reveal hides slides far from the current one).
      if (getComputedStyle(section).display === 'none') section.style.display = section.dataset.kind === 'title' || section.dataset.kind === 'closing' || section.dataset.kind === 'exhibit' ? 'flex' : 'block';
      const box = section.getBoundingClientRect();
      const scale = box.width / width;
      let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
      const shown = section.querySelectorAll<HTMLElement>('h1, h2, p, li, img, table, th, td, pre, code, blockquote, figure, figcaption, .bd-math, .katex-display, .katex, .katex-html, .base');
      for (const element of Array.from(shown)) {
        if (element.closest('aside')) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        left = Math.min(left, (rect.left - box.left) / scale);
        top = Math.min(top, (rect.top - box.top) / scale);
        right = Math.max(right, (rect.right - box.left) / scale);
        bottom = Math.max(bottom, (rect.bottom - box.top) / scale);
      }
      const clipped: string[] = [];
      for (const element of Array.from(section.querySelectorAll<HTMLElement>('pre, pre code, td, th, .bd-math, .katex-display, figure'))) {
        if (element.closest('aside')) continue;
        if (element.scrollWidth > element.clientWidth + 1) clipped.push(`${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth}/${element.clientWidth}`);
      }
      section.style.display = previous;
      return {
        index,
        kind: section.dataset.kind ?? '',
        title: section.querySelector('h1, h2')?.textContent ?? '',
        fit: Number(section.dataset.fit ?? 0),
        left,
        top,
        right,
        bottom,
        clipped,
      };
    });
    return { width, height, slides };
  });
}

/** The slides whose content runs past the slide's edges (by more than half a pixel), or whose content is clipped inside a box. */
export function overflowing(measured: { width: number; height: number; slides: SlideBox[] }): SlideBox[] {
  return measured.slides.filter((slide) => slide.left < -0.5 || slide.top < -0.5 || slide.right > measured.width + 0.5 || slide.bottom > measured.height + 0.5 || slide.clipped.length > 0);
}
