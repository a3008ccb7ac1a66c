/**
 * The single-file deck: one HTML file, every asset inlined, a CSP that allows
 * exactly its inline scripts by hash; opened alone from file:// it makes no
 * request and its speaker view works.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/node/build-deck.ts';
import { launchChromium } from '../../src/node/browser.ts';
import { scriptHash } from '../../src/render/single-file.ts';
import { SPEAKER_VIEW_SCRIPT_SOURCES, speakerViewScripts, speakerViewScriptSources } from '../../src/render/speaker-view.ts';
import { buildInTemp, openDeck, openSpeakerView, SEED_ARTICLE } from '../helpers/deck-page.ts';

let report: BuildReport;
let html: string;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  report = await buildInTemp(SEED_ARTICLE, { singleFile: true });
  html = readFileSync(report.exports.singleFile!, 'utf8');
});

afterAll(async () => {
  await browser?.close();
});

describe('the single-file deck', () => {
  it('should be written beside the deck and inline every stylesheet and script', () => {
    expect(report.exports.singleFile).toBe(join(report.deckDir, 'isis-central-asia.html'));
    const tree = unified().use(rehypeParse).parse(html);
    const references: string[] = [];
    const scripts: string[] = [];
    let csp = '';
    visit(tree, 'element', (node: Element) => {
      for (const key of ['src', 'href'] as const) {
        if (node.properties[key] !== undefined) references.push(`${node.tagName} ${key}=${String(node.properties[key])}`);
      }
      if (node.tagName === 'script') scripts.push(node.children.map((child) => ('value' in child ? child.value : '')).join(''));
      if (node.tagName === 'meta' && String(node.properties.httpEquiv).toLowerCase() === 'content-security-policy') csp = String(node.properties.content);
    });
    expect(references).toEqual([]);
    expect(scripts.length).toBe(3);
    // Exactly the inline scripts (and the speaker view's) are allowed, by hash; no 'unsafe-inline' script, no network.
    const scriptSrc = csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src'))!;
    expect(scriptSrc.split(/\s+/).slice(1).sort()).toEqual([...scripts.map((script) => `'sha256-${scriptHash(script)}'`), ...SPEAKER_VIEW_SCRIPT_SOURCES].sort());
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    // The theme's fonts come along as data: URIs.
    expect(html).toContain('font-family:Source Sans Pro');
    expect(html).toMatch(/url\(data:font\/woff;base64,/);
  });

  it('should open alone from file:// with zero requests beyond itself and no console error', async () => {
    const alone = join(mkdtempSync(join(tmpdir(), 'briefdeck-single-')), 'deck.html');
    copyFileSync(report.exports.singleFile!, alone);
    const deck = await openDeck(browser, alone);
    expect(deck.requests).toEqual([`file://${alone}`]);
    expect(deck.errors).toEqual([]);
    expect(await deck.page.evaluate(() => (window as unknown as { Reveal: { getTotalSlides(): number } }).Reveal.getTotalSlides())).toBe(report.slideCount);
    await deck.page.close();
  });

  it('should open the speaker view with the notes and live slide previews on S', async () => {
    const deck = await openDeck(browser, report.exports.singleFile!);
    const speaker = await openSpeakerView(deck, 1);
    const previews = speaker.frames().filter((frame) => frame.url().includes('receiver'));
    expect(previews.length).toBe(2);
    await previews[0]!.waitForFunction(() => (window as unknown as { Reveal?: { getIndices(): { h: number } } }).Reveal?.getIndices().h === 1);
    const notes = await speaker.evaluate(() => document.querySelector('.speaker-controls-notes .value')!.textContent!);
    expect(notes).toContain('Al-Qaeda');
    expect(deck.errors).toEqual([]);
    await deck.page.close();
  });
});

describe('speaker view script hashes', () => {
  it('should match the inline script of the installed notes plugin', () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(join(require.resolve('reveal.js'), '..', 'plugin', 'notes.js'), 'utf8');
    expect(speakerViewScripts(source).length).toBe(1);
    expect(speakerViewScriptSources(source)).toEqual([...SPEAKER_VIEW_SCRIPT_SOURCES]);
  });

  it('should refuse a plugin source without the speaker page', () => {
    expect(() => speakerViewScripts('console.log(1)')).toThrow(TypeError);
    expect(() => speakerViewScripts('document.write(`<html>${alert(1)}</html>`)')).toThrow(/substitutions/);
  });
});
