/**
 * The DOM library (linkedom) and Mozilla's Readability, required when the first
 * HTML page is read and not before: Markdown and plain-text builds never load
 * them (linkedom and its parser take about 0.15 s to load). They are required
 * rather than imported with `import()` so reading stays synchronous, in the
 * unbundled sources and in the prebuilt bundle alike, which loads them from
 * node_modules (scripts/bundle.mjs cannot follow `createRequire`).
 */
import { createRequire } from 'node:module';

/** linkedom's parser and Readability, as the reader uses them. */
export interface ReaderLibraries {
  parseHTML: (html: string) => { document: Document };
  Readability: new (document: Document, options?: { serializer?: (node: Node) => unknown; charThreshold?: number }) => { parse(): { content: unknown } | null };
}

/** Load both packages (Node's module cache makes a second call cheap). */
export function requireReaderLibraries(): ReaderLibraries {
  const require = createRequire(import.meta.url);
  const { parseHTML } = require('linkedom') as { parseHTML: ReaderLibraries['parseHTML'] };
  const { Readability } = require('@mozilla/readability') as { Readability: ReaderLibraries['Readability'] };
  return { parseHTML, Readability };
}
