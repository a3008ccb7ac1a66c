/**
 * The config file: defaults a team shares, in `briefdeck.config.json` or under a
 * `briefdeck` key of `package.json`, found from the working folder upward (as
 * marp-cli finds `.marprc` and `marp.config.*`). Command-line options win over it.
 *
 * The file is parsed with positions (the `yaml` package reads JSON, its
 * `LineCounter` turns offsets into lines), so every mistake names the file and
 * the line and column of the bad key or value. A bad config file is bad usage:
 * it is how briefdeck is called, written down, and its values are checked
 * against the same valid values as the options (exit code 2).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { optionValue, UsageError, type CliOptions } from './cli-args.ts';
import type { HandoutLayout, HandoutPaper } from '../render/handout.ts';
import type { Aspect } from '../render/render.ts';
import type { ThemeName } from '../outline/themes.ts';

/** The config file's name. */
export const CONFIG_FILE = 'briefdeck.config.json';
/** The key of `package.json` that holds the same settings. */
export const PACKAGE_KEY = 'briefdeck';

/** The settings a config file may hold. Each is the default of the option named beside it. */
export interface ConfigDefaults {
  /** `--theme`. */
  theme?: ThemeName;
  /** `--aspect`. */
  aspect?: Aspect;
  /** `--out`, as an absolute path: the file's value is relative to the file's folder. */
  out?: string;
  /** `--minutes`. */
  minutes?: number;
  /** `--key-points`. */
  keyPoints?: number;
  /** The paper of `--handout` given without one. */
  handoutPaper?: HandoutPaper;
  /** `--handout-layout`, when a handout is asked for. */
  handoutLayout?: HandoutLayout;
  /** `--jobs`. */
  jobs?: number;
}

/** Each key: the option whose values it takes, and the JSON type of its value. */
const KEYS: Record<keyof ConfigDefaults, { option: string; type: 'string' | 'number' }> = {
  theme: { option: 'theme', type: 'string' },
  aspect: { option: 'aspect', type: 'string' },
  out: { option: 'out', type: 'string' },
  minutes: { option: 'minutes', type: 'number' },
  keyPoints: { option: 'key-points', type: 'number' },
  handoutPaper: { option: 'handout', type: 'string' },
  handoutLayout: { option: 'handout-layout', type: 'number' },
  jobs: { option: 'jobs', type: 'number' },
};

/** A config file and what it sets. */
export interface LoadedConfig {
  /** The file read (`briefdeck.config.json`, `package.json` or the one `--config` names). */
  path: string;
  values: ConfigDefaults;
}

/** A mistake in a config file: `file:line:column: reason`, exit code 2. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

/**
 * The settings in a config file's text. `key`: read the object under this key
 * (`briefdeck` in a package.json), or nothing when it has none. Throws {@link ConfigError}.
 */
export function configFromText(file: string, path: string, key?: string): ConfigDefaults | undefined {
  const text = file.replace(/^\uFEFF/, '');
  const lines = new LineCounter();
  const document = parseDocument(text, { schema: 'json', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const fail = (offset: number, reason: string): never => {
    const { line, col } = lines.linePos(offset);
    throw new ConfigError(`${path}:${line}:${col}: ${reason}`);
  };
  const error = document.errors[0];
  if (error) fail(error.pos[0], `not valid JSON: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  // YAML's flow style allows what JSON does not (a trailing comma); JSON.parse has the last word.
  try {
    JSON.parse(text);
  } catch (problem) {
    const message = (problem as Error).message;
    const position = /at position (\d+)/.exec(message);
    fail(position ? Number(position[1]) : 0, `not valid JSON: ${message.replace(/,? ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '')}`);
  }
  let settings: Node | null = document.contents;
  if (!isJsonObject(settings)) return fail(settings?.range?.[0] ?? 0, 'expected a JSON object ({ ... })');
  if (key !== undefined) {
    const pair = settings.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (!pair) return undefined;
    settings = pair.value as Node | null;
    if (!isJsonObject(settings)) return fail(settings?.range?.[0] ?? (pair.key as Node).range![0], `"${key}" expects a JSON object of settings ({ "theme": "dark", ... })`);
  }
  const values: Record<string, unknown> = {};
  for (const pair of settings.items as Array<Pair<Node, Node | null>>) {
    const name = pair.key.toJSON() as unknown;
    const at = pair.key.range![0];
    if (typeof name !== 'string' || !Object.hasOwn(KEYS, name)) return fail(at, `unknown key ${JSON.stringify(name)}; valid keys: ${Object.keys(KEYS).join(', ')}`);
    const spec = KEYS[name as keyof ConfigDefaults];
    const value = pair.value;
    const raw: unknown = isScalar(value) ? value.value : value?.toJSON();
    if (typeof raw !== spec.type) return fail(value?.range?.[0] ?? at, `"${name}" expects a ${spec.type}, not ${describe(raw)}`);
    try {
      values[name] = optionValue(spec.option, String(raw), `"${name}"`);
    } catch (problem) {
      if (problem instanceof UsageError) fail(value!.range![0], problem.message);
      throw problem;
    }
  }
  if (typeof values.out === 'string') values.out = resolve(dirname(path), values.out);
  return values as ConfigDefaults;
}

function isJsonObject(node: Node | null | undefined): node is YAMLMap<Node, Node | null> {
  // A YAML block mapping (`theme: dark`) parses too; JSON is written in braces.
  return isMap(node) && node.flow === true;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** Read a file, or undefined when there is none. */
async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new UsageError(`${path}: cannot read the config file (${error.code ?? error.message})`);
  });
}

/** Whether a package.json's text has a top-level `briefdeck` key (a file that is not JSON is not ours to judge). */
function hasPackageKey(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, PACKAGE_KEY);
  } catch {
    return false;
  }
}

/**
 * The config file for a run in `cwd`: the one `--config` names, else the first
 * `briefdeck.config.json`, or `package.json` with a `briefdeck` key, in `cwd`
 * or a folder above it (in one folder, briefdeck.config.json wins). Undefined
 * when there is none or `--no-config` was given. Throws {@link ConfigError} or {@link UsageError}.
 */
export async function loadConfig(cli: Pick<CliOptions, 'config' | 'noConfig'>, cwd: string): Promise<LoadedConfig | undefined> {
  if (cli.noConfig) return undefined;
  if (cli.config !== undefined) {
    const path = resolve(cwd, cli.config);
    const text = await readIfExists(path);
    if (text === undefined) throw new UsageError(`--config ${cli.config}: no such file`);
    const values = configFromText(text, path, basename(path) === 'package.json' ? PACKAGE_KEY : undefined);
    if (values === undefined) throw new UsageError(`--config ${cli.config}: has no "${PACKAGE_KEY}" key`);
    return { path, values };
  }
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const path = join(folder, CONFIG_FILE);
    const text = await readIfExists(path);
    if (text !== undefined) return { path, values: configFromText(text, path)! };
    const packagePath = join(folder, 'package.json');
    const packageText = await readIfExists(packagePath);
    if (packageText !== undefined && hasPackageKey(packageText)) return { path: packagePath, values: configFromText(packageText, packagePath, PACKAGE_KEY)! };
    if (dirname(folder) === folder) return undefined;
  }
}

/** The options of a run, the config file's defaults filled in. */
export interface RunOptions extends CliOptions {
  /** A handout's paper, when one is asked for. */
  handout?: HandoutPaper;
  /** The generation options that came from the config file (see `BuildOptions.fromConfig`). */
  fromConfig: Array<'minutes' | 'keyPoints'>;
}

/**
 * The options of a run: the command line's, each unset one taken from the
 * config file. The one place that writes the precedence: command line, then
 * config file, then the built-in defaults (applied where each option is used);
 * for `--jobs`, BRIEFDECK_JOBS comes between the command line and the file.
 * `--handout-layout` asks for a handout; a handout with no paper named takes the
 * config file's paper, else A4. The config file asks for no output by itself.
 */
export function withConfig(cli: CliOptions, config: ConfigDefaults = {}, env: Readonly<Record<string, string | undefined>> = {}): RunOptions {
  // BRIEFDECK_JOBS is set for one machine, so it wins over the file a team shares.
  const envJobs = Number(env.BRIEFDECK_JOBS);
  const handoutAsked = cli.handout !== undefined || cli.handoutLayout !== undefined;
  return {
    ...cli,
    theme: cli.theme ?? config.theme,
    aspect: cli.aspect ?? config.aspect,
    out: cli.out ?? config.out,
    minutes: cli.minutes ?? config.minutes,
    keyPoints: cli.keyPoints ?? config.keyPoints,
    handout: handoutAsked ? (typeof cli.handout === 'string' ? cli.handout : (config.handoutPaper ?? 'a4')) : undefined,
    handoutLayout: handoutAsked ? (cli.handoutLayout ?? config.handoutLayout) : undefined,
    jobs: cli.jobs ?? (Number.isInteger(envJobs) && envJobs >= 1 ? envJobs : config.jobs),
    fromConfig: (['minutes', 'keyPoints'] as const).filter((key) => cli[key] === undefined && config[key] !== undefined),
  };
}
