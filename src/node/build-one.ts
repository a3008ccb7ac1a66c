/**
 * One article's build as the command line reports it: the lines to print and
 * whether it failed, as plain data, so the same function runs in the CLI's own
 * thread and in a worker thread of the pool (see build-pool.ts).
 */
import { buildDeck, type BuildOptions, type BuildReport } from './build-deck.ts';
import { formatMessage, formatUserError, isUserError, printable } from './errors.ts';

/** What one article's build is asked to do: the options of {@link buildDeck} without callbacks. */
export type BuildTask = Omit<BuildOptions, 'onProgress'> & {
  /** Print the stack of an internal error. */
  debug?: boolean;
};

/** The printed result of one article's build. */
export interface BuildOutcome {
  article: string;
  /** `ok`; `failed`: bad input, reported in one line (exit 1); `internal`: a bug (exit 70). */
  status: 'ok' | 'failed' | 'internal';
  /** Lines for standard output: what was written where. */
  stdout: string[];
  /** Lines for standard error: warnings, notes, the error. */
  stderr: string[];
  slideCount?: number;
  /** Wall time of the build in milliseconds. */
  ms: number;
}

/** Warnings and notes about the article and the outline, one placed line each. */
export function messageLines(report: BuildReport): string[] {
  return report.messages.map((message) => `${message.fatal === false ? 'warning' : 'note'}: ${formatMessage(message)}`);
}

/** The line saying what a build wrote. */
export function describeReport(report: BuildReport): string {
  // File names may hold control characters (a line break, an escape sequence): printed as \uXXXX, like messages.
  return printable(`${report.articlePath} -> ${report.indexPath} (${report.slideCount} slides, theme ${report.theme}); outline ${report.outlinePath} (${report.outline}${report.backupPath ? `, old one kept as ${report.backupPath}` : ''})`);
}

/** One line for an error that is not the user's: ours, with the stack only when debugging. */
export function internalErrorLine(error: unknown, debug: boolean): string {
  const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : `${error.name}: ${error.message}`) : String(error);
  return `briefdeck: internal error (please report it${debug ? '' : '; --debug shows where'}): ${debug ? text : printable(text)}`;
}

/** Build one article and say what happened; never throws. */
export async function buildOutcome(task: BuildTask, onProgress?: BuildOptions['onProgress']): Promise<BuildOutcome> {
  const started = performance.now();
  const { debug = false, ...options } = task;
  try {
    const report = await buildDeck({ ...options, onProgress });
    const stdout = [describeReport(report)];
    for (const [what, written] of [['pdf', report.exports.pdf], ['pdf with notes', report.exports.notesPdf], ['handout', report.exports.handout]] as const) {
      if (written) stdout.push(`${report.articlePath} -> ${written.path} (${what}, ${written.pages} pages)`);
    }
    if (report.exports.singleFile) stdout.push(`${report.articlePath} -> ${report.exports.singleFile} (single file)`);
    if (report.exports.pptx) stdout.push(`${report.articlePath} -> ${report.exports.pptx.path} (PowerPoint, ${report.exports.pptx.slides} slides)`);
    const stderr = messageLines(report);
    for (const { slide, src, reason } of report.exports.pptx?.missingImages ?? []) stderr.push(`warning: ${printable(`${report.exports.pptx!.path}: slide ${slide}: image \`${src}\` ${reason}; its alt text is shown instead`)}`);
    return { article: task.article, status: 'ok', stdout, stderr, slideCount: report.slideCount, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (isUserError(error)) return { article: task.article, status: 'failed', stdout: [], stderr: [`error: ${formatUserError(error)}`], ms };
    return { article: task.article, status: 'internal', stdout: [], stderr: [internalErrorLine(error, debug)], ms };
  }
}
