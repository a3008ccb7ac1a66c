/**
 * Errors a user can act on. Problems inside a file are vfile messages with a
 * place; problems with the invocation or the file system are {@link BriefdeckError}s.
 */
import { VFileMessage } from 'vfile-message';

/** A problem with the user's input or environment, reported in one line with exit code 1. */
export class BriefdeckError extends Error {
  override name = 'BriefdeckError';
  /** The file the problem is about, when there is one. */
  readonly file?: string;
  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    if (options.file) this.file = options.file;
  }
}

/** Whether an error is one to report to the user rather than a bug. */
export function isUserError(error: unknown): error is BriefdeckError | VFileMessage {
  return error instanceof BriefdeckError || error instanceof VFileMessage;
}

/**
 * Text safe to print on one terminal line: control characters (line breaks, escape
 * sequences a hostile article could carry into a message) are written as `\uXXXX`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line for a message about a file: `file:line:column: reason`. */
export function formatMessage(message: VFileMessage): string {
  const place = message.line ? `:${message.line}:${message.column ?? 1}` : '';
  return printable(`${message.file || '<input>'}${place}: ${message.reason}`);
}

/** One line for a user error: `file:line:column: message` for a vfile message, else `file: message`. */
export function formatUserError(error: BriefdeckError | VFileMessage): string {
  if (error instanceof VFileMessage) return formatMessage(error);
  return printable(error.file && !error.message.includes(error.file) ? `${error.file}: ${error.message}` : error.message);
}
