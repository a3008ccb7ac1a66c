/**
 * Dump every outline, key point and bullet briefdeck makes for the dev-set articles and the seed,
 * as plain text, so a refactor can be checked byte for byte (`diff before.txt after.txt`).
 *
 * Usage: tsx scripts/dump-outlines.ts [--file ../shared/eval/cnndm-dev.jsonl] [--seed content/isis-central-asia.txt] > dump.txt
 *
 * Everything runs in one process, in one order, the way a watch session or a script calling the API
 * would: state one call leaves behind shows up as a difference in a later one. Per article: the
 * outline as the build makes it (every slide, bullet with its source, notes), the key points with
 * their score and quality, the outline file's hash and whether it reads back the same, and `compressSentence` on the first three sentences (the public API).
 * The data stays where it is (copyrighted news): the dump goes outside the repository.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { VFile } from 'vfile';
import { createHash } from 'node:crypto';
import { articleFromFile, compressSentence, keyPoints, outlineFromMarkdown, outlineFromText, outlineToMarkdown } from '../src/index.ts';
import type { ArticleFormat, Outline } from '../src/types.ts';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/eval/cnndm-dev.jsonl' },
    seed: { type: 'string', default: 'content/isis-central-asia.txt' },
    limit: { type: 'string' },
  },
});

function outlineLines(outline: Outline): string[] {
  const lines = [`title: ${outline.title}`];
  for (const key of ['subtitle', 'author', 'date', 'source'] as const) if (outline[key]) lines.push(`${key}: ${outline[key]}`);
  for (const slide of outline.slides) {
    lines.push(`  [${slide.kind}] ${slide.title}${slide.hidden ? ' (hidden)' : ''}`);
    for (const line of slide.body ?? []) lines.push(`    body: ${line}`);
    for (const bullet of slide.bullets) lines.push(`    - ${bullet.text}${bullet.source ? ` @${bullet.source}` : ''}`);
    if (slide.notes) lines.push(`    notes: ${JSON.stringify(slide.notes)}`);
  }
  return lines;
}

async function dump(name: string, text: string, format: ArticleFormat, variants: Array<{ label: string; minutes?: number }>): Promise<void> {
  const out: string[] = [`## ${name}`];
  for (const { label, minutes } of variants) {
    out.push(`# outline ${label}`);
    const outline = await outlineFromText(text, { format, path: name, ...(minutes ? { minutes } : {}) });
    const lines = outlineLines(outline);
    out.push(...lines);
    // The outline file: what it holds, and whether reading it back gives the same outline.
    const markdown = outlineToMarkdown(outline);
    const back = outlineLines(outlineFromMarkdown(markdown).outline);
    out.push(`# outline file sha256 ${createHash('sha256').update(markdown).digest('hex').slice(0, 16)}, read back ${back.join('\n') === lines.join('\n') ? 'the same' : 'DIFFERENT'}`);
  }
  const article = articleFromFile(new VFile({ value: text, path: name }), format);
  out.push('# keyPoints(article, 3)');
  for (const point of keyPoints(article, 3)) {
    out.push(`  ${point.bullet} | section ${point.section} | score ${point.score.toFixed(6)} | quality ${point.quality}`);
  }
  out.push('# compressSentence of the first three sentences');
  const sentences = article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences)).slice(0, 3);
  for (const sentence of sentences) out.push(`  ${compressSentence(sentence.text)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

const seed = await readFile(values.seed!, 'utf8');
await dump(values.seed!, seed, 'txt', [{ label: 'default' }, { label: 'minutes 10', minutes: 10 }]);
const items = (await readFile(values.file!, 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { id: string; text: string });
for (const item of items.slice(0, values.limit ? Number(values.limit) : items.length)) {
  await dump(`${item.id}.md`, item.text, 'md', [{ label: 'default' }]);
}
