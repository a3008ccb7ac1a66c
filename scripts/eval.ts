/**
 * `npm run eval`: ROUGE-1/2/L F1 of the key-points slide (k = 3) against editor
 * highlights, beside Lead-3 and TextRank-3 computed by the same code in the
 * same run, plus bullet-length and faithfulness statistics.
 *
 * Usage: npm run eval [-- --file ../shared/eval/cnndm-dev.jsonl] [--limit N] [--show N]
 *
 * The data stays where it is (it is copyrighted news kept for internal
 * evaluation): this script only reads it.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { keyPoints } from '../src/claims/claims.ts';
import { BULLET_MAX_WORDS, compressSentence } from '../src/claims/compress.ts';
import { articleFromFile } from '../src/outline/pipeline.ts';
import { rouge, type RougeScores } from './lib/rouge.ts';
import { textRank } from './lib/textrank.ts';
import type { Article, Sentence } from '../src/types.ts';

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

  for (const item of items.slice(0, limit)) {
    // The texts are one plain paragraph without a title line: read them as Markdown
    // (the same parser and article model the product uses) with no heading.
    const file = new VFile({ value: item.text, path: `${item.id}.md` });
    const article = articleFromFile(file, 'md');
    const reference = item.gold.join('\n');
    const sentences = sentencesOf(article);

    const points = keyPoints(article, K);
    const bullets = points.map((point) => point.bullet);
    add(ours, rouge(bullets.join('\n'), reference));
    add(lead, rouge(sentences.slice(0, K).map((s) => s.text).join('\n'), reference));
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
  console.log(`Time: ${seconds.toFixed(1)} s (${((1000 * seconds) / ours.n).toFixed(0)} ms an article)`);
}

await main();
