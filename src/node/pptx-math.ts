/**
 * Display formulas as pictures for the PowerPoint file: PowerPoint's own math
 * (OMML) is not read alike by other readers, so each formula is typeset by
 * KaTeX and photographed by the offline Chromium (transparent background, the
 * theme's text colour, twice the slide's resolution). Nothing is fetched: the
 * page and KaTeX's fonts are files of a temporary folder, and every request
 * leaving it is refused.
 */
import { createRequire } from 'node:module';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isInsideFolder } from './safe-path.ts';
import type { PptxImage } from '../render/pptx.ts';
import { LAYOUT } from '../fit/fit.ts';
import { SLIDE_SIZES } from '../render/render.ts';

/** Render each TeX formula (display mode) to a PNG at the deck's body text size; a formula KaTeX cannot parse is left out. */
export async function renderFormulas(formulas: readonly string[], color: string): Promise<Map<string, PptxImage>> {
  const images = new Map<string, PptxImage>();
  const unique = [...new Set(formulas)];
  if (unique.length === 0) return images;
  const require = createRequire(import.meta.url);
  const katex = require('katex') as typeof import('katex');
  const katexDist = dirname(require.resolve('katex/dist/katex.min.css'));
  const dir = await mkdtemp(join(tmpdir(), 'briefdeck-math-'));
  const { launchChromium } = await import('./browser.ts');
  const browser = await launchChromium();
  try {
    await cp(katexDist, join(dir, 'katex'), { recursive: true, filter: (path) => !/\.(js|mjs)$/.test(path) });
    const font = SLIDE_SIZES['16:9'].width * LAYOUT.fontPerWidth;
    const blocks = unique.map((tex, index) => {
      const html = katex.renderToString(tex, { displayMode: true, throwOnError: false, trust: false, strict: 'ignore', output: 'html', maxExpand: 1000, maxSize: 50 });
      return `<div class="formula" id="f${index}">${html}</div>`;
    });
    const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="katex/katex.min.css"><style>
html, body { margin: 0; background: transparent; }
.formula { display: inline-block; padding: 4px 8px; font-size: ${font}px; color: #${color}; }
.formula .katex-display { margin: 0; }
</style></head><body>${blocks.join('<br>')}</body></html>`;
    const file = join(dir, 'math.html');
    await writeFile(file, page);
    const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 2400, height: 1200 } });
    await context.route('**/*', (route) => (isInsideFolder(route.request().url(), dir) ? route.continue() : route.abort()));
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(file).href);
    await tab.evaluate(async () => {
      await document.fonts.ready;
    });
    for (const [index, tex] of unique.entries()) {
      const element = tab.locator(`#f${index}`);
      // A formula KaTeX could not parse is shown in red as its source: left out, the slide shows the TeX.
      if ((await element.locator('.katex-error').count()) > 0) continue;
      const box = await element.boundingBox();
      if (!box || box.width < 1 || box.height < 1) continue;
      const data = await element.screenshot({ omitBackground: true, type: 'png' });
      images.set(tex, { data, width: Math.round(box.width), height: Math.round(box.height), mime: 'image/png' });
    }
    await context.close();
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
  return images;
}
