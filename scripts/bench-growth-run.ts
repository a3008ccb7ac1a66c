/**
 * One timing for `npm run bench`'s growth table: build one pathological article
 * (a shape of scripts/lib/pathological.ts at a size) with the real build
 * (`buildDeck`: read, parse, outline, fit, render, write), in this process after
 * a warm-up build, and print `{"ms":..., "cpuMs":..., "outcome":...}` as JSON (wall and CPU milliseconds). Run in a fresh
 * process per timing so no case warms another's caches.
 *
 *   tsx scripts/bench-growth-run.ts <shape name> <bytes> <folder>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDeck } from '../src/node/build-deck.ts';
import { formatUserError, isUserError } from '../src/node/errors.ts';
import { GROWTH_SHAPES as SHAPES } from './lib/pathological.ts';

const [name, bytesArg, dir] = process.argv.slice(2);
const shape = SHAPES.find((candidate) => candidate.name === name);
if (!shape || !bytesArg || !dir) throw new Error(`usage: bench-growth-run.ts <shape> <bytes> <folder> (shapes: ${SHAPES.map((s) => s.name).join(', ')})`);
mkdirSync(dir, { recursive: true });
// The warm-up: loads the tagger model and compiles the pipeline, as a second build in a watch session finds it.
const warm = join(dir, 'warm-up.txt');
writeFileSync(warm, 'Council budget\n\nThe council met on Monday. It agreed to cut the school budget by a third. Critics said the plan was rushed.\n');
await buildDeck({ article: warm, outDir: join(dir, 'dist') });

const article = join(dir, `article.${shape.format}`);
writeFileSync(article, shape.make(Number(bytesArg)));
const started = performance.now();
const cpuStarted = process.cpuUsage();
let outcome = 'deck';
try {
  const report = await buildDeck({ article, outDir: join(dir, 'dist') });
  outcome = `deck of ${report.slideCount} slides`;
} catch (error) {
  if (!isUserError(error)) throw error;
  outcome = `refused: ${formatUserError(error)}`;
}
const ms = performance.now() - started;
// CPU time (user + system, every thread of the process): on a shared, loaded machine wall time mostly measures the others.
const cpu = process.cpuUsage(cpuStarted);
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, outcome })}\n`);
