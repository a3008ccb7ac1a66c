/**
 * English function words: the words a sentence's similarity to another, or a
 * passage's topic, should not count. One list for the claims' scoring and the
 * storyline's cohesion.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves said says one two may might must shall').split(' '),
);

/**
 * {@link STOP_WORDS} and the common words that say nothing of where a text's topic
 * changes ("new", "like", "many"): what the storyline's cohesion leaves out.
 */
export const TOPIC_STOP_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS, ...'say new like well even much many'.split(' ')]);
