/** Run the real briefdeck CLI in a folder, as a user would. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const SEED_ARTICLE = join(REPO_ROOT, 'content', 'isis-central-asia.txt');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The package's `bin` (what `npx briefdeck` and `npm run build` run): it remakes its bundle
 * when a source changed, so a test through it runs the code in src/ without tsx compiling
 * every module again in each process (a second a run, against a third of one).
 */
export const LAUNCHER = join(REPO_ROOT, 'scripts', 'briefdeck.mjs');

/** Run the real CLI (the package's `bin`) with these arguments in `cwd`. */
export function runCli(args: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Run `build.ts` from the sources through tsx, with these arguments in `cwd`: slower than
 * {@link runCli} (tsx compiles every module), for what must compare the sources with the bundle.
 */
export function runSourceCli(args: string[], cwd: string): CliResult {
  const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, join(REPO_ROOT, 'build.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder holding `content/` with a copy of the seed article. */
export function seedWorkspace(prefix = 'briefdeck-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'content'));
  cpSync(SEED_ARTICLE, join(dir, 'content', 'isis-central-asia.txt'));
  return dir;
}

export interface MainOptions {
  /** Standard input, whole. */
  stdin?: string;
  /** Whether standard error is a terminal. */
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * Run briefdeck's `main(argv, io)` in this process, in `cwd`, as the bin does:
 * the fast way to test the command line (a real process costs a second of tsx).
 */
export async function runMain(args: string[], cwd: string, options: MainOptions = {}): Promise<CliResult> {
  const { main } = await import('../../src/node/cli.ts');
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdin: (async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    })(),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd,
    isTTY: options.isTTY ?? false,
    signal: options.signal,
  });
  return { status, stdout, stderr };
}
