/**
 * The speaker view of reveal.js's notes plugin: a page the plugin writes into a
 * pop-up window, with inline scripts. The pop-up inherits the deck's
 * Content-Security-Policy, so the deck allows exactly these scripts by hash.
 */
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';

/**
 * The inline scripts of the speaker view, from the source of the notes plugin
 * (`reveal.js/dist/plugin/notes.js`): the plugin holds the speaker page as one
 * template literal; this evaluates that literal alone (no plugin code runs) and
 * takes the text of each `<script>` element in it.
 */
export function speakerViewScripts(pluginSource: string): string[] {
  // The plugin writes the page with `document.write(` + a template literal (in the dist build).
  const call = pluginSource.indexOf('document.write(`');
  if (call === -1) throw new TypeError('Unexpected notes plugin: no document.write(`...`) speaker page found');
  const start = call + 'document.write('.length;
  let end = start + 1;
  while (end < pluginSource.length && pluginSource[end] !== '`') {
    if (pluginSource.startsWith('${', end)) throw new TypeError('Unexpected notes plugin: the speaker page has substitutions');
    end += pluginSource[end] === '\\' ? 2 : 1;
  }
  // A template literal without substitutions is a constant: evaluating it alone runs no plugin code.
  const page = runInNewContext(pluginSource.slice(start, end + 1), Object.create(null), { timeout: 1000 }) as unknown;
  if (typeof page !== 'string') throw new TypeError('Unexpected notes plugin: the speaker page is not a string');
  return Array.from(page.matchAll(/<script>([\s\S]*?)<\/script>/g), (match) => match[1]!);
}

/**
 * CSP source expressions for the speaker view's inline scripts of reveal.js
 * 6.0.2, written out so building a deck reads no plugin file. test/single-file.test.ts
 * checks them against {@link speakerViewScriptSources} of the installed reveal.js.
 */
export const SPEAKER_VIEW_SCRIPT_SOURCES: readonly string[] = ["'sha256-GzCveToXhSIzS3M5eQeRm3McVRB7cYneYKwTkzA3wDk='"];

/**
 * CSP source expressions (`'sha256-...'`) for the speaker view's inline scripts of
 * the notes plugin whose source is `pluginSource` (the installed reveal.js's
 * `dist/plugin/notes.js`, which the caller reads).
 */
export function speakerViewScriptSources(pluginSource: string): string[] {
  return speakerViewScripts(pluginSource).map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
}
