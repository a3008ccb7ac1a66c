/**
 * Summarise a V8 CPU profile: the functions with the most self time and the most
 * inclusive time, named by their source file and line (frames in the bundle are
 * mapped back through lib/briefdeck.cjs.map).
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof scripts/briefdeck.mjs content/report.md --out /tmp/out
 *   node scripts/cpu-profile-summary.mjs /tmp/prof/*.cpuprofile [TOP]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_PATH, ROOT } from './bundle.mjs';

const [path, topArgument] = process.argv.slice(2);
if (!path) {
  process.stderr.write('Usage: node scripts/cpu-profile-summary.mjs PROFILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const top = Number(topArgument ?? 25);
const profile = JSON.parse(readFileSync(path, 'utf8'));
const map = existsSync(`${BUNDLE_PATH}.map`) ? new SourceMap(JSON.parse(readFileSync(`${BUNDLE_PATH}.map`, 'utf8'))) : undefined;

/** A frame's name: function, then source file and line (mapped through the bundle's source map when it is the bundle). */
function nameOf(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  let file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  let line = frame.lineNumber + 1;
  if (map && file === BUNDLE_PATH) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry?.originalSource) {
      file = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      line = entry.originalLine + 1;
    }
  }
  const shown = file.startsWith('/') ? relative(ROOT, file) : file;
  return `${name} ${shown.startsWith('..') ? basename(shown) : shown}:${line}`;
}

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const sampled = new Map();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  sampled.set(id, (sampled.get(id) ?? 0) + delta);
  total += delta;
});
const self = new Map();
const inclusive = new Map();
for (const [id, time] of sampled) {
  const own = nameOf(nodes.get(id).callFrame);
  self.set(own, (self.get(own) ?? 0) + time);
  // Each function counts once per sample, however deep it recurses.
  const seen = new Set();
  for (let current = id; current !== undefined; current = parent.get(current)) {
    const name = nameOf(nodes.get(current).callFrame);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + time);
  }
}
const table = (times) =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => `${(time / 1000).toFixed(1).padStart(9)} ms ${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
process.stdout.write(`${(total / 1000).toFixed(1)} ms sampled\n\nself time:\n${table(self)}\n\ninclusive time:\n${table(inclusive)}\n`);
