/**
 * The layout's one rule, checked on the sources: a folder per pipeline stage under src/, data
 * flowing one way (no stage imports one that comes after it), and the machine (files,
 * processes, the network, the environment) touched only at the edge, src/node/, and by the CLI.
 * docs/architecture.md explains the stages and where a change goes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.ts';

/** The stages in pipeline order; the edge last. */
const STAGES = ['text', 'ingest', 'article', 'claims', 'outline', 'outline-file', 'check', 'fit', 'render', 'node'];
const SRC = join(REPO_ROOT, 'src');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs|cjs)$/.test(entry.name) && !entry.parentPath.includes(`${sep}client`))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The code of a source file without its comments (a rough cut: enough for import lines and `process`). */
function codeOf(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The specifiers a file imports, statically or dynamically, or re-exports from. */
function importsOf(code: string): string[] {
  const specifiers: string[] = [];
  for (const match of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specifiers.push((match[1] ?? match[2] ?? match[3] ?? match[4])!);
  }
  return specifiers;
}

/** The stage a source file is in: its folder under src/, or '' for a file loose in src/. */
const stageOf = (path: string) => relative(SRC, path).split(sep).length > 1 ? relative(SRC, path).split(sep)[0]! : '';

const MACHINE_MODULES = /^(?:node:)?(?:fs|fs\/promises|child_process|http|https|net)$/;

describe('architecture', () => {
  const files = sourcesUnder(SRC);

  it('should have a folder per stage under src/, and only index.ts and types.ts loose', () => {
    const entries = readdirSync(SRC, { withFileTypes: true });
    expect(entries.filter((entry) => entry.isFile()).map((entry) => entry.name).sort()).toEqual(['index.ts', 'types.ts']);
    expect(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()).toEqual([...STAGES].sort());
  });

  it('should have no stage import one that comes after it, and the pure API import no edge', () => {
    expect(files.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    let crossings = 0;
    for (const file of files) {
      const from = stageOf(file);
      for (const specifier of importsOf(codeOf(file))) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier);
        if (!target.startsWith(SRC + sep)) {
          wrong.push(`${relative(REPO_ROOT, file)} imports ${specifier}, outside src/`);
          continue;
        }
        const to = stageOf(target);
        if (to === from) continue;
        crossings += 1;
        if (from === 'node' || to === '') continue;
        // index.ts is the pure API: every stage but the edge; types.ts imports nothing.
        if (from === '' ? to === 'node' || file.endsWith('types.ts') : STAGES.indexOf(to) > STAGES.indexOf(from)) {
          wrong.push(`${relative(REPO_ROOT, file)} (${from || 'src'}) imports ${relative(REPO_ROOT, target)} (${to})`);
        }
      }
    }
    expect(crossings).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('should touch files, processes, the network and the environment only in src/node/ and the CLI', () => {
    const wrong: string[] = [];
    let edgeUses = 0;
    for (const file of [...files, join(REPO_ROOT, 'build.ts')]) {
      const code = codeOf(file);
      const uses = [
        ...importsOf(code).filter((specifier) => MACHINE_MODULES.test(specifier)),
        ...(/(?<![\w.$'"`])process\s*[.[]/.test(code) ? ['process'] : []),
      ];
      if (uses.length === 0) continue;
      if (file.startsWith(join(SRC, 'node') + sep) || file.endsWith(`${sep}build.ts`) && dirname(file) === REPO_ROOT) edgeUses += 1;
      else wrong.push(`${relative(REPO_ROOT, file)}: ${uses.join(', ')}`);
    }
    // The check sees what the edge does.
    expect(edgeUses).toBeGreaterThan(5);
    expect(wrong).toEqual([]);
  });
});
