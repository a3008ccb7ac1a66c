/**
 * Fidelity and provenance over real articles: the warnings `checkFidelity` gives on each generated outline,
 * and the sentences whose recorded line:column is not where the sentence starts in the file.
 *
 * Usage: tsx scripts/fidelity-report.ts [--file ../shared/eval/cnndm-dev.jsonl] [--limit 100] [--verbose]
 *
 * Articles: the seed, the test fixtures' articles and the dev set's (read where it is, never copied).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { articleFromFile, checkFidelity, formatFromPath, outlineFromArticle, outlineFromMarkdown, outlineToMarkdown } from '../src/index.ts';
import type { ArticleFormat } from '../src/types.ts';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/eval/cnndm-dev.jsonl' },
    limit: { type: 'string', default: '100' },
    verbose: { type: 'boolean', default: false },
  },
});

function fixtureArticles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...fixtureArticles(path));
    else if (/^(article|input|report|long-article|edited)\.(md|txt|html)$/.test(name) && !/bad-input|outline-file-error/.test(path)) found.push(path);
  }
  return found;
}

interface Tally { articles: number; failed: number; warnings: number; sentences: number; misplaced: number }

function measure(name: string, text: string, format: ArticleFormat, tally: Tally): void {
  tally.articles += 1;
  let article;
  try {
    article = articleFromFile(new VFile({ path: name, value: text }), format);
  } catch {
    tally.failed += 1;
    return;
  }
  const place = location(text);
  for (const section of article.sections) for (const paragraph of section.paragraphs) for (const sentence of paragraph.sentences) {
    tally.sentences += 1;
    const offset = place.toOffset({ line: sentence.start.line, column: sentence.start.column }) ?? -1;
    const first = /^\S+?(?=[\s,;:.!?"”’)\]]|$)/u.exec(sentence.text)?.[0] ?? '';
    if (offset !== sentence.start.offset || !text.startsWith(first, offset)) {
      tally.misplaced += 1;
      if (values.verbose) console.log(`  misplaced ${name}:${sentence.start.line}:${sentence.start.column} ${JSON.stringify(text.slice(offset, offset + 20))} for ${JSON.stringify(sentence.text.slice(0, 20))}`);
    }
  }
  const outline = outlineFromArticle(article, { sourceName: name });
  const markdown = outlineToMarkdown(outline, { lang: article.lang });
  const file = new VFile({ path: `${name}.outline.md`, value: markdown });
  const read = outlineFromMarkdown(markdown, file);
  checkFidelity(read.outline, { text, article }, file, read.settings.lang);
  tally.warnings += file.messages.length;
  if (values.verbose) for (const message of file.messages) console.log(`  ${String(message)}`);
}

const report = (label: string, tally: Tally) =>
  console.log(`${label}: ${tally.articles} articles (${tally.failed} unreadable), ${tally.warnings} fidelity warnings; ${tally.misplaced} of ${tally.sentences} sentence starts not at the sentence's first character`);

const seed: Tally = { articles: 0, failed: 0, warnings: 0, sentences: 0, misplaced: 0 };
measure('content/isis-central-asia.txt', readFileSync('content/isis-central-asia.txt', 'utf8'), 'txt', seed);
report('seed', seed);
const fixtures: Tally = { articles: 0, failed: 0, warnings: 0, sentences: 0, misplaced: 0 };
for (const path of fixtureArticles('test/fixtures')) measure(path, readFileSync(path, 'utf8'), formatFromPath(path)!, fixtures);
report('fixtures', fixtures);
const dev: Tally = { articles: 0, failed: 0, warnings: 0, sentences: 0, misplaced: 0 };
const items = readFileSync(values.file!, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as { id: string; text: string });
for (const item of items.slice(0, Number(values.limit))) measure(`${item.id}.md`, item.text, 'md', dev);
report(`dev (first ${values.limit})`, dev);
