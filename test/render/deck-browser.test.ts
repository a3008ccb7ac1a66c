/**
 * The built seed deck in real headless Chromium, opened offline from file://:
 * what a person sees when presenting it.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/node/build-deck.ts';
import { launchChromium } from '../../src/node/browser.ts';
import { measureSlideOverflow } from '../../scripts/lib/fit-measure.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { buildInTemp, openDeck, openSpeakerView, SEED_ARTICLE, type OpenDeck } from '../helpers/deck-page.ts';

let browser: Browser;
let report: BuildReport;
let deck: OpenDeck;

beforeAll(async () => {
  // Fails (does not skip) with the install command when there is no Chromium.
  browser = await launchChromium();
  report = await buildInTemp(SEED_ARTICLE);
  deck = await openDeck(browser, report.indexPath);
});

afterAll(async () => {
  await browser?.close();
});

describe('the seed deck in Chromium', () => {
  it('should start Reveal with one slide per non-hidden outline slide', async () => {
    const text = readFileSync(report.outlinePath, 'utf8');
    const { outline } = outlineFromMarkdown(text, new VFile({ path: report.outlinePath, value: text }));
    const expected = outline.slides.filter((slide) => !slide.hidden).length;
    expect(expected).toBeGreaterThanOrEqual(5);
    const state = await deck.page.evaluate(() => {
      const reveal = (window as unknown as { Reveal: { isReady(): boolean; getTotalSlides(): number } }).Reveal;
      return { ready: reveal.isReady(), total: reveal.getTotalSlides() };
    });
    expect(state).toEqual({ ready: true, total: expected });
    expect(report.slideCount).toBe(expected);
  });

  it('should log no console error and request nothing but file:// URLs', () => {
    expect(deck.errors).toEqual([]);
    expect(deck.offsite).toEqual([]);
    expect(deck.requests.length).toBeGreaterThan(3);
  });

  it('should keep every slide inside the 1280x720 slide', async () => {
    const overflow = await measureSlideOverflow(deck.page);
    expect(overflow.length).toBe(report.slideCount);
    for (const slide of overflow) {
      expect({ title: slide.title, bottom: slide.bottom, right: slide.right, top: slide.top }).toEqual({ title: slide.title, bottom: 0, right: 0, top: 0 });
    }
  });

  it('should show bullets of at most 25 words and at least two content sections', async () => {
    const slides = await deck.page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides > section')).map((section) => ({
        kind: section.dataset.kind,
        title: section.querySelector('h1, h2')?.textContent ?? '',
        bullets: Array.from(section.querySelectorAll('li'), (li) => li.textContent ?? ''),
      })),
    );
    const words = slides.flatMap((slide) => slide.bullets.map((bullet) => bullet.trim().split(/\s+/).length));
    expect(words.length).toBeGreaterThan(5);
    expect(Math.max(...words)).toBeLessThanOrEqual(25);
    const sections = new Set(slides.filter((slide) => slide.kind === 'content').map((slide) => slide.title.replace(/ \(cont\.\)$/, '')));
    expect(sections.size).toBeGreaterThanOrEqual(2);
  });

  it('should open the speaker view on S with the current slide\'s notes and slide previews', async () => {
    const speaker = await openSpeakerView(deck, 1);
    const notes = await speaker.evaluate(() => document.querySelector('.speaker-controls-notes .value')!.textContent!);
    const expected = await deck.page.evaluate(() => document.querySelectorAll('.reveal .slides > section')[1]!.querySelector('aside.notes p')!.textContent!);
    expect(notes).toContain(expected);
    await speaker.close();
    await deck.page.evaluate(() => (window as unknown as { Reveal: { slide(index: number): void } }).Reveal.slide(0));
    expect(deck.errors).toEqual([]);
  });

  it('should set the language, give each slide one heading, and number the slides', async () => {
    const facts = await deck.page.evaluate(() => ({
      lang: document.documentElement.lang,
      headings: Array.from(document.querySelectorAll('.reveal .slides > section'), (section) => Array.from(section.querySelectorAll('h1, h2, h3, h4, h5, h6'), (heading) => heading.tagName)),
      slideNumber: (() => {
        const element = document.querySelector<HTMLElement>('.reveal .slide-number');
        return element ? { shown: getComputedStyle(element).display !== 'none', text: element.textContent?.replace(/\s+/g, '') } : undefined;
      })(),
    }));
    expect(facts.lang).toBe('en');
    expect(facts.headings[0]).toEqual(['H1']);
    for (const headings of facts.headings.slice(1)) expect(headings).toEqual(['H2']);
    expect(facts.slideNumber).toEqual({ shown: true, text: `1/${report.slideCount}` });
  });
});
