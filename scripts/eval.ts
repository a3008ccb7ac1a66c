/**
 * `npm run eval`: ROUGE-1/2/L F1 of the key-points slide (k = 3) against editor
 * highlights, beside Lead-3 and TextRank-3 computed by the same code in the
 * same run, plus bullet-length and faithfulness statistics.
 *
 * Then the shape of the decks (bullets per section, words per bullet, repeated slide titles) on
 * the dev set and on the articles with headings beside the tests, and a topic-segmentation score:
 * where the storyline cuts a text against where the topics really change (stories joined end to
 * end, and articles with their subheadings removed), with Pk and boundary F1, beside plain
 * TextTiling and equal splits in the same run.
 *
 * Usage: npm run eval [-- --file ../shared/eval/cnndm-dev.jsonl] [--from N] [--limit N] [--show N]
 * (`--from` and `--limit` take a slice of the file: tune on one half, check on the other.)
 *
 * The data stays where it is (it is copyrighted news kept for internal
 * evaluation): this script only reads it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { indexArticle } from '../src/claims/claims.ts';
import { BULLET_MAX_WORDS, compressSentence } from '../src/claims/compress.ts';
import { briefingKeyPoints } from '../src/outline/briefing.ts';
import { outlineFromArticle } from '../src/outline/outline.ts';
import { articleFromFile } from '../src/outline/pipeline.ts';
import { equalSegments, segmentSentences, type CohesionOptions, type StorySentence } from '../src/outline/storyline.ts';
import { boundaryF1, pk } from './lib/segeval.ts';
import { rouge, type RougeScores } from './lib/rouge.ts';
import { textRank } from './lib/textrank.ts';
import type { Article, ArticleFormat, Outline, Sentence } from '../src/types.ts';

interface Item {
  id: string;
  text: string;
  gold: string[];
}

interface Totals {
  r1: number;
  r2: number;
  rl: number;
  n: number;
}

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/eval/cnndm-dev.jsonl' },
    from: { type: 'string', default: '0' },
    limit: { type: 'string' },
    show: { type: 'string', default: '0' },
    k: { type: 'string', default: '3' },
  },
});

const K = Number(values.k);

function add(totals: Totals, scores: RougeScores): void {
  totals.r1 += scores.rouge1.f1;
  totals.r2 += scores.rouge2.f1;
  totals.rl += scores.rougeL.f1;
  totals.n += 1;
}

function row(name: string, totals: Totals, base?: Totals): string {
  const f = (x: number) => ((100 * x) / totals.n).toFixed(2).padStart(6);
  const ratio = base ? `   ${((totals.r1 / base.r1) * 100).toFixed(0)}% / ${((totals.r2 / base.r2) * 100).toFixed(0)}% / ${((totals.rl / base.rl) * 100).toFixed(0)}%` : '';
  return `| ${name.padEnd(18)} | ${f(totals.r1)} | ${f(totals.r2)} | ${f(totals.rl)} |${ratio}`;
}

/** Lower-case word forms of a text, for the "every bullet word is in the article" check. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function sentencesOf(article: Article): Sentence[] {
  return article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences));
}

/** Articles with subheadings (each with two or more), to score the segmentation and the decks' shape on. */
const HEADED_ARTICLES: Array<[string, ArticleFormat]> = [
  ['../content/isis-central-asia.txt', 'txt'],
  ['../test/fixtures/long-article/long-article.md', 'md'],
  ['../test/fixtures/claims-analysis/article.md', 'md'],
  ['../test/fixtures/outline-file-merge/article.md', 'md'],
  ['../test/fixtures/ingest-markdown/input.md', 'md'],
];

async function headedArticles(): Promise<Array<{ path: string; article: Article }>> {
  const out: Array<{ path: string; article: Article }> = [];
  for (const [relative, format] of HEADED_ARTICLES) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    out.push({ path: relative, article: articleFromFile(new VFile({ value: text, path }), format) });
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The shape of a set of decks: bullets per section, words per bullet, titles that repeat. */
function deckShape(name: string, outlines: Array<{ article: Article; outline: Outline }>): string[] {
  const perSection: number[] = [];
  const contentWords: number[] = [];
  const keyWords: number[] = [];
  let titles = 0;
  let repeated = 0;
  let continued = 0;
  let contentSlides = 0;
  for (const { article, outline } of outlines) {
    const content = outline.slides.filter((slide) => slide.kind === 'content');
    contentSlides += content.length;
    const bullets = content.reduce((n, slide) => n + slide.bullets.length, 0);
    perSection.push(bullets / Math.max(1, article.sections.length));
    for (const slide of content) for (const bullet of slide.bullets) contentWords.push(wordCount(bullet.text));
    for (const slide of outline.slides.filter((s) => s.kind === 'key-points')) for (const bullet of slide.bullets) keyWords.push(wordCount(bullet.text));
    const seen = new Map<string, number>();
    for (const slide of content) {
      const key = slide.title.replace(/\s*\(cont\.\)$/u, '').toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (/\(cont\.\)$/u.test(slide.title)) continued += 1;
    }
    titles += content.length;
    for (const count of seen.values()) if (count > 1) repeated += count;
  }
  const f = (x: number) => x.toFixed(1);
  return [
    `${name}: ${outlines.length} decks, ${contentSlides} content slides; bullets per section ${f(mean(perSection))}; ` +
      `words per bullet mean ${mean(contentWords).toFixed(2)}, p95 ${percentile(contentWords, 95)} (key points mean ${f(mean(keyWords))}, p95 ${percentile(keyWords, 95)}); ` +
      `titles repeating another slide's ${((100 * repeated) / Math.max(1, titles)).toFixed(0)}%, "(cont.)" ${((100 * continued) / Math.max(1, titles)).toFixed(0)}%`,
  ];
}

interface SegmentationTotals {
  pk: number;
  f1: number;
  n: number;
}

/** Score the storyline, plain TextTiling and equal splits on texts whose true segments are known. */
function scoreSegmentations(texts: Array<{ sentences: StorySentence[]; starts: number[] }>): Map<string, SegmentationTotals> {
  const methods: Array<[string, (sentences: StorySentence[], parts: number) => number[]]> = [
    ['storyline', (sentences, parts) => segmentSentences(sentences, parts, 2)],
    ['TextTiling', (sentences, parts) => segmentSentences(sentences, parts, 2, { names: false, paragraphs: false } satisfies CohesionOptions)],
    ['equal splits', (sentences, parts) => equalSegments(sentences.length, parts)],
  ];
  const totals = new Map<string, SegmentationTotals>();
  for (const { sentences, starts } of texts) {
    for (const [name, method] of methods) {
      const hypothesis = method(sentences, starts.length);
      const total = totals.get(name) ?? { pk: 0, f1: 0, n: 0 };
      total.pk += pk(starts, hypothesis, sentences.length);
      total.f1 += boundaryF1(starts, hypothesis).f1;
      total.n += 1;
      totals.set(name, total);
    }
  }
  return totals;
}

function segmentationTable(title: string, totals: Map<string, SegmentationTotals>): string[] {
  const lines = [`\n${title}\n`, '| segmentation  |   Pk   | boundary F1 |', '|---------------|--------|-------------|'];
  for (const [name, total] of totals) {
    lines.push(`| ${name.padEnd(13)} | ${(total.pk / total.n).toFixed(3).padStart(6)} | ${(total.f1 / total.n).toFixed(3).padStart(11)} |`);
  }
  return lines;
}

/** Sentences of an article with its headings removed, and where each section began. */
function withoutHeadings(article: Article): { sentences: StorySentence[]; starts: number[] } {
  const sentences: StorySentence[] = [];
  const starts: number[] = [];
  let paragraph = 0;
  for (const section of article.sections) {
    const count = section.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
    if (count === 0) continue;
    starts.push(sentences.length);
    for (const p of section.paragraphs) {
      for (const sentence of p.sentences) sentences.push({ text: sentence.text, paragraph });
      paragraph += 1;
    }
  }
  return { sentences, starts };
}

async function main(): Promise<void> {
  const lines = (await readFile(values.file!, 'utf8')).split('\n').filter((line) => line.trim());
  const items: Item[] = lines.map((line) => JSON.parse(line) as Item);
  const limit = values.limit ? Number(values.limit) : items.length;
  const show = Number(values.show);
  const ours: Totals = { r1: 0, r2: 0, rl: 0, n: 0 };
  const lead: Totals = { r1: 0, r2: 0, rl: 0, n: 0 };
  const rank: Totals = { r1: 0, r2: 0, rl: 0, n: 0 };
  const leadShort: Totals = { r1: 0, r2: 0, rl: 0, n: 0 };
  const lengths: number[] = [];
  let unfaithful = 0;
  let roughCuts = 0;
  const started = performance.now();
  const devArticles: Article[] = [];
  // Per story: key points and Lead-3 (R-1, R-2, R-L F1), and how much of the highlights its first sentence holds.
  const perStory: Array<{ ours: number[]; lead: number[]; leadStrength: number }> = [];

  const from = Number(values.from);
  for (const item of items.slice(from, from + limit)) {
    // The texts are one plain paragraph without a title line: read them as Markdown
    // (the same parser and article model the product uses) with no heading.
    const file = new VFile({ value: item.text, path: `${item.id}.md` });
    const article = articleFromFile(file, 'md');
    const reference = item.gold.join('\n');
    const sentences = sentencesOf(article);
    devArticles.push(article);

    // The key points as the deck shows them: the thesis first, headline-length bullets.
    const briefing = briefingKeyPoints(article, K, indexArticle(article));
    const points = briefing.claims.map((claim, index) => ({ ...claim, bullet: briefing.bullets[index]! }));
    const bullets = briefing.bullets;
    const ourScores = rouge(bullets.join('\n'), reference);
    const leadScores = rouge(sentences.slice(0, K).map((s) => s.text).join('\n'), reference);
    add(ours, ourScores);
    add(lead, leadScores);
    const f1s = (scores: RougeScores) => [scores.rouge1.f1, scores.rouge2.f1, scores.rougeL.f1];
    perStory.push({ ours: f1s(ourScores), lead: f1s(leadScores), leadStrength: sentences[0] ? rouge(sentences[0].text, reference).rouge1.recall : 0 });
    add(leadShort, rouge(sentences.slice(0, K).map((s) => compressSentence(s.text)).join('\n'), reference));
    add(rank, rouge(textRank(sentences.map((s) => s.text), K).join('\n'), reference));

    const articleWords = new Set(wordsOf(item.text));
    for (const point of points) {
      lengths.push(point.bullet.split(/\s+/).filter(Boolean).length);
      if (wordsOf(point.bullet).some((word) => !articleWords.has(word))) unfaithful += 1;
      if (point.quality === 0) roughCuts += 1;
    }
    if (ours.n <= show) {
      console.log(`\n## ${item.id}\nGOLD:\n  ${item.gold.join('\n  ')}\nOURS:\n  ${bullets.join('\n  ')}\nLEAD:\n  ${sentences.slice(0, K).map((s) => s.text).join('\n  ')}`);
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const sorted = [...lengths].sort((a, b) => a - b);
  const within = lengths.filter((n) => n <= BULLET_MAX_WORDS).length;
  console.log(`\nROUGE F1 (Porter-stemmed) on ${ours.n} articles, k = ${K}; ratio to Lead-3 as R1 / R2 / RL\n`);
  console.log('| summary            |   R-1  |   R-2  |   R-L  |');
  console.log('|--------------------|--------|--------|--------|');
  console.log(row('Key points', ours, lead));
  console.log(row(`Lead-${K}`, lead));
  console.log(row(`TextRank-${K}`, rank, lead));
  console.log(row(`Lead-${K} compressed`, leadShort, lead));
  console.log(
    `\nBullets: ${lengths.length}; words median ${sorted[Math.floor(sorted.length / 2)]}, mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(1)}, max ${sorted[sorted.length - 1]}; ` +
      `<= ${BULLET_MAX_WORDS} words: ${((100 * within) / lengths.length).toFixed(1)}%; left whole over the limit for want of a clean cut: ${roughCuts}; ` +
      `holding a word not in the article: ${unfaithful}`,
  );
  // Stories whose lead is strong (as Daily Mail's are, where Lead-3 is hard to beat): the third whose first sentence
  // holds the largest share of the highlights' words (ROUGE-1 recall), key points against Lead-3 on those alone.
  const strong = [...perStory].sort((a, b) => b.leadStrength - a.leadStrength).slice(0, Math.floor(perStory.length / 3));
  const ratio = (measure: number) => (100 * strong.reduce((n, story) => n + story.ours[measure]!, 0)) / Math.max(1e-9, strong.reduce((n, story) => n + story.lead[measure]!, 0));
  console.log(`Strong leads (the ${strong.length} stories whose first sentence holds most of the highlights): key points ${ratio(0).toFixed(0)}% / ${ratio(1).toFixed(0)}% / ${ratio(2).toFixed(0)}% of Lead-3`);
  console.log(`Time: ${seconds.toFixed(1)} s (${((1000 * seconds) / ours.n).toFixed(0)} ms an article)`);

  // The shape of the decks.
  const headed = await headedArticles();
  console.log('\nDecks:');
  for (const line of deckShape('dev set (news, no headings)', devArticles.map((article) => ({ article, outline: outlineFromArticle(article) })))) console.log(line);
  for (const line of deckShape('articles with headings', headed.map(({ article }) => ({ article, outline: outlineFromArticle(article) })))) console.log(line);

  // Topic segmentation: dev stories joined four at a time (the first 5 to 12 sentences of each, no paragraph edges),
  // and the articles with headings, their subheadings removed.
  const joined: Array<{ sentences: StorySentence[]; starts: number[] }> = [];
  for (let at = 0; at + 4 <= devArticles.length; at += 4) {
    const sentences: StorySentence[] = [];
    const starts: number[] = [];
    for (let j = 0; j < 4; j += 1) {
      starts.push(sentences.length);
      const take = 5 + (((at + j) * 7) % 8);
      for (const sentence of sentencesOf(devArticles[at + j]!).slice(0, take)) sentences.push({ text: sentence.text, paragraph: 0 });
    }
    joined.push({ sentences, starts });
  }
  for (const line of segmentationTable(`Topic segmentation: ${joined.length} texts of 4 dev stories joined (tolerance 1 sentence)`, scoreSegmentations(joined))) console.log(line);
  const unheaded = headed.map(({ article }) => withoutHeadings(article)).filter(({ starts }) => starts.length >= 2);
  for (const line of segmentationTable(`Topic segmentation: ${unheaded.length} articles with their subheadings removed (tolerance 1 sentence)`, scoreSegmentations(unheaded))) console.log(line);
}

await main();
