/**
 * Page metadata: what a saved web page says about its article in its `<head>`
 * and structured data (Open Graph, JSON-LD, `<meta name=author>`, `<time>`,
 * `<link rel=canonical>`, `<html lang>`), read from its DOM before anything is
 * removed. Pure: a document in, plain data out.
 */

/** The article's metadata as the page gives it; every field is optional. */
export interface PageMetadata {
  /** The headline, with the site's name taken off. */
  title?: string;
  /** A standfirst or alternative headline. */
  subtitle?: string;
  /** The byline: names only, without "By". */
  author?: string;
  /** The publication date as the page gives it (ISO dates cut to the day). */
  date?: string;
  /** The site's name ("The Daily Ledger"). */
  siteName?: string;
  /** The canonical URL of the article. */
  url?: string;
  /** The page's language (BCP 47). */
  lang?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ARTICLE_TYPES = /^(?:Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|AnalysisNewsArticle|OpinionNewsArticle|ReportageNewsArticle|BackgroundNewsArticle|LiveBlogPosting|WebPage|MedicalWebPage|SocialMediaPosting|Blog)$/;

/** Every object in a JSON-LD value, `@graph` arrays and nested lists included. */
function jsonLdObjects(value: Json, out: Array<Record<string, Json>> = []): Array<Record<string, Json>> {
  if (Array.isArray(value)) for (const item of value) jsonLdObjects(item, out);
  else if (value && typeof value === 'object') {
    out.push(value);
    if (value['@graph']) jsonLdObjects(value['@graph'], out);
  }
  return out;
}

function typesOf(object: Record<string, Json>): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** Names of a JSON-LD person, organization or list of them. */
function namesOf(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (value && typeof value === 'object' && typeof value.name === 'string') return [value.name];
  return [];
}

const clean = (text: string | null | undefined): string | undefined => {
  const value = text?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
};

/** The day of an ISO timestamp ("2026-03-02T10:00:00Z" -> "2026-03-02"); other dates as they are. */
export function dayOf(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(date.trim());
  return iso ? iso[1] : clean(date);
}

/** Where a byline's names end: a date, a time, a handle, a link label or script text after them. */
const BYLINE_TAIL = new RegExp(
  [
    String.raw`\s+(?:on\s+|updated\s*:?\s*|published\s*:?\s*|posted\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$`,
    String.raw`\s+(?:on\s+)?\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b.*$`,
    String.raw`,?\s*(?:updated|published|posted)\b.*$`,
    String.raw`[\s,]+\d{1,2}:\d{2}\b.*$`,
    String.raw`[\s,]+\d{4}-\d{2}-\d{2}\b.*$`,
    String.raw`\s+@\w.*$`,
    // A job title: "Andrea Stone Senior Washington Correspondent", "DAVID LIEBERMAN, Executive Editor".
    String.raw`,?\s+(?:(?:senior|chief|staff|contributing|associate|managing|executive|deputy|special|political|national|international|foreign|investigative|science|health|business|technology|tech|sports|arts|legal|economics|white house|washington|london|europe|asia|middle east)\s+)+(?:writer|reporter|correspondent|editor|columnist|contributor|analyst|producer)s?\b.*$`,
    String.raw`,\s*(?:writer|reporter|correspondent|editor|columnist|contributor|analyst|producer)s?\b.*$`,
    String.raw`\s+(?:more (?:from|by) (?:this|the) (?:author|writer)|more stories by|view all posts|see all|follow|email|contact)\b.*$`,
    String.raw`\s*\w*\s*[=;{}<>].*$`,
  ].join('|'),
  'i',
);

/**
 * "By Jane Doe and John Roe" -> "Jane Doe and John Roe". What sites print after the
 * names goes ("Doug Stanglin, USA TODAY 8:42 p.m.", "Bryan Walsh Tuesday, Aug. 17, 2010",
 * "Rose Orlik More from this author", "Griffin McElroy @griffinmcelroy"); a byline that is
 * a URL, a domain, a date alone or empty is none.
 */
export function bylineNames(text: string | undefined): string | undefined {
  let value = clean(text?.replace(/^\s*(?:by|written by|words by|von|par|por)\s*[:\-]?\s+/i, ''));
  if (!value || /^https?:/i.test(value) || value.length > 120) return undefined;
  value = value.replace(/\s*[|·•]\s*.*$/, '').replace(/,\s*(?:staff writer|reporter|correspondent|editor)\b.*$/i, '');
  value = clean(value.replace(BYLINE_TAIL, '').replace(/[\s,;:–—-]+$/, ''));
  // "Maria Okafor, COASTAL TRIBUNE": the outlet in capitals after names that are not.
  const outlet = value && /^(.*\p{Ll}.*),\s*([^,\p{Ll}]+)$/u.exec(value);
  if (outlet && /\p{Lu}{2}/u.test(outlet[2]!)) value = outlet[1];
  // Nothing left but a date, a domain ("lefigaro.fr") or no letter at all: no byline.
  if (!value || !/\p{L}{2}/u.test(value) || /^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$/i.test(value) || /^\d/.test(value)) return undefined;
  return value;
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' • ', ' / '];

/** Words compared without case, accents, punctuation or a leading "The". */
const comparable = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * A page title without the site's name: "Headline | Ars Technica" -> "Headline".
 * The part after (or before) the last separator goes when it is the site's
 * name, or a short name-like part (a few capitalized words, a domain) beside a
 * longer headline; a title that is all headline stays whole.
 */
export function stripSiteName(title: string, siteName?: string): string {
  let text = title.replace(/\s+/g, ' ').trim();
  const site = siteName ? comparable(siteName) : '';
  for (let round = 0; round < 2; round += 1) {
    let changed = false;
    for (const separator of TITLE_SEPARATORS) {
      const at = text.lastIndexOf(separator);
      if (at > 0) {
        const head = text.slice(0, at).trim();
        const tail = text.slice(at + separator.length).trim();
        const tailIsSite = (site && (comparable(tail) === site || comparable(tail).includes(site) || site.includes(comparable(tail)))) || looksLikeSiteName(tail, head);
        if (tailIsSite && head.split(' ').length >= 2) {
          text = head;
          changed = true;
          break;
        }
      }
      const first = text.indexOf(separator);
      if (first > 0 && site) {
        const head = text.slice(0, first).trim();
        const tail = text.slice(first + separator.length).trim();
        if (comparable(head) === site && tail.split(' ').length >= 2) {
          text = tail;
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return text;
}

/** A short part of a title that names a site: a domain, or at most four words each capitalized, beside a headline at least twice as long. */
function looksLikeSiteName(part: string, headline: string): boolean {
  if (/^[\w-]+(\.[\w-]+)+$/.test(part)) return true;
  const words = part.split(/\s+/);
  if (words.length > 4 || headline.length < part.length * 2) return false;
  return words.every((word) => /^(?:[\p{Lu}\p{N}&]|of$|the$|and$|on$|for$|de$)/u.test(word));
}

/** A text that is a byline or a link label, never a title. */
export function isNotATitle(text: string): boolean {
  return /^(?:by\s+\p{Lu}|read (?:more|the full|next)|continue reading|related\b|share\b|advertisement$|skip to\b|menu$|home$|log ?in|sign ?in|subscribe\b)/iu.test(text.trim());
}

/** Metadata of a saved page, from its DOM as saved (before any cleaning). */
export function pageMetadata(document: Document): PageMetadata {
  // Every <meta> once, by property, name and itemprop (a selector per key would walk the page each time).
  const metas = new Map<string, string>();
  for (const element of Array.from(document.getElementsByTagName('meta'))) {
    const content = clean(element.getAttribute('content'));
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = element.getAttribute(attribute);
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const meta = (...keys: string[]): string | undefined => keys.map((key) => metas.get(key)).find((value) => value !== undefined);

  let ld: Record<string, Json> | undefined;
  const ldObjects: Array<Record<string, Json>> = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      ldObjects.push(...jsonLdObjects(JSON.parse(script.textContent ?? '') as Json));
    } catch {
      // A page's broken structured data is no reason to refuse the article: the other sources remain.
    }
  }
  ld = ldObjects.find((object) => typesOf(object).some((type) => ARTICLE_TYPES.test(type) && type !== 'WebPage' && type !== 'Blog')) ?? ldObjects.find((object) => typesOf(object).some((type) => ARTICLE_TYPES.test(type)));
  const ldString = (key: string) => (ld && typeof ld[key] === 'string' ? clean(ld[key] as string) : undefined);
  const ldSite = ldObjects.find((object) => typesOf(object).includes('WebSite'));

  const siteName = meta('og:site_name', 'application-name') ?? namesOf(ld?.publisher)[0] ?? (ldSite && typeof ldSite.name === 'string' ? clean(ldSite.name) : undefined);

  // The article's own h1: inside the story (an <article>, <main>, `role=main`), never the site's banner in the page header.
  const h1s = Array.from(document.getElementsByTagName('h1')).filter((h) => !/site-?title|logo|brand/i.test(h.getAttribute('class') ?? ''));
  const ancestry = (element: Element) => {
    let inStory = false;
    let inBanner = false;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const tag = parent.tagName.toLowerCase();
      if (tag === 'article' || tag === 'main' || parent.getAttribute('role') === 'main') inStory = true;
      if (parent.getAttribute('role') === 'banner' || parent.id === 'masthead' || /(?:^|\s)(?:site-header|masthead|site-title)(?:\s|$)/.test(parent.getAttribute('class') ?? '')) inBanner = true;
    }
    return { inStory, inBanner };
  };
  const ranked = h1s.map((h) => ({ h, ...ancestry(h) })).filter((entry) => !entry.inBanner);
  const storyH1 = [...ranked.filter((entry) => entry.inStory), ...ranked.filter((entry) => !entry.inStory)]
    .map((entry) => clean(entry.h.textContent))
    .find((text): text is string => Boolean(text) && !isNotATitle(text!) && (!siteName || comparable(text!) !== comparable(siteName)));
  const candidates = [meta('og:title', 'twitter:title'), ldString('headline'), ldString('name'), storyH1, clean(Array.from(document.querySelectorAll('title')).find((element) => !element.closest('svg'))?.textContent)];
  let title: string | undefined;
  for (const candidate of candidates) {
    if (!candidate || isNotATitle(candidate)) continue;
    // "Tidal power - Wikipedia" beside an h1 "Tidal power": the h1 is the headline, the rest the site.
    const withH1 = storyH1 && TITLE_SEPARATORS.some((separator) => candidate.startsWith(storyH1 + separator) || candidate.endsWith(separator + storyH1));
    title = withH1 ? storyH1! : stripSiteName(candidate, siteName);
    if (siteName && comparable(title) === comparable(siteName)) {
      title = undefined;
      continue;
    }
    break;
  }

  const bylineElement = document.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline__name, .author-name, .byline, .author');
  // Else the first short "By ..." line of the page.
  let byLine: string | undefined;
  for (const element of Array.from(document.querySelectorAll('p, div, span, address'))) {
    // Only a line's worth of markup: a wrapper's text would be read again for every element in it.
    if (element.childElementCount > 4) continue;
    const text = clean(element.textContent);
    if (text !== undefined && text.length < 120 && /^[Bb][Yy]\s+\p{Lu}/u.test(text)) {
      byLine = text;
      break;
    }
  }
  const author =
    bylineNames(namesOf(ld?.author).join(', ') || undefined) ??
    bylineNames(meta('author', 'article:author', 'parsely-author', 'sailthru.author')) ??
    bylineNames(clean(bylineElement?.textContent)) ??
    bylineNames(byLine);

  const timeElement = document.querySelector('article time[datetime], time[datetime]');
  const date = dayOf(ldString('datePublished') ?? meta('article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued', 'parsely-pub-date') ?? clean(timeElement?.getAttribute('datetime')) ?? ldString('dateCreated'));

  const canonical = clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const url = [canonical, meta('og:url'), ldString('url')].find((value) => value !== undefined && /^https?:\/\//i.test(value));

  const standfirst = clean(document.querySelector('.dek, .article-dek, .c-dek, .standfirst, [class*="standfirst"], .summary-dek, .article-subtitle, .subtitle, .sub-headline, .subheadline, [itemprop="alternativeHeadline"]')?.textContent);
  const subtitle = ldString('alternativeHeadline') ?? (standfirst && standfirst.length <= 300 && standfirst !== title ? standfirst : undefined);

  const lang = clean(document.documentElement?.getAttribute('lang')) ?? meta('og:locale')?.replace('_', '-') ?? ldString('inLanguage');

  const metadata: PageMetadata = {};
  if (title) metadata.title = title;
  if (subtitle) metadata.subtitle = subtitle;
  if (author) metadata.author = author;
  if (date) metadata.date = date;
  if (siteName) metadata.siteName = siteName;
  if (url) metadata.url = url;
  if (lang && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/i.test(lang)) metadata.lang = lang;
  return metadata;
}

/** A particle inside a personal name: "Ludwig van Beethoven", "Oscar de la Renta", "Abu Bakr al-Baghdadi". */
const NAME_PARTICLE = /^(?:van|von|de|der|den|del|della|da|di|du|la|le|bin|ibn|al|el|ter|ten|dos|das)$/;
/** A word of a personal name: "Ana", "Berg", "O'Neil", "Jean-Luc", "J.", "J.-P." (capitalised, letters only). */
const NAME_WORD = /^(?:\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu}[\p{Ll}\p{M}]*(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*(?:-\p{Lu}[\p{Ll}\p{M}]+)?)$/u;
/** Affiliation marks after a name: "Ana Ruiz¹", "Li Wen*", "Tomás Berg 2,3", "Jo Lee†". */
const AFFILIATION_MARKS = /\s*(?:[\d*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰](?:,(?=[\d¹²³⁴⁵⁶⁷⁸⁹⁰]))?)+(?=\s*(?:,|\band\b|&|$))/gu;
/** Words of headings that read like names when capitalised ("Key Findings", "Policy Options, Next Steps"). */
const HEADING_WORDS = new Set(
  ('key main findings summary executive introduction background overview context risks steps next options policy policies ' +
    'recommendations conclusions conclusion results methods method abstract contents notes table figure part chapter section ' +
    'analysis discussion implications outlook lessons questions answers issues challenges opportunities trends data sources').split(' '),
);

/** One personal name of two to five words ("Ana Ruiz", "J. R. R. Tolkien", "Ludwig van Beethoven"), or undefined. */
function personalName(part: string): string | undefined {
  const words = part.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5 || words.some((word) => HEADING_WORDS.has(word.toLowerCase()))) return undefined;
  let capitals = 0;
  for (const [at, word] of words.entries()) {
    if (NAME_WORD.test(word)) capitals += 1;
    else if (!(at > 0 && at < words.length - 1 && NAME_PARTICLE.test(word))) return undefined;
  }
  // The last word is a surname, never an initial: "Smith, J." is a citation, not a byline.
  return capitals >= 2 && !/\.$/.test(words.at(-1)!) ? words.join(' ') : undefined;
}

/**
 * A line that is only the authors' names, as papers and reports print them under the title:
 * "Ana Ruiz, Tomás Berg and Li Wen", "Ana Ruiz¹, Li Wen²*", "By Ana Ruiz & Li Wen". Returns the
 * names as written (marks dropped), or undefined when any part is not a personal name, so a
 * sentence, a place list ("Paris and Rome") or a one-word line is never taken for a byline.
 */
export function authorListNames(text: string): string | undefined {
  const byline = /^\s*by\s+/i.test(text);
  const unmarked = text.replace(/^\s*by\s+/i, '');
  const line = unmarked.replace(AFFILIATION_MARKS, '').replace(/\s+/g, ' ').trim();
  const marked = line !== unmarked.replace(/\s+/g, ' ').trim();
  if (!line || line.length > 300 || /[.!?:;]$/.test(line.replace(/\b\p{Lu}\.$/u, ''))) return undefined;
  const parts = line.split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+/);
  if (parts.length > 12) return undefined;
  const names = parts.map(personalName);
  if (names.some((name) => name === undefined)) return undefined;
  // One name alone ("Barack Obama", "New York") is a byline only when it says so: "By", or an affiliation mark.
  if (names.length === 1 && !byline && !marked) return undefined;
  return line;
}
