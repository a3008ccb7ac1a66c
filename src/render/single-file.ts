/**
 * The single-file deck: the rendered deck's hast tree with every asset inlined
 * (stylesheets as `<style>`, scripts as inline `<script>`, images as data URIs),
 * so one HTML file presents from file:// with zero requests, speaker view included.
 * Its Content-Security-Policy allows exactly its own inline scripts, by hash.
 */
import { createHash } from 'node:crypto';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { deckContentSecurityPolicy, type RenderedDeck } from './render.ts';
import { SPEAKER_VIEW_SCRIPT_SOURCES } from './speaker-view.ts';

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
};

/**
 * The CSP of a single-file deck: only the given inline scripts and the speaker
 * view's (by SHA-256), inline styles, data: fonts and images, frames of the deck
 * itself (the speaker view's slide previews), nothing else.
 */
export function singleFileCsp(scriptHashes: readonly string[]): string {
  return deckContentSecurityPolicy([...scriptHashes.map((hash) => `'sha256-${hash}'`), ...SPEAKER_VIEW_SCRIPT_SOURCES], false);
}

/** Base64 SHA-256 of a script's text, as CSP hashes it. */
export function scriptHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function assetText(contents: ReadonlyMap<string, Uint8Array>, path: string): string {
  const bytes = contents.get(path);
  if (!bytes) throw new TypeError(`Missing the contents of deck asset \`${path}\``);
  // `</script` or `</style` inside an asset would end the element early.
  return Buffer.from(bytes).toString('utf8').replace(/<\/(script|style)/gi, '<\\/$1');
}

const FONT_TYPES: Record<string, string> = { woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf' };

/**
 * A stylesheet with every `url(...)` to a file of the deck (KaTeX's fonts) made a
 * data URI, so the single file makes no request; a url to a file the deck does
 * not hold (KaTeX's WOFF and TTF fallbacks, never used where WOFF2 loads) is emptied.
 */
function inlineCssUrls(css: string, cssPath: string, contents: ReadonlyMap<string, Uint8Array>): string {
  const folder = cssPath.includes('/') ? cssPath.slice(0, cssPath.lastIndexOf('/') + 1) : '';
  return css.replace(/url\((['"]?)([^'")]+)\1\)/g, (whole, _quote: string, url: string) => {
    if (/^data:/i.test(url)) return whole;
    const path = folder + url;
    const bytes = contents.get(path);
    const ext = url.split('.').pop()?.toLowerCase() ?? '';
    const type = FONT_TYPES[ext] ?? MEDIA_TYPES[ext];
    if (bytes && type) return `url(data:${type};base64,${Buffer.from(bytes).toString('base64')})`;
    return 'url(data:,)';
  });
}

/**
 * Inline a rendered deck's assets into one HTML document. `contents` holds the
 * bytes of each asset by its path in the deck folder (`DeckAsset.to`) and of
 * each image the slides use.
 */
export function toSingleFileHast(deck: RenderedDeck, contents: ReadonlyMap<string, Uint8Array>): Root {
  const tree = structuredClone(deck.tree);
  const hashes: string[] = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.tagName === 'link' && String(node.properties.rel ?? '').includes('stylesheet') && typeof node.properties.href === 'string') {
      parent.children[index] = h('style', inlineCssUrls(assetText(contents, node.properties.href), node.properties.href, contents));
      return;
    }
    if (node.tagName === 'script' && typeof node.properties.src === 'string') {
      const text = assetText(contents, node.properties.src);
      hashes.push(scriptHash(text));
      parent.children[index] = h('script', text);
      return;
    }
    if (node.tagName === 'img' && typeof node.properties.src === 'string' && !/^data:/i.test(node.properties.src)) {
      const bytes = contents.get(node.properties.src);
      const type = MEDIA_TYPES[node.properties.src.split('.').pop()?.toLowerCase() ?? ''];
      if (bytes && type) node.properties.src = `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
    }
  });
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'meta' && node.properties.httpEquiv !== undefined && String(node.properties.httpEquiv).toLowerCase().includes('content-security-policy')) {
      node.properties.content = singleFileCsp(hashes);
    }
  });
  return tree;
}

/** The single-file deck as HTML. */
export function singleFileHtml(deck: RenderedDeck, contents: ReadonlyMap<string, Uint8Array>): string {
  // Scripts must serialize byte for byte as hashed: hast-util-to-html leaves script text unescaped.
  return toHtml(toSingleFileHast(deck, contents));
}
