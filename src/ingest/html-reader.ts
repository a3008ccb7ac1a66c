/**
 * Reader view for saved web pages: HTML text -> mdast of the article alone.
 *
 * The page is parsed into a DOM (linkedom), its page chrome that reader views
 * miss is removed first (text hidden by `hidden`, `aria-hidden`, inline
 * `display:none` or `<template>`; print-only footers; share bars; related,
 * "Read more" and "Most read" blocks; comment sections; newsletter and ad
 * prompts; teaser `<article>`s beside the main story), then Mozilla's
 * Readability (Firefox's reader view) picks the article. Its DOM goes to hast
 * (hast-util-from-dom) and through rehype-remark to mdast, so headings, lists,
 * tables, quotes, code (`<pre>`) and figures survive; a figure becomes an image
 * whose title is its caption and credit, never a paragraph. Text nodes get
 * their place in the source back by a forward search, so messages and bullets
 * point at the page's lines.
 *
 * Pure: text in, tree out. The DOM library and Readability are required only
 * when an HTML page is read.
 */
import type { Element as HastElement, ElementContent, Root as HastRoot, RootContent as HastContent, Text as HastText } from 'hast';
import { fromDom } from 'hast-util-from-dom';
import type { Root, Yaml } from 'mdast';
import rehypeRemark from 'rehype-remark';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { failHtmlTooDeep, MAX_HTML_DEPTH } from './input-limits.ts';
import { CREDIT, CREDIT_TAIL, LINK_LABEL, PRINT_FOOTER } from './page-chrome.ts';
import { isNotATitle, pageMetadata, type PageMetadata } from './page-metadata.ts';
import { requireReaderLibraries } from './reader-libraries.ts';

/** What was taken out of a page, by kind, for the build's note. */
export interface PageDrops {
  teasers: number;
  hidden: number;
  printOnly: number;
  share: number;
  related: number;
  comments: number;
  prompts: number;
  credits: number;
  /** Words of the page that are not in the article (navigation, headers, footers and all of the above). */
  droppedWords: number;
  /** Words kept. */
  keptWords: number;
  /** Figures kept, with their captions as image titles. */
  figures: number;
}

/** Elements that are never article text. */
const NEVER_TEXT = 'script, style, noscript, template, iframe, object, embed, dialog, button, select, input, textarea, base, link, meta';

/** Class, id, role or label words of blocks of page chrome, by kind. */
const CHROME_KINDS: Array<[keyof PageDrops, RegExp]> = [
  ['comments', /(?:^|[\s_-])(?:comments?|comment-list|commentlist|disqus|discussion|replies|respond|reader-responses|conversation)(?:$|[\s_-])/i],
  ['share', /(?:^|[\s_-])(?:share|sharing|shares|share-?bar|share-?tools|social|social-?links|social-?share|sharethis|addthis)(?:$|[\s_-])/i],
  ['related', /(?:^|[\s_-])(?:related|recommended|recommendations|more-?stories|more-?from|read-?more|readmore|read-?next|most-?read|mostread|most-?popular|popular|trending|also-?like|you-?may-?like|outbrain|taboola|tag-?cloud|tags|topics|breadcrumbs?|pagination|post-?nav|teasers?|promo-?list)(?:$|[\s_-])/i],
  // A photo's caption or credit outside a <figure> (`<p class="caption">`, `<div class="credit">`): not a claim.
  ['credits', /(?:^|[\s_-])(?:credit|credits|photo-?credit|image-?credit|caption|captions|photo-?caption|image-?caption|caption-?text)(?:$|[\s_-])/i],
  ['prompts', /(?:^|[\s_-])(?:newsletter|signup|sign-?up|subscribe|subscription|paywall|regwall|login|log-?in|sign-?in|signin|sign-?in-?gate|register|promo|cta|advert|advertisement|ads?|ad-?slot|ad-?unit|sponsor(?:ed)?|donate|cookie|consent|gdpr)(?:$|[\s_-])/i],
];

/** Class words of the story's furniture that the metadata holds or that labels it: kicker, byline, dateline, timestamp. */
const FURNITURE = /(?:^|[\s_-])(?:kicker|eyebrow|rubric|section-?label|byline|bylines|byline-?block|author-?bio|dateline|timestamp|published-?date|post-?meta|entry-?meta|article-?meta|reading-?time|story-?meta|meta-?bar|mw-editsection|mw-jump-link|noprint|dropdown|toolbar|button|buttons|button-?wrapper|btn|language-?(?:selector|switcher|picker)|lang-?btn|navbox|catlinks|toc|reflist|references|reference|mw-references-wrap|keywords|video-?keywords|video-?transcript|transcript-?search|video-?search|video-?desc|video-?description|video-?caption|video-?info|video-?meta|video-?player|ui-video)(?:$|[\s_-])/i;

/** Class words of blocks shown only when the page is printed. */
const PRINT_ONLY = /(?:^|[\s_-])(?:print-?only|only-?print|visible-?print|show-?for-?print|print-?footer|print-?info|print-?header|print-?url|print-?link|css-?print)(?:$|[\s_-])/i;
/** Words in a text: runs of characters between white space (a character loop: a Unicode regular expression over a whole page cost a quarter of a second). */
function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160;
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

function textOf(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Words of an element's class, id, role and label, the names sites give their page chrome. */
function chromeNames(element: Element): string {
  return [element.getAttribute('class'), element.getAttribute('id'), element.getAttribute('role'), element.getAttribute('aria-label'), element.getAttribute('data-component'), element.getAttribute('data-testid')]
    .filter(Boolean)
    .join(' ');
}

/** Whether inline CSS hides an element. */
function hiddenByStyle(element: Element): boolean {
  const style = element.getAttribute('style');
  return Boolean(style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style));
}

/** HTML elements that hold text, found inside an SVG's <title> or <foreignObject>. */
const HTML_BLOCKS = new Set(['article', 'main', 'section', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'pre', 'blockquote']);

/** The outermost descendants of an element whose tag is in `tags`. */
function outermost(root: Element, tags: Set<string>): Element[] {
  const found: Element[] = [];
  const stack = Array.from(root.children).reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (tags.has(element.tagName.toLowerCase())) found.push(element);
    else stack.push(...Array.from(element.children).reverse());
  }
  return found;
}

/** Fail the file when the page nests elements deeper than {@link MAX_HTML_DEPTH}; the walk itself does not recurse. */
function checkDomDepth(root: Node, file: VFile): void {
  const stack: Array<[Node, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_HTML_DEPTH) failHtmlTooDeep(file);
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) stack.push([child, depth + 1]);
  }
}

/**
 * Remove what reader views miss from a page's DOM, counting it by kind. The
 * largest block of paragraphs (the story) is never removed, nor anything holding it.
 */
function removePageChrome(document: Document, drops: PageDrops): Element | undefined {
  const body = document.body ?? document.documentElement;
  for (const element of Array.from(document.querySelectorAll(NEVER_TEXT))) element.remove();
  // An SVG is an icon or a chart: it goes, unless it holds HTML text (in a <title> or <foreignObject>),
  // which then stands in its place.
  for (const svg of Array.from(body.getElementsByTagName('svg'))) {
    if (!svg.isConnected) continue;
    const html = outermost(svg, HTML_BLOCKS);
    if (html.length > 0) {
      svg.replaceWith(...html);
      continue;
    }
    // linkedom keeps markup in an SVG <title> as text where browsers parse it as HTML: parse it the browsers' way.
    const markup = Array.from(svg.querySelectorAll('title, desc')).map((element) => element.textContent ?? '').find((text) => /<(?:article|main|section|div|p|h[1-6]|ul|ol)\b/i.test(text));
    if (markup) {
      const holder = document.createElement('div');
      holder.innerHTML = markup;
      svg.replaceWith(holder);
    } else svg.remove();
  }

  let leadFigure: Element | undefined;
  const remove = (element: Element, kind: keyof PageDrops) => {
    if (!element.parentNode) return;
    element.remove();
    drops[kind] += 1;
  };

  for (const element of Array.from(body.querySelectorAll('[hidden], [aria-hidden="true"], [style]'))) {
    if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' || hiddenByStyle(element)) {
      // An image hidden from screen readers is decoration, not hidden text: it goes without counting.
      if (!textOf(element)) element.remove();
      else remove(element, 'hidden');
    }
  }

  // The main story: the <article> (or body) with the most paragraph text. Teaser <article>s beside it go.
  const paragraphWords = (element: Element) => Array.from(element.getElementsByTagName('p')).reduce((sum, p) => sum + wordCount(p.textContent ?? ''), 0);
  const articles = Array.from(body.getElementsByTagName('article'));
  const bodyWords = paragraphWords(body);
  let story: Element = body;
  const teasers: Element[] = [];
  if (articles.length > 0) {
    const scored = articles.map((element) => ({ element, words: paragraphWords(element) }));
    const best = scored.reduce((a, b) => (b.words > a.words ? b : a));
    // An <article> holding less than half the page's paragraphs is a teaser too: the story is elsewhere (a <div>).
    const bestIsStory = best.words > 0 && best.words >= bodyWords / 2;
    if (bestIsStory) story = best.element;
    const threshold = bestIsStory ? best.words / 2 : bodyWords / 4;
    for (const { element, words } of scored) {
      if (bestIsStory && (element === best.element || element.contains(best.element) || best.element.contains(element))) continue;
      if (words < threshold) teasers.push(element);
    }
  }
  const storyWords = Math.max(1, paragraphWords(story));
  /** Whether removing an element would take the story, or much of it, with it (asked only of elements named as chrome). */
  const holdsStory = (element: Element) => element === story || element.contains(story) || (story.contains(element) && paragraphWords(element) > storyWords / 3);
  const inFigure = (element: Element) => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) if (parent.tagName === 'FIGURE' || parent.tagName === 'figure') return true;
    return false;
  };

  // One pass over the elements; a removed element's descendants are skipped (no longer connected).
  for (const element of Array.from(body.querySelectorAll('*'))) {
    if (!element.isConnected) continue;
    const tag = element.tagName.toLowerCase();
    if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article' || tag === 'figure' || tag === 'figcaption' || tag === 'img' || tag === 'picture') continue;
    const names = chromeNames(element);
    if (names) {
      const kind = PRINT_ONLY.test(names)
        ? 'printOnly'
        : FURNITURE.test(names) && /^(?:div|section|aside|ul|ol|nav|footer|span|p|li|dl|sup|a|table|time)$/.test(tag)
          ? 'furniture'
          : /^(?:div|section|aside|ul|ol|nav|footer|header|span|p|li|form|dl|details)$/.test(tag)
            ? CHROME_KINDS.find(([, pattern]) => pattern.test(names))?.[0]
            : undefined;
      // A caption block that holds its image (`<div class="wp-caption"><img>...`) is a figure, not a credit.
      const isFigure = kind === 'credits' && (inFigure(element) || element.getElementsByTagName('img').length > 0);
      if (kind === 'credits' && !isFigure && /caption/i.test(names)) {
        // A caption beside its image in the same block (`<img><p class="caption">`) is the image's caption.
        const image = element.parentElement?.getElementsByTagName('img')[0];
        if (image && !image.getAttribute('title')) image.setAttribute('title', textOf(element));
      }
      if (kind && !isFigure && !holdsStory(element)) {
        if (kind === 'furniture') element.remove();
        else remove(element, kind);
        continue;
      }
    }
    // Text rules look at short blocks only: a paragraph, a heading, a line; a wrapper of a few elements at most.
    const textual = /^(?:p|li|h[1-6]|span|small|cite)$/.test(tag) || (/^(?:div|aside|section|footer)$/.test(tag) && element.childElementCount <= 3);
    if (!textual) continue;
    const text = textOf(element);
    if (text.length > 400) continue;
    if (/^(?:p|div|section|aside|footer|span|small)$/.test(tag) && PRINT_FOOTER.test(text)) {
      remove(element, 'printOnly');
      continue;
    }
    // A heading that names a block of links ("Related stories", "Most read") goes with the list after it.
    if (/^h[1-6]$/.test(tag) && LINK_LABEL.test(text) && text.length < 80) {
      const next = element.nextElementSibling;
      if (next && /^(?:ul|ol|div|section)$/.test(next.tagName.toLowerCase()) && linkDensity(next) > 0.5) next.remove();
      remove(element, 'related');
      continue;
    }
    if (/^(?:p|li|div|aside)$/.test(tag) && text.length < 200 && LINK_LABEL.test(text) && (element.getElementsByTagName('a').length > 0 || text.length < 40 || /https?:\/\//.test(text))) {
      remove(element, 'related');
      continue;
    }
    if (/^(?:p|span|small|div|cite)$/.test(tag) && text.length < 140 && CREDIT.test(text) && !inFigure(element)) {
      remove(element, 'credits');
      continue;
    }
    // A paragraph that is a link and little else ("See TIME's Pictures of the Week.", "IN TEXAS: <a>Family
    // of patient quarantined</a>") points to another page: a promotion, not the story's text.
    if (tag === 'p' && text.length < 200 && isLinkLine(element, text)) remove(element, 'related');
  }
  // A parenthesised link in a paragraph that points to other coverage ("(Watch TIME's video ...)",
  // "(See photos of the flood.)") goes; the sentences around it stay.
  for (const link of Array.from(story.getElementsByTagName('a'))) {
    if (!link.isConnected || !PROMO_LINK.test(textOf(link))) continue;
    const wrapper = link.parentElement && /^(?:span|em|i|strong|b)$/i.test(link.parentElement.tagName) && textOf(link.parentElement) === textOf(link) ? link.parentElement : link;
    remove(wrapper, 'related');
  }
  // Paragraphs set wholly in italics at the story's end are an editor's note, a disclosure or the
  // author's biography ("Shovel Knight was reviewed using code provided by...", "Jane Roe is a fellow at..."),
  // not the story's claims.
  const paragraphs = Array.from(story.getElementsByTagName('p')).filter((p) => p.isConnected && textOf(p));
  for (let index = paragraphs.length - 1; index > 0 && index >= paragraphs.length - 2; index -= 1) {
    const paragraph = paragraphs[index]!;
    if (!isItalicNote(paragraph)) break;
    remove(paragraph, 'credits');
  }
  // The lead image: a figure of the story before its first paragraph. Readability, which keeps the
  // block of paragraphs, often leaves it out; a copy is kept to put back.
  const firstParagraph = story.getElementsByTagName('p')[0];
  const lead = Array.from(story.getElementsByTagName('figure')).find(
    (figure) => figure.getElementsByTagName('img').length > 0 && (!firstParagraph || (figure.compareDocumentPosition(firstParagraph) & 4) !== 0),
  );
  leadFigure = lead ? (lead.cloneNode(true) as Element) : undefined;
  // Teasers go last: an <article> inside a comment section went with it.
  for (const teaser of teasers) if (body.contains(teaser)) remove(teaser, 'teasers');
  // A heading alone in its wrapper (`<div class="mw-heading"><h2>`) stands in its place: Readability
  // would turn the wrapper into a paragraph, a heading no more.
  for (const heading of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    let wrapper = heading.parentElement;
    while (wrapper && wrapper !== body && /^(?:div|span|header|section)$/i.test(wrapper.tagName) && wrapper.children.length === 1 && textOf(wrapper) === textOf(heading)) {
      wrapper.replaceWith(heading);
      wrapper = heading.parentElement;
    }
  }
  return leadFigure;
}

/** A link's text that sends the reader to other coverage, in parentheses: "(Watch the video)", "(Read more: ...)". */
const PROMO_LINK = /^\(\s*(?:watch|see|read|listen|photos?|video|related|more|click)\b[^()]{0,160}\)\.?$/i;

/** Whether a paragraph is one link with at most a short label before or after it. */
function isLinkLine(paragraph: Element, text: string): boolean {
  const links = Array.from(paragraph.getElementsByTagName('a'));
  if (links.length !== 1) return false;
  const linked = textOf(links[0]!);
  if (linked.length < 3) return false;
  const rest = text.replace(linked, '').replace(/[\s.,:;!?()[\]"'“”‘’«»|•·–—-]+/g, ' ').trim();
  // The label around the link is a kicker ("IN TEXAS:", "Watch:") when short; a sentence with a link in it stays.
  return rest.length === 0 || (rest.length <= 24 && (/^[\p{Lu}\d\s&'’]+$/u.test(rest) || /:\s*$/.test(text.slice(0, text.indexOf(linked)).trim())));
}

/** Whether a paragraph of at most a few sentences is set wholly in italics (`<em>`/`<i>` holding all its text). */
function isItalicNote(paragraph: Element): boolean {
  const text = textOf(paragraph);
  if (text.length === 0 || text.length > 500) return false;
  const italic = Array.from(paragraph.querySelectorAll('em, i')).filter((element) => !element.parentElement?.closest('em, i')).reduce((sum, element) => sum + textOf(element).length, 0);
  return italic >= text.length * 0.9;
}

/** The share of an element's text that is link text. */
function linkDensity(element: Element): number {
  const total = textOf(element).length;
  if (total === 0) return 0;
  const linked = Array.from(element.getElementsByTagName('a')).reduce((sum, a) => sum + textOf(a).length, 0);
  return linked / total;
}

const isElement = (node: HastContent | ElementContent | HastRoot): node is HastElement => node.type === 'element';

/** Elements whose text stands apart from its neighbours' ("caption" then "Credit: ..." in two divs). */
const BLOCK_TEXT = new Set(['div', 'p', 'br', 'li', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'footer', 'blockquote', 'td', 'th']);

function hastText(node: HastRoot | HastContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) {
    const text = (node.children as Array<HastContent | ElementContent>).map(hastText).join('');
    return node.type === 'element' && BLOCK_TEXT.has(node.tagName) ? ` ${text} ` : text;
  }
  return '';
}

/**
 * Tidy Readability's article: a figure becomes an image whose title is its
 * caption and credit (the caption is not article text), a credit or "Read more"
 * line left over goes, and a heading that repeats the title goes.
 */
function tidyArticle(tree: HastRoot, metadata: PageMetadata, drops: PageDrops): void {
  const title = metadata.title;
  const visit = (parent: HastRoot | HastElement, inTable: boolean) => {
    const children: Array<HastContent | ElementContent> = [];
    for (const child of parent.children as Array<HastContent | ElementContent>) {
      if (!isElement(child)) {
        children.push(child);
        continue;
      }
      // A cell or row outside any table (a fragment, a broken page) would become an mdast table
      // cell with no table and vanish; a browser shows its text, so it is read as a block.
      if (!inTable && TABLE_PART.test(child.tagName)) child.tagName = 'div';
      // Text is looked at for short blocks only; a wrapper's text would be computed again at every level.
      const textual = /^(?:p|span|small|cite|div|h[1-3]|figcaption)$/.test(child.tagName) && (child.tagName !== 'div' || child.children.filter(isElement).length <= 3);
      const text = textual ? hastText(child).replace(/\s+/g, ' ').trim() : '';
      if (child.tagName === 'figure') {
        const image = findElement(child, (node) => node.tagName === 'img');
        const caption = findElement(child, (node) => node.tagName === 'figcaption');
        const captionText = caption ? hastText(caption).replace(/\s+/g, ' ').trim() : '';
        const pre = findElement(child, (node) => node.tagName === 'pre' || node.tagName === 'table' || node.tagName === 'blockquote');
        if (pre) {
          // A code listing, table or quote in a figure is content: keep it, its caption as a paragraph would be a claim, so drop it.
          children.push(pre);
          if (captionText) drops.credits += 1;
          continue;
        }
        if (image) {
          drops.figures += 1;
          const properties = { ...image.properties };
          if (captionText) properties.title = captionText;
          children.push({ type: 'element', tagName: 'p', properties: {}, children: [{ ...image, properties, children: [] }], position: child.position });
        } else if (captionText) drops.credits += 1;
        continue;
      }
      if (child.tagName === 'figcaption') {
        drops.credits += 1;
        continue;
      }
      if (/^(?:p|span|small|div|cite)$/.test(child.tagName) && text.length < 140 && CREDIT.test(text)) {
        drops.credits += 1;
        continue;
      }
      const pointsElsewhere = LINK_LABEL.test(text) && (text.length < 40 || findElement(child, (node) => node.tagName === 'a') !== undefined);
      if (/^(?:p|div)$/.test(child.tagName) && text.length < 200 && (pointsElsewhere || PRINT_FOOTER.test(text))) {
        drops[PRINT_FOOTER.test(text) ? 'printOnly' : 'related'] += 1;
        continue;
      }
      if (/^h[1-3]$/.test(child.tagName) && title && text.toLowerCase() === title.toLowerCase()) continue;
      // The standfirst is the subtitle in the front matter, not the first paragraph.
      if (metadata.subtitle && /^(?:p|div|h2|h3)$/.test(child.tagName) && text === metadata.subtitle) continue;
      // Only a paragraph's end can hold a credit: testing its last characters keeps the unanchored pattern linear.
      if (child.tagName === 'p' && CREDIT_TAIL.test(text.slice(-120)) && !CREDIT.test(text)) {
        // "... the harbour at dawn. Photo: Jane Roe" after an image: the sentence stays, the credit goes.
        const last = child.children.at(-1);
        if (last?.type === 'text' && CREDIT_TAIL.test(last.value.slice(-120))) {
          last.value = last.value.slice(0, -120) + last.value.slice(-120).replace(CREDIT_TAIL, '');
          drops.credits += 1;
        }
      }
      if (child.tagName !== 'pre') visit(child, inTable || child.tagName === 'table');
      children.push(child);
    }
    listGlyphParagraphs(children);
    joinBrokenParagraphs(children);
    // A heading whose section lost all its content (a references list, a link block) goes too.
    const rank = (node: HastContent | ElementContent | undefined) => (node && isElement(node) && /^h[1-6]$/.test(node.tagName) ? Number(node.tagName[1]) : 0);
    const elements = children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
    const kept = elements.filter((child, index) => {
      const own = rank(child);
      if (own === 0) return true;
      const next = elements[index + 1];
      return next !== undefined && (rank(next) === 0 || rank(next) > own);
    });
    parent.children = (kept.length === elements.length ? children : kept) as typeof parent.children;
  };
  visit(tree, false);
}

const TABLE_PART = /^(?:caption|thead|tbody|tfoot|tr|td|th)$/;

/**
 * A paragraph cut in two by something the page put inside it (an ad, a photo aside, a newsletter
 * box: `<p>Williams was turned away and</p><aside>...</aside><p>turned home that evening...`) is
 * joined again: a paragraph that starts with a lower-case letter continues one that did not end
 * its sentence.
 */
function joinBrokenParagraphs(children: Array<HastContent | ElementContent>): void {
  let previous: HastElement | undefined;
  for (let index = 0; index < children.length; index += 1) {
    const node = children[index]!;
    if (node.type === 'text' && node.value.trim() === '') continue;
    if (!isElement(node) || node.tagName !== 'p') {
      previous = undefined;
      continue;
    }
    const text = hastText(node).trim();
    const before = previous ? hastText(previous).trim() : '';
    if (previous && before && !/[.!?…:;"”’)\]]$/u.test(before) && /^\p{Ll}/u.test(text)) {
      previous.children.push({ type: 'text', value: ' ' }, ...node.children);
      children.splice(index, 1);
      index -= 1;
      continue;
    }
    previous = node;
  }
}

/** A list marker typed into a paragraph's text ("• Republicans promise..."). */
const LIST_GLYPH = /^\s*[•◦▪▫■□●○‣⁃∙]\s*/u;

/**
 * Paragraphs that begin with a typed bullet (`<p>&#8226; ...</p>`, as some sites write lists)
 * are the items of a list: a run of them becomes a `<ul>`, the glyph gone from the text.
 */
function listGlyphParagraphs(children: Array<HastContent | ElementContent>): void {
  const glyphText = (node: HastContent | ElementContent): HastText | undefined => {
    if (!isElement(node) || node.tagName !== 'p') return undefined;
    const first = node.children.find((child) => child.type !== 'text' || child.value.trim() !== '');
    return first?.type === 'text' && LIST_GLYPH.test(first.value) ? first : undefined;
  };
  for (let index = 0; index < children.length; index += 1) {
    if (!glyphText(children[index]!)) continue;
    const items: HastElement[] = [];
    let end = index;
    for (; end < children.length; end += 1) {
      const node = children[end]!;
      if (node.type === 'text' && node.value.trim() === '') continue;
      const text = glyphText(node);
      if (!text) break;
      // linkedom gives an entity its own text node (`&#8226;` then ` Fuel...`): the space after it goes too.
      text.value = text.value.replace(LIST_GLYPH, '');
      const item = node as HastElement;
      if (text.value === '') {
        const at = item.children.indexOf(text);
        item.children.splice(at, 1);
        const next = item.children[at];
        if (next?.type === 'text') next.value = next.value.trimStart();
      }
      items.push({ ...item, tagName: 'li' });
    }
    const list: HastElement = { type: 'element', tagName: 'ul', properties: {}, children: items, position: items[0]!.position };
    children.splice(index, end - index, list);
  }
}

function findElement(node: HastElement, test: (element: HastElement) => boolean): HastElement | undefined {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * Give the article's text nodes their place in the page's source: each is looked
 * for after the previous one (from the `<body>` on), by its first characters up
 * to one that the page may have written as an entity. Elements start where their
 * first placed text does. A text not found keeps no position (the paragraph's
 * or section's place stands in for it).
 */
function placeText(tree: HastRoot, source: string): void {
  const place = location(source);
  const bodyAt = source.search(/<body[\s>]/i);
  let cursor = bodyAt === -1 ? 0 : bodyAt;
  const point = (offset: number) => {
    const found = place.toPoint(offset);
    return found ? { line: found.line, column: found.column, offset } : undefined;
  };
  const walk = (node: HastRoot | HastContent | ElementContent): number | undefined => {
    if (node.type === 'text') {
      const value = node.value;
      // Quotes and entities at the start are skipped: the probe starts after them.
      const lead = value.search(/[^\s&<>"'\u00a0\u2018-\u201f]/);
      if (lead === -1) return undefined;
      // Up to the first character a page may write as an entity, or white space other than one space.
      let probe = value.slice(lead, lead + 40);
      const stop = probe.search(/[&<>"'\u00a0\u2018-\u201f\n\r\t]| {2}/);
      if (stop !== -1) probe = probe.slice(0, stop);
      probe = probe.trim();
      if (probe.length < 3) return undefined;
      const at = source.indexOf(probe, cursor);
      if (at === -1) return undefined;
      cursor = at + probe.length;
      const start = point(at - lead >= 0 && source.slice(at - lead, at) === value.slice(0, lead) ? at - lead : at);
      const end = point(Math.min(source.length, at + value.length - lead));
      if (start && end) node.position = { start, end };
      return start?.offset;
    }
    if (!('children' in node)) return undefined;
    let first: number | undefined;
    for (const child of node.children) {
      const offset = walk(child);
      if (first === undefined) first = offset;
    }
    if (node.type === 'element' && first !== undefined) {
      const start = point(first);
      if (start) node.position = { start, end: start };
    }
    return first;
  };
  walk(tree);
}

/** The number of page-chrome blocks of each kind, in words, for the build's note: "3 related-story blocks". */
function dropSummary(drops: PageDrops): string {
  const count = (n: number, one: string, many = `${one}s`) => (n === 0 ? undefined : n === 1 ? `a${/^[aeiou]/.test(one) ? 'n' : ''} ${one}` : `${n.toLocaleString('en-US')} ${many}`);
  const parts = [
    drops.teasers ? count(drops.teasers, 'teaser article') : undefined,
    count(drops.share, 'share bar'),
    count(drops.related, 'related or "Read more" block', 'related or "Read more" blocks'),
    count(drops.comments, 'comment section'),
    count(drops.prompts, 'newsletter, login or ad block', 'newsletter, login or ad blocks'),
    count(drops.hidden, 'hidden element'),
    count(drops.printOnly, 'print-only block'),
    count(drops.credits, 'photo credit or caption', 'photo credits or captions'),
  ].filter(Boolean);
  const words = `${drops.droppedWords.toLocaleString('en-US')} words of page chrome (navigation, headers, footers${parts.length > 0 ? ', ' : ''}${parts.join(', ')})`;
  const figures = drops.figures > 0 ? `; kept ${count(drops.figures, 'figure')} with ${drops.figures === 1 ? 'its caption' : 'their captions'}` : '';
  return `kept 1 article of ${drops.keptWords.toLocaleString('en-US')} words; dropped ${words}${figures}`;
}

// A `<base>` anywhere (one inside an SVG's <title> escapes the removal of page furniture) would make
// hast-util-to-mdast resolve every link and image against it, and throw on one it cannot resolve
// ("javascript:1"): the article's addresses are read as written.
const toMdast = unified().use(rehypeRemark, { handlers: { base() {} } }).freeze();

/**
 * The page as a document with an `<html>` root and all its content in `<body>`. A fragment
 * (no `<html>` element) parses in linkedom to a document whose root is its first element,
 * which Readability cannot walk: it is parsed again inside a skeleton page.
 */
function pageDocument(parseHTML: (html: string) => { document: Document }, source: string): Document {
  let document = parseHTML(source).document;
  if (document.documentElement?.tagName !== 'HTML' || !document.body) document = parseHTML(`<!doctype html><html><head></head><body>${source}</body></html>`).document;
  // What follows an early `</body>` is shown by a browser as part of the body: move it there.
  const body = document.body;
  while (body?.nextSibling) body.appendChild(body.nextSibling);
  return document;
}

/** The result of reading a page: the article as mdast (front matter first) and what the page said about it. */
export interface ReadPage {
  tree: Root;
  metadata: PageMetadata;
  drops: PageDrops;
}

/**
 * Read a saved web page (the file's value) as a reader view would: the article's
 * mdast, with a YAML node of its metadata (title, subtitle, author, date,
 * source, lang) first. Adds one note to the file saying what was kept and dropped.
 */
export function readHtmlPage(file: VFile): ReadPage {
  const source = String(file.value ?? '');
  const { parseHTML, Readability } = requireReaderLibraries();
  const document = pageDocument(parseHTML, source);
  checkDomDepth(document, file);
  const metadata = pageMetadata(document);
  const drops: PageDrops = { teasers: 0, hidden: 0, printOnly: 0, share: 0, related: 0, comments: 0, prompts: 0, credits: 0, droppedWords: 0, keptWords: 0, figures: 0 };
  for (const element of Array.from(document.querySelectorAll('script, style, noscript, template'))) element.remove();
  const body = document.body ?? document.documentElement;
  const pageWords = wordCount(body ? textOf(body) : '');
  const leadFigure = removePageChrome(document, drops);

  let content: Element | undefined;
  try {
    const result = new Readability(document as unknown as Document, { serializer: (node: Node) => node, charThreshold: 300 }).parse();
    const node = result?.content as unknown as Element | undefined;
    if (node && textOf(node).length > 0) content = node;
    // The lead image goes back at the top when Readability left it out.
    const leadSource = leadFigure?.getElementsByTagName('img')[0]?.getAttribute('src');
    if (content && leadFigure && leadSource && !Array.from(content.getElementsByTagName('img')).some((img) => img.getAttribute('src') === leadSource)) {
      const first = content.firstElementChild?.tagName.toLowerCase() === 'div' ? content.firstElementChild : content;
      first.insertBefore(leadFigure, first.firstChild);
    }
  } catch (error) {
    if (error instanceof RangeError) failHtmlTooDeep(file);
    // Readability assumes a browser's DOM; on a tree it cannot walk it throws a TypeError.
    // The page is then read whole, chrome removed, as a fragment is, and the user is told.
    if (!(error instanceof TypeError)) throw error;
    content = undefined;
    file.info('The reader view could not score this page; it was read whole, its navigation and related links removed', { place: { line: 1, column: 1 }, ruleId: 'web-page-whole', source: 'briefdeck' });
  }
  // A page too small for Readability to score (a fragment, a one-paragraph note) is read whole, chrome removed.
  const root = content ?? document.body ?? document.documentElement;
  const hast: HastRoot = { type: 'root', children: [] };
  const converted = fromDom(root as unknown as Node) as HastRoot | HastElement;
  hast.children = converted.type === 'root' ? converted.children : converted.tagName === 'html' || converted.tagName === 'body' || converted.tagName === 'div' || converted.tagName === 'article' ? converted.children : [converted];
  tidyArticle(hast, metadata, drops);
  placeText(hast, source);
  drops.keptWords = wordCount(hastText(hast));
  drops.droppedWords = Math.max(0, pageWords - drops.keptWords);

  const tree = toMdast.runSync(hast, file) as unknown as Root;
  const front: Record<string, string> = {};
  if (metadata.title && !isNotATitle(metadata.title)) front.title = metadata.title;
  if (metadata.subtitle) front.subtitle = metadata.subtitle;
  if (metadata.author) front.author = metadata.author;
  if (metadata.date) front.date = metadata.date;
  if (metadata.url) front.source = metadata.url;
  else if (metadata.siteName) front.source = metadata.siteName;
  if (metadata.lang) front.lang = metadata.lang;
  if (Object.keys(front).length > 0) {
    const yaml: Yaml = { type: 'yaml', value: JSON.stringify(front) };
    tree.children.unshift(yaml);
  }
  file.info(dropSummary(drops), { place: { line: 1, column: 1 }, ruleId: 'web-page', source: 'briefdeck' });
  return { tree, metadata, drops };
}
