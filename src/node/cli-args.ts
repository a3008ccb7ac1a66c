/**
 * briefdeck's command-line grammar: the options, their values and the usage
 * errors, in our own words. Pure: no file system, no process.
 */
import { ARTICLE_EXTENSIONS } from '../ingest/ingest.ts';
import { HANDOUT_LAYOUTS, HANDOUT_PAPERS, isHandoutPaper, type HandoutLayout, type HandoutPaper } from '../render/handout.ts';
import { isAspect, type Aspect } from '../render/render.ts';
import { isThemeName, THEMES, type ThemeName } from '../outline/themes.ts';
import type { ArticleFormat } from '../types.ts';

/** A mistake in how briefdeck was called: one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What the command line asks for. Unset options stay undefined, so a config file can fill them in. */
export interface CliOptions {
  /** Articles and folders as given; `-` is standard input. */
  inputs: string[];
  out?: string;
  theme?: ThemeName;
  keyPoints?: number;
  minutes?: number;
  format?: ArticleFormat;
  aspect?: Aspect;
  /** A handout on this paper; `true` (`--handout` with no paper): on the config file's paper, else A4. */
  handout?: HandoutPaper | true;
  /** Slides a handout page; asks for a handout too. */
  handoutLayout?: HandoutLayout;
  /** The config file named by `--config`. */
  config?: string;
  /** `--no-config`: use no config file. */
  noConfig: boolean;
  /** Name of the deck built from standard input. */
  name?: string;
  /** Most articles built at once. */
  jobs?: number;
  /** Port of the watch server. */
  port?: number;
  regenerate: boolean;
  watch: boolean;
  pdf: boolean;
  pdfNotes: boolean;
  singleFile: boolean;
  pptx: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

interface OptionSpec {
  /** Key in {@link CliOptions}. */
  key: keyof CliOptions;
  short?: string;
  /** `value`: takes a value; `optional`: takes a value only when the next argument looks like one. */
  takes?: 'value' | 'optional';
  /** Placeholder shown in messages. */
  meta?: string;
}

const OPTIONS: Record<string, OptionSpec> = {
  out: { key: 'out', short: 'o', takes: 'value', meta: 'DIR' },
  theme: { key: 'theme', takes: 'value', meta: 'NAME' },
  'key-points': { key: 'keyPoints', takes: 'value', meta: 'N' },
  minutes: { key: 'minutes', takes: 'value', meta: 'N' },
  format: { key: 'format', takes: 'value', meta: 'FORMAT' },
  aspect: { key: 'aspect', takes: 'value', meta: 'RATIO' },
  handout: { key: 'handout', takes: 'optional', meta: 'PAPER' },
  'handout-layout': { key: 'handoutLayout', takes: 'value', meta: 'N' },
  config: { key: 'config', takes: 'value', meta: 'FILE' },
  'no-config': { key: 'noConfig' },
  name: { key: 'name', takes: 'value', meta: 'NAME' },
  jobs: { key: 'jobs', short: 'j', takes: 'value', meta: 'N' },
  port: { key: 'port', takes: 'value', meta: 'N' },
  regenerate: { key: 'regenerate' },
  watch: { key: 'watch', short: 'w' },
  pdf: { key: 'pdf' },
  'pdf-notes': { key: 'pdfNotes' },
  'single-file': { key: 'singleFile' },
  pptx: { key: 'pptx' },
  debug: { key: 'debug' },
  help: { key: 'help', short: 'h' },
  version: { key: 'version', short: 'v' },
};

const SHORT = Object.fromEntries(Object.entries(OPTIONS).flatMap(([long, spec]) => (spec.short ? [[spec.short, long]] : [])));

/** Edit distance, for "did you mean" on a mistyped option. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

function unknownOption(arg: string): UsageError {
  const name = arg.replace(/^-+/, '').split('=')[0]!;
  const closest = Object.keys(OPTIONS)
    .map((long) => ({ long, cost: distance(name, long) }))
    .sort((a, b) => a.cost - b.cost)[0];
  const hint = closest && name.length > 1 && closest.cost <= Math.max(1, Math.floor(closest.long.length / 3)) ? `; did you mean --${closest.long}?` : '';
  return new UsageError(`unknown option \`${arg.split('=')[0]}\`${hint}`);
}

/** A whole number in [min, max], or a usage error that says what was expected. */
export function wholeNumber(option: string, raw: string, min: number, max: number): number {
  const value = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${option} expects a whole number from ${min} to ${max}, not \`${raw}\``);
  return value;
}

/** A number in [min, max] (decimals allowed), or a usage error. */
export function decimalNumber(option: string, raw: string, min: number, max: number): number {
  const value = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(`${option} expects a number from ${min} to ${max}, not \`${raw}\``);
  return value;
}

/** Check a named value against its valid ones. */
export function oneOf<T extends string>(option: string, raw: string, valid: (value: string) => value is T, names: readonly string[]): T {
  if (!valid(raw)) throw new UsageError(`${option} expects ${listOr(names)}, not \`${raw}\``);
  return raw;
}

function listOr(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

const FORMATS = ['md', 'txt', 'html'] as const;
const isFormat = (value: string): value is ArticleFormat => (FORMATS as readonly string[]).includes(value);

const LAYOUT_NAMES = HANDOUT_LAYOUTS.map(String);
const isLayoutName = (value: string): value is `${HandoutLayout}` => LAYOUT_NAMES.includes(value);

/**
 * Check and convert one option's value. Shared with the config file, whose keys
 * are these options' names in camelCase: `option` is how a message names the
 * setting (`--key-points` on the command line, `"keyPoints"` in the config file).
 */
export function optionValue(long: string, raw: string, option = `--${long}`): CliOptions[keyof CliOptions] {
  switch (long) {
    case 'theme':
      return oneOf(option, raw, isThemeName, Object.keys(THEMES));
    case 'key-points':
      return wholeNumber(option, raw, 1, 10);
    case 'minutes':
      return decimalNumber(option, raw, 1, 600);
    case 'format':
      return oneOf(option, raw, isFormat, FORMATS);
    case 'aspect':
      return oneOf(option, raw, isAspect, ['16:9', '4:3']);
    case 'handout':
      return oneOf(option, raw, isHandoutPaper, Object.keys(HANDOUT_PAPERS));
    case 'handout-layout':
      return Number(oneOf(option, raw, isLayoutName, LAYOUT_NAMES)) as HandoutLayout;
    case 'config':
      if (raw === '') throw new UsageError(`${option} expects a file, not an empty string`);
      return raw;
    case 'jobs':
      return wholeNumber(option, raw, 1, 256);
    case 'port':
      return wholeNumber(option, raw, 0, 65535);
    case 'name':
      if (!/^[\w][\w.-]*$/.test(raw) || raw.length > 100) throw new UsageError(`${option} expects a file name of letters, digits, '.', '-' and '_', not \`${raw}\``);
      return raw;
    case 'out':
      if (raw === '') throw new UsageError(`${option} expects a folder, not an empty string`);
      return raw;
    default:
      return raw;
  }
}

/** A value that reads as the optional paper of `--handout` rather than as an article: a word with no dot or slash. */
function looksLikeOptionalValue(next: string | undefined): next is string {
  return next !== undefined && /^[A-Za-z][\w-]*$/.test(next);
}

/** Parse the arguments. Throws {@link UsageError}. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { inputs: [], noConfig: false, regenerate: false, watch: false, pdf: false, pdfNotes: false, singleFile: false, pptx: false, debug: false, help: false, version: false };
  const set = (long: string, value: unknown) => {
    (options as unknown as Record<string, unknown>)[OPTIONS[long]!.key] = value;
  };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') {
      options.inputs.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      options.inputs.push(arg);
      continue;
    }
    let long: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      long = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (!OPTIONS[long]) throw unknownOption(arg);
    } else {
      // -o dist, -odist, -hv
      const letter = arg[1]!;
      const found = SHORT[letter];
      if (!found) throw unknownOption(arg);
      long = found;
      if (OPTIONS[long]!.takes) inline = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : undefined;
      else if (arg.length > 2) {
        // Several flags in one: -hv.
        for (const other of arg.slice(2)) {
          const more = SHORT[other];
          if (!more || OPTIONS[more]!.takes) throw unknownOption(arg);
          set(more, true);
        }
      }
    }
    const spec = OPTIONS[long]!;
    const option = `--${long}`;
    if (!spec.takes) {
      if (inline !== undefined) throw new UsageError(`${option} takes no value, not \`${inline}\``);
      set(long, true);
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = argv[index + 1];
      if (spec.takes === 'optional') {
        if (looksLikeOptionalValue(next)) {
          raw = next;
          index += 1;
        } else {
          set(long, true);
          continue;
        }
      } else {
        // A value may start with '-' only when it is a number (a negative number gets its own message) or '-' itself.
        if (next === undefined || (next.startsWith('-') && !/^-\d/.test(next) && next !== '-') || next === '') {
          throw new UsageError(`${option} expects a value (${option} ${spec.meta})`);
        }
        raw = next;
        index += 1;
      }
    }
    set(long, optionValue(long, raw));
  }
  if (options.config !== undefined && options.noConfig) throw new UsageError('--config and --no-config do not go together');
  return options;
}

/** The help text. */
export function helpText(version: string): string {
  return `briefdeck ${version}: turn an article into an editable outline and an offline Reveal.js deck.

Usage: briefdeck [ARTICLE|FOLDER|- ...] [options]

With no ARTICLE, builds every article in content/ (${ARTICLE_EXTENSIONS.join(' ')}).
A FOLDER builds every article in it; several articles build in parallel.
'-' reads one article from standard input (give --format, or it is told from the text)
and writes its deck and outline to OUT/NAME/ (NAME from --name, default stdin).

For each ARTICLE (for example content/report.md) briefdeck:
  1. writes the outline content/report.outline.md, if it does not exist yet;
     an existing outline is used as it is while the article is unchanged;
     when the article changed, your edits are merged with the new outline
     (conflicts are marked <!-- briefdeck-conflict: ... --> and reported);
  2. renders the deck from the outline into OUT/report/index.html.

Defaults of --theme, --aspect, --out, --minutes, --key-points, the handout's paper and
layout and --jobs may come from briefdeck.config.json, found in this folder or the
nearest one above it (see the README); options given here win.

Options:
  -o, --out DIR      folder the deck folders go in (default: dist)
  --theme NAME       deck theme, overriding the outline's: ${Object.keys(THEMES).join(', ')}
  --key-points N     number of key points when generating an outline, 1-10 (default: 3-5 by length)
  --minutes N        size a generated outline to an N-minute talk (about 1.5 min a content
                     slide, notes at 130 spoken words a minute); weaker claims move to the
                     notes (default: every section gets its slides)
  --format FORMAT    read ARTICLE as md, txt or html (default: from the file extension)
  --regenerate       generate the outline afresh; the old one is kept as OUTLINE.bak
                     (the 3 newest backups are kept)
  --aspect RATIO     slide shape: 16:9 (1280x720, default) or 4:3 (1024x768)
  --pdf              also print OUT/report/report.pdf, one page per slide (needs Chromium)
  --pdf-notes        also print OUT/report/report.notes.pdf: each slide, then a page of its notes
  --handout [PAPER]  also print OUT/report/report.handout.pdf on portrait ${listOr(Object.keys(HANDOUT_PAPERS))} paper
                     (default a4, or the config file's handoutPaper)
  --handout-layout N slides on a handout page (also asks for the handout):
                     1  the slide, its speaker notes and ruled lines below (default)
                     2  two slides stacked, numbered and titled; no notes
                     3  three slides, ruled lines beside each for the audience's notes
                     6  two columns of three slides; no notes
  --single-file      also write OUT/report/report.html: the whole deck in one file that
                     presents offline from anywhere (speaker view included)
  --pptx             also write OUT/report/report.pptx: an editable PowerPoint file of the
                     same slides (text boxes, bullets, notes pages, the theme's colours)
  --name NAME        deck name of an article read from standard input (default: stdin)
  -j, --jobs N       build at most N articles at once (default: one per CPU core)
  -w, --watch        build, serve the decks on http://127.0.0.1:PORT/, rebuild when an
                     article or outline is saved and reload the open tab on the same slide
  --port N           port of the watch server (default: a free one, printed)
  --config FILE      read defaults from FILE instead of looking for briefdeck.config.json
                     (or a "briefdeck" key in package.json) in this folder and its parents
  --no-config        use no config file
  --debug            print the stack trace of an internal error
  -v, --version      print the version
  -h, --help         show this help

Exit codes: 0 built; 1 bad input or content (the message names the file and line; with
several articles, 1 when any failed, after building the others); 2 bad usage (an unknown
option, a bad value, --out naming a file, a config file that is not valid: its line and
column are named); 70 internal error (please report it).`;
}
