/**
 * PowerPoint export (`--pptx`) read back by real readers: the file's parts with
 * `unzip` (slides, text runs, notes, properties, no pictures of slides), then
 * LibreOffice Impress headless converting it to PDF (same page count, every
 * word inside its page and inside the box the fit model gave it, searchable
 * text), for the seed article through the CLI and for a long article at 4:3 in
 * the dark theme.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/node/build-deck.ts';
import { fitOutline } from '../../src/fit/fit.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { THEMES, type ThemeName } from '../../src/outline/themes.ts';
import { outlineToPptx, pptxLanguage, type PptxSlidePlan } from '../../src/render/pptx.ts';
import { deckAssets, SLIDE_SIZES, type Aspect } from '../../src/render/render.ts';
import { inlinePlainText } from '../../src/text/inline-markdown.ts';
import type { Outline } from '../../src/types.ts';
import { runCli, seedWorkspace } from '../helpers/cli.ts';
import { buildInTemp } from '../helpers/deck-page.ts';
import { impressToPdf, paragraphs, pdfPageTexts, pdfToPngs, pdfWords, pptxParts, pptxXml, shapes } from '../helpers/pptx-readers.ts';

const LONG_ARTICLE = join(import.meta.dirname, '..', 'fixtures', 'long-article', 'long-article.md');
const REPORT = join(import.meta.dirname, '..', 'fixtures', 'pptx-report');

/** The deck's slides as the build made them: the outline file, fitted, hidden slides left out. */
function shownSlides(outlinePath: string, theme: ThemeName, aspect: Aspect): { outline: Outline; steps: number[]; lang?: string } {
  const text = readFileSync(outlinePath, 'utf8');
  const { outline, settings } = outlineFromMarkdown(text, new VFile({ path: outlinePath, value: text }));
  const fitted = fitOutline(outline, { theme, aspect });
  return { outline: fitted.outline, steps: fitted.steps, lang: settings.lang };
}

/** Check a written .pptx and its LibreOffice PDF against the outline it was made from. */
async function checkPptx(path: string, outline: Outline, steps: number[], theme: ThemeName, aspect: Aspect, lang: string | undefined) {
  const shown = outline.slides.filter((slide) => !slide.hidden);
  const parts = pptxParts(path);
  const slideParts = parts.filter((part) => /^ppt\/slides\/slide\d+\.xml$/.test(part));
  expect(slideParts.length).toBe(shown.length);
  // Editable: no picture but the figures' images (no slide drawn as an image).
  const pictured = shown.flatMap((slide) => (slide.blocks ?? []).flatMap((block) => (block.type === 'figure' ? [`figure ${block.src}`] : block.type === 'math' ? [`math ${block.value}`] : [])));
  const media = parts.filter((part) => part.startsWith('ppt/media/') && !part.endsWith('/')).length;
  expect(media).toBeGreaterThanOrEqual(new Set(pictured).size);
  expect(media).toBeLessThanOrEqual(pictured.length);

  const { slides: plans, size } = await outlineToPptx(outline, { theme, aspect, lang, fit: steps });
  const language = pptxLanguage(lang);
  shown.forEach((slide, i) => {
    const document = pptxXml(path, `ppt/slides/slide${i + 1}.xml`);
    const exhibits = slide.blocks ?? [];
    expect(document.getElementsByTagName('p:pic').length).toBe(exhibits.filter((block) => block.type === 'figure' || block.type === 'math').length);
    // A table is a native table, its cells text.
    const tables = Array.from(document.getElementsByTagName('a:tbl'));
    expect(tables.length).toBe(exhibits.filter((block) => block.type === 'table').length);
    exhibits.forEach((block) => {
      if (block.type !== 'table') return;
      const cells = Array.from(tables[0]!.getElementsByTagName('a:tc'), (cell) => paragraphs(cell as unknown as Document).join(' '));
      expect(cells).toEqual([block.header, ...block.rows].flat().map(inlinePlainText));
    });
    const found = shapes(document);
    // The title is the slide's title placeholder, with the deck's title text.
    expect(found.filter((shape) => shape.placeholder === 'title').map((shape) => shape.paragraphs)).toEqual([[inlinePlainText(slide.title)]]);
    // Every bullet is a bulleted paragraph of its own, as text.
    const body = found.filter((shape) => shape.placeholder === undefined || shape.placeholder === 'body');
    const texts = body.flatMap((shape) => shape.paragraphs);
    for (const bullet of slide.bullets) expect(texts).toContain(inlinePlainText(bullet.text));
    // Code keeps its lines and their indentation, in the monospace face; a quote its text and speaker.
    for (const block of exhibits) {
      if (block.type === 'code') for (const line of block.value.split('\n')) expect(texts).toContain(line);
      if (block.type === 'quote') expect(texts.join(' ')).toContain(inlinePlainText(block.text));
    }
    for (const line of slide.body ?? []) expect(texts).toContain(inlinePlainText(line));
    const bulleted = Array.from(document.getElementsByTagName('a:p')).filter((p) => p.getElementsByTagName('a:buChar').length > 0);
    expect(bulleted.length).toBe(slide.bullets.length);
    // The rule under the title, as in the deck: on every slide but the title and closing slides.
    const rules = Array.from(document.getElementsByTagName('a:prstGeom')).filter((geometry) => geometry.getAttribute('prst') === 'line');
    expect(rules.length, `rule on slide ${i + 1}`).toBe(slide.kind === 'title' || slide.kind === 'closing' ? 0 : 1);
    // The slide number is a field, the runs carry the deck's language and typeface.
    expect(found.some((shape) => shape.placeholder === 'sldNum')).toBe(true);
    const runs = Array.from(document.getElementsByTagName('a:rPr')).filter((run) => run.parentNode && (run.parentNode as Element).tagName === 'a:r');
    for (const run of runs.filter((run) => run.getAttribute('lang') !== null)) expect(run.getAttribute('lang')).toBe(language);
    const faces = exhibits.some((block) => block.type === 'code') ? [THEMES[theme].pptx.typeface, 'Courier New'] : [THEMES[theme].pptx.typeface];
    for (const latin of Array.from(document.getElementsByTagName('a:latin'))) expect(faces).toContain(latin.getAttribute('typeface'));
    // Notes go to the notes page of their slide.
    if (slide.notes.trim()) {
      const notesPart = `ppt/notesSlides/notesSlide${i + 1}.xml`;
      expect(parts).toContain(notesPart);
      const notes = paragraphs(pptxXml(path, notesPart)).join('\n');
      // Compared as the notes page shows them: Markdown read as text ("<https://...>" shows as the address).
      for (const paragraph of slide.notes.split(/\n\s*\n/)) expect(notes).toContain(inlinePlainText(paragraph.trim().split('\n')[0]!));
    }
  });
  // Document properties.
  const core = pptxXml(path, 'docProps/core.xml');
  expect(core.getElementsByTagName('dc:title')[0]?.textContent).toBe(outline.title);
  if (outline.author) expect(core.getElementsByTagName('dc:creator')[0]?.textContent).toBe(outline.author);
  if (outline.subtitle) expect(core.getElementsByTagName('dc:subject')[0]?.textContent).toBe(outline.subtitle);
  // The slide layouts are named for the deck's kinds of slide.
  const layoutNames = parts
    .filter((part) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(part))
    .map((part) => pptxXml(path, part).getElementsByTagName('p:cSld')[0]?.getAttribute('name'));
  expect(layoutNames).toContain('Title');
  expect(layoutNames).toContain('Content');
  // The theme's background on every layout.
  const master = parts.filter((part) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(part)).map((part) => pptxXml(path, part));
  for (const layout of master.slice(1)) expect(layout.getElementsByTagName('p:bg')[0]?.getElementsByTagName('a:srgbClr')[0]?.getAttribute('val')).toBe(THEMES[theme].pptx.background);

  // LibreOffice Impress reads it: one page per slide, of the slide's size.
  const pdf = impressToPdf(path);
  const pages = pdfWords(pdf);
  expect(pages.length).toBe(shown.length);
  const { width, height } = SLIDE_SIZES[aspect];
  const pt = (size.width * 72) / width;
  for (const page of pages) {
    expect(page.width).toBeCloseTo(size.width * 72, 0);
    expect(page.height).toBeCloseTo(size.height * 72, 0);
  }
  const texts = pdfPageTexts(pdf);
  pages.forEach((page, i) => {
    const slide = shown[i]!;
    const plan: PptxSlidePlan = plans[i]!;
    expect(plan.fits).toBe(true);
    // The slide number (bottom left) is the one word below the content area.
    const isNumber = (word: { text: string; yMin: number; xMax: number }) => word.text === String(i + 1) && word.yMin > (height - 40) * pt && word.xMax < 80 * pt;
    const words = page.words.filter((word) => !isNumber(word));
    expect(page.words.length - words.length).toBe(1);
    for (const word of words) {
      const where = `slide ${i + 1} (${slide.title}), word "${word.text}"`;
      // Inside the page, and inside the content area (the slide's padding and bottom reserve), with 1 pt for the readers' rounding.
      expect(word.xMin, where).toBeGreaterThanOrEqual(28 * pt - 1);
      expect(word.xMax, where).toBeLessThanOrEqual((width - 28) * pt + 1);
      expect(word.yMin, where).toBeGreaterThanOrEqual(16 * pt - 1);
      expect(word.yMax, where).toBeLessThanOrEqual((height - 28) * pt + 1);
    }
    // The fit model is an upper bound of where LibreOffice puts the last line. A word's box is the
    // font's bounding box, which reaches about a fifth of the font size below the line's box.
    const lowest = Math.max(...words.map((word) => word.yMax));
    const last = [plan.bodyBox, plan.titleBox].find(Boolean)!.blocks.at(-1)!;
    const bottom = plan.exhibitRoom ? (plan.exhibitRoom.y + plan.exhibitRoom.h) * 72 : plan.contentBottom * 72 + 0.2 * last.size * pt;
    expect(lowest, `slide ${i + 1} (${slide.title})`).toBeLessThanOrEqual(bottom);
    // Searchable: the title and each bullet's words are in the page's text.
    const flat = texts[i]!.replace(/\s+/g, ' ');
    expect(flat).toContain(slide.title.split(/\s+/).slice(0, 3).join(' '));
    for (const bullet of slide.bullets) expect(flat).toContain(inlinePlainText(bullet.text).split(/\s+/).slice(0, 4).join(' '));
    for (const block of slide.blocks ?? []) if (block.type === 'table') for (const cell of block.rows.flat()) expect(flat).toContain(inlinePlainText(cell));
  });
  return pdf;
}

describe('npm run build -- ARTICLE --pptx', () => {
  let dir: string;
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    dir = seedWorkspace('briefdeck-pptx-');
    result = runCli(['content/isis-central-asia.txt', '--pptx'], dir);
  });

  it('should write dist/<name>/<name>.pptx with one slide per deck slide, bullets as text, notes as notes, that LibreOffice converts page for page with every word inside its slide', async () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const slides = Number(/\((\d+) slides, theme light\)/.exec(result.stdout)?.[1]);
    expect(slides).toBeGreaterThanOrEqual(5);
    const path = join(dir, 'dist', 'isis-central-asia', 'isis-central-asia.pptx');
    expect(result.stdout).toContain(`dist/isis-central-asia/isis-central-asia.pptx (PowerPoint, ${slides} slides)`);
    // Written atomically: no temporary file beside it.
    expect(readdirSync(join(dir, 'dist', 'isis-central-asia')).filter((name) => name.includes('.tmp-'))).toEqual([]);
    const { outline, steps, lang } = shownSlides(join(dir, 'content', 'isis-central-asia.outline.md'), 'light', '16:9');
    expect(outline.slides.filter((slide) => !slide.hidden).length).toBe(slides);
    expect(outline.slides.filter((slide) => slide.notes.trim()).length).toBeGreaterThan(2);
    const pdf = await checkPptx(path, outline, steps, 'light', '16:9', lang);
    expect(pdfToPngs(pdf).length).toBe(slides);
  });

  it('should write no .pptx in a build without --pptx', () => {
    const plain = seedWorkspace('briefdeck-pptx-');
    const built = runCli(['content/isis-central-asia.txt'], plain);
    expect(built.status).toBe(0);
    expect(existsSync(join(plain, 'dist', 'isis-central-asia', 'isis-central-asia.pptx'))).toBe(false);
  });

  it('should exit 1 with one line naming the file, keep the deck and leave no half-written .pptx when it cannot be written', () => {
    const blocked = seedWorkspace('briefdeck-pptx-');
    // A folder where the file should go: the write fails.
    mkdirSync(join(blocked, 'dist', 'isis-central-asia', 'isis-central-asia.pptx'), { recursive: true });
    const failed = runCli(['content/isis-central-asia.txt', '--pptx'], blocked);
    expect(failed.status).toBe(1);
    const lines = failed.stderr.trim().split('\n').filter((line) => line.startsWith('error:'));
    expect(lines).toEqual([expect.stringMatching(/^error: dist\/isis-central-asia\/isis-central-asia\.pptx: cannot write/)]);
    expect(failed.stderr).not.toContain('    at ');
    expect(readdirSync(join(blocked, 'dist', 'isis-central-asia')).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(readFileSync(join(blocked, 'dist', 'isis-central-asia', 'index.html'), 'utf8')).toContain('<div class="reveal"');
  });
});

describe('npm run build -- REPORT --pptx (a report with a table and a figure)', () => {
  it('should write the table as a native table, embed the figure from the deck folder and the formula as a picture, LibreOffice converting page for page with every word inside its slide', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-pptx-'));
    mkdirSync(join(dir, 'content', 'images'), { recursive: true });
    cpSync(join(REPORT, 'report.md'), join(dir, 'content', 'report.md'));
    cpSync(join(REPORT, 'images', 'flows.png'), join(dir, 'content', 'images', 'flows.png'));
    expect(runCli(['content/report.md'], dir).status).toBe(0);
    // The person adds a table slide and a figure slide to the outline, before the closing slide.
    const outlinePath = join(dir, 'content', 'report.outline.md');
    const text = readFileSync(outlinePath, 'utf8');
    const closing = text.search(/^#+ .*\{\.closing\}\s*$/m);
    expect(closing).toBeGreaterThan(0);
    writeFileSync(outlinePath, text.slice(0, closing) + readFileSync(join(REPORT, 'exhibits.outline.md'), 'utf8') + text.slice(closing));
    // The image in the deck folder, where the build copies a figure's file.
    mkdirSync(join(dir, 'dist', 'report', 'images'), { recursive: true });
    cpSync(join(REPORT, 'images', 'flows.png'), join(dir, 'dist', 'report', 'images', 'flows.png'));
    const result = runCli(['content/report.md', '--pptx'], dir);
    expect(result.stderr).not.toMatch(/error|image/i);
    expect(result.status).toBe(0);
    const slides = Number(/\((\d+) slides, theme light\)/.exec(result.stdout)?.[1]);
    expect(result.stdout).toContain(`dist/report/report.pptx (PowerPoint, ${slides} slides)`);
    const { outline, steps, lang } = shownSlides(outlinePath, 'light', '16:9');
    expect(outline.slides.filter((slide) => !slide.hidden).length).toBe(slides);
    expect([...new Set(outline.slides.flatMap((slide) => slide.blocks ?? []).map((block) => block.type))].sort()).toEqual(['code', 'figure', 'math', 'quote', 'table']);
    const path = join(dir, 'dist', 'report', 'report.pptx');
    await checkPptx(path, outline, steps, 'light', '16:9', lang);
    const slideOf = outline.slides.filter((slide) => !slide.hidden).findIndex((slide) => slide.blocks?.[0]?.type === 'figure') + 1;
    // The image carries the figure's alt text.
    const picture = pptxXml(path, `ppt/slides/slide${slideOf}.xml`).getElementsByTagName('p:pic')[0]!;
    expect(picture.getElementsByTagName('p:cNvPr')[0]?.getAttribute('descr')).toBe('Bar chart of yearly flows');
    // The formula is a picture typeset by KaTeX, its TeX as the description.
    const formulaSlide = outline.slides.filter((slide) => !slide.hidden).findIndex((slide) => slide.blocks?.[0]?.type === 'math') + 1;
    const formula = pptxXml(path, `ppt/slides/slide${formulaSlide}.xml`).getElementsByTagName('p:pic')[0]!;
    expect(formula.getElementsByTagName('p:cNvPr')[0]?.getAttribute('descr')).toBe('R_t = \\min\\left(S_t, \\frac{D_t}{1 + e_t}\\right)');
    // Three builds, Chromium for the formula and LibreOffice: slow on a loaded machine.
  }, 240_000);

  it('should show a figure whose image is not in the deck folder by its alt text, with a warning naming the slide', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-pptx-'));
    mkdirSync(join(dir, 'content'), { recursive: true });
    cpSync(join(REPORT, 'report.md'), join(dir, 'content', 'report.md'));
    expect(runCli(['content/report.md'], dir).status).toBe(0);
    const outlinePath = join(dir, 'content', 'report.outline.md');
    writeFileSync(outlinePath, readFileSync(outlinePath, 'utf8') + '\n## Outside {.exhibit}\n\n![Secret](../../../etc/passwd "x")\n');
    const result = runCli(['content/report.md', '--pptx'], dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: dist\/report\/report\.pptx: slide \d+: image `\.\.\/\.\.\/\.\.\/etc\/passwd` is outside the deck folder, not read; its alt text is shown instead/);
  });
});

describe('outlineToPptx', () => {
  let report: BuildReport;
  beforeAll(async () => {
    report = await buildInTemp(LONG_ARTICLE, { theme: 'dark', aspect: '4:3', pptx: true });
  });

  it('should write a long article at 4:3 in the dark theme, every word inside its slide in LibreOffice', async () => {
    const path = report.exports.pptx!.path;
    expect(report.exports.pptx!.slides).toBe(report.slideCount);
    const { outline, steps, lang } = shownSlides(report.outlinePath, 'dark', '4:3');
    await checkPptx(path, outline, steps, 'dark', '4:3', lang);
  });

  it('should write the serif theme in Palatino Linotype with every word inside its slide in LibreOffice', async () => {
    const serif = await buildInTemp(LONG_ARTICLE, { theme: 'serif', pptx: true });
    const { outline, steps, lang } = shownSlides(serif.outlinePath, 'serif', '16:9');
    await checkPptx(serif.exports.pptx!.path, outline, steps, 'serif', '16:9', lang);
  });

  it('should escape markup and refuse characters XML cannot hold, keeping the text', async () => {
    const outline: Outline = {
      title: 'Tags <b>&amp; "quotes"',
      author: 'A & B',
      slides: [
        { kind: 'title', title: 'Tags <b>&amp; "quotes"', bullets: [], body: ['<script>alert(1)</script>'], notes: 'Notes & <i>more</i>' },
        { kind: 'content', title: 'Controls', bullets: [{ text: 'Bell \u0007 and ]]> end' }], notes: '' },
      ],
    };
    const { data } = await outlineToPptx(outline, {});
    const path = join(mkdtempSync(join(tmpdir(), 'briefdeck-pptx-')), 'escape.pptx');
    writeFileSync(path, data);
    // Outline text is Markdown inline syntax: the entity reads as `&`, raw HTML stays text.
    expect(paragraphs(pptxXml(path, 'ppt/slides/slide1.xml'))).toEqual(['Tags <b>& "quotes"', '<script>alert(1)</script>', '1']);
    expect(paragraphs(pptxXml(path, 'ppt/slides/slide2.xml'))).toEqual(['Controls', 'Bell \ufffd and ]]> end', '2']);
    expect(paragraphs(pptxXml(path, 'ppt/notesSlides/notesSlide1.xml'))).toContain('Notes & <i>more</i>');
    expect(pptxXml(path, 'docProps/core.xml').getElementsByTagName('dc:creator')[0]?.textContent).toBe('A & B');
  });

  it('should keep a bullet\'s bold, emphasis, code, strikethrough and web links as run formatting, and drop other links\' targets', async () => {
    const outline: Outline = {
      title: 'Formatting',
      slides: [{ kind: 'content', title: 'Formatting', bullets: [{ text: '**Bold** and *it* with `code`, ~~gone~~, [a link](https://example.org/x) and [a script](javascript:alert(1))' }], notes: '' }],
    };
    const { data } = await outlineToPptx(outline, {});
    const path = join(mkdtempSync(join(tmpdir(), 'briefdeck-pptx-')), 'format.pptx');
    writeFileSync(path, data);
    const document = pptxXml(path, 'ppt/slides/slide1.xml');
    expect(paragraphs(document)).toContain('Bold and it with code, gone, a link and a script');
    const runs = Array.from(document.getElementsByTagName('a:r'), (run) => {
      const props = run.getElementsByTagName('a:rPr')[0]!;
      return { text: run.getElementsByTagName('a:t')[0]?.textContent, b: props.getAttribute('b'), i: props.getAttribute('i'), strike: props.getAttribute('strike'), font: props.getElementsByTagName('a:latin')[0]?.getAttribute('typeface'), link: props.getElementsByTagName('a:hlinkClick').length };
    });
    expect(runs.find((run) => run.text === 'Bold')).toMatchObject({ b: '1' });
    expect(runs.find((run) => run.text === 'it')).toMatchObject({ i: '1' });
    expect(runs.find((run) => run.text === 'code')).toMatchObject({ font: 'Courier New' });
    expect(runs.find((run) => run.text === 'gone')).toMatchObject({ strike: 'sngStrike' });
    expect(runs.find((run) => run.text === 'a link')).toMatchObject({ link: 1 });
    expect(runs.find((run) => run.text === 'a script')).toMatchObject({ link: 0 });
    const rels = execFileSync('unzip', ['-p', path, 'ppt/slides/_rels/slide1.xml.rels'], { encoding: 'utf8' });
    expect(rels).toContain('https://example.org/x');
    expect(rels).not.toContain('javascript:');
  });

  it('should tag text with a language-region PowerPoint reads', () => {
    expect(pptxLanguage(undefined)).toBe('en-US');
    expect(pptxLanguage('en')).toBe('en-US');
    expect(pptxLanguage('en-GB')).toBe('en-GB');
    expect(pptxLanguage('de')).toBe('de-DE');
    expect(pptxLanguage('fr-CA')).toBe('fr-CA');
  });
});

describe('theme colours in the PowerPoint file', () => {
  it('should be the reveal.js theme CSS variables of every theme', () => {
    for (const [name, theme] of Object.entries(THEMES)) {
      const css = readFileSync(deckAssets(name as ThemeName).find((asset) => asset.to === `assets/theme-${name}.css`)!.from, 'utf8');
      const variable = (key: string) => {
        const value = new RegExp(`--r-${key}:\\s*#([0-9a-f]{3,6})`, 'i').exec(css)?.[1] ?? '';
        return (value.length === 3 ? value.replace(/./g, (c) => c + c) : value).toUpperCase();
      };
      expect(theme.pptx, name).toMatchObject({ background: variable('background-color'), text: variable('main-color'), heading: variable('heading-color') });
    }
  });
});
