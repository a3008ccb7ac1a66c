/**
 * `npm run eval:web`: token F1 of the article body read from each saved-page
 * fixture (test/fixtures/ingest/NAME/input.html) against its checked body
 * (expected.txt beside it), for Readability alone (Firefox's reader view:
 * linkedom + @mozilla/readability, its `textContent`) and for briefdeck's
 * reader (`readArticle`: the headings and paragraphs it keeps), with the time
 * each took. Also says whether the title is the expected one, and counts the bullets of the
 * generated outline (key points and content slides) that are page chrome: most of their words
 * not in the checked body.
 *
 * Usage: npm run eval:web [-- --dir path/to/pages]   (each page a folder with input.html and expected.txt)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { outlineFromText, readArticle } from '../src/index.ts';
import { requireReaderLibraries } from '../src/ingest/reader-libraries.ts';
import { tokenF1 } from './lib/token-f1.ts';
import type { Article } from '../src/types.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = resolve(values.dir ?? join(import.meta.dirname, '..', 'test', 'fixtures', 'ingest'));
const pages = readdirSync(dir).filter((name) => existsSync(join(dir, name, 'input.html')) && existsSync(join(dir, name, 'expected.txt')));

const bodyText = (article: Article) => article.sections.flatMap((section) => [...(section.headingGenerated ? [] : [section.heading]), ...section.paragraphs.map((paragraph) => paragraph.text)]).join('\n');

const { parseHTML, Readability } = requireReaderLibraries();
const rows: string[][] = [];
const totals = { readability: 0, briefdeck: 0, titles: 0, readabilityTitles: 0, bullets: 0, chromeBullets: 0, keyPoints: 0, chromeKeyPoints: 0 };
const chromeSeen: string[] = [];
for (const name of pages) {
  const html = readFileSync(join(dir, name, 'input.html'), 'utf8');
  const expected = readFileSync(join(dir, name, 'expected.txt'), 'utf8');
  const expectedTitle = existsSync(join(dir, name, 'expected.json')) ? (JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as { title?: string }).title : undefined;
  let started = performance.now();
  const plain = new Readability(parseHTML(html).document).parse() as unknown as { textContent?: string; title?: string } | null;
  const readabilityMs = performance.now() - started;
  const readabilityScore = tokenF1(plain?.textContent ?? '', expected);
  started = performance.now();
  const article = readArticle(html, { format: 'html', path: name });
  const ourMs = performance.now() - started;
  const ours = tokenF1(bodyText(article), expected);
  // Bullets of the generated outline: one is page chrome when most of its words are not in the checked body.
  const outline = await outlineFromText(html, { format: 'html', path: name });
  for (const slide of outline.slides) {
    if (slide.kind !== 'key-points' && slide.kind !== 'content') continue;
    for (const bullet of slide.bullets) {
      const chrome = tokenF1(bullet.text, expected).precision < 0.8;
      totals.bullets += 1;
      if (slide.kind === 'key-points') totals.keyPoints += 1;
      if (chrome) {
        totals.chromeBullets += 1;
        if (slide.kind === 'key-points') totals.chromeKeyPoints += 1;
        chromeSeen.push(`${name}: ${bullet.text}`);
      }
    }
  }
  totals.readability += readabilityScore.f1;
  totals.briefdeck += ours.f1;
  totals.titles += article.title === expectedTitle ? 1 : 0;
  totals.readabilityTitles += plain?.title === expectedTitle ? 1 : 0;
  rows.push([name, readabilityScore.f1.toFixed(3), `${readabilityScore.precision.toFixed(2)}/${readabilityScore.recall.toFixed(2)}`, plain?.title === expectedTitle ? 'yes' : 'no', ours.f1.toFixed(3), `${ours.precision.toFixed(2)}/${ours.recall.toFixed(2)}`, article.title === expectedTitle ? 'yes' : 'no', readabilityMs.toFixed(0), ourMs.toFixed(0)]);
}
const n = Math.max(1, pages.length);
rows.push(['mean', (totals.readability / n).toFixed(3), '', `${totals.readabilityTitles}/${pages.length}`, (totals.briefdeck / n).toFixed(3), '', `${totals.titles}/${pages.length}`, '', '']);
const header = ['page', 'Readability F1', 'P/R', 'title', 'briefdeck F1', 'P/R', 'title', 'Readability ms', 'briefdeck ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n') + '\n');
process.stdout.write(`bullets that are page chrome: ${totals.chromeBullets} of ${totals.bullets} (${((100 * totals.chromeBullets) / Math.max(1, totals.bullets)).toFixed(1)}%); key points: ${totals.chromeKeyPoints} of ${totals.keyPoints}${chromeSeen.length > 0 ? `\n${chromeSeen.map((line) => `  ${line}`).join('\n')}` : ''}\n`);
process.stdout.write('F1: token F1 of the body read against expected.txt (P/R: precision/recall); Readability alone scores its textContent, briefdeck its headings and paragraphs. ms: the first page includes loading the libraries.\n');
