/** A reporting credit is the newsroom's, not the story's: never a claim, wherever the article puts it. */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { indexArticle, keyPoints } from '../../src/claims/claims.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';

describe('reporting credits', () => {
  it.each([
    "The Network's Dana Reyes contributed to this report from Lisbon.",
    "The Network's Dana Reyes and Omar Haddad contributed to this story.",
    'Staff writer Dana Reyes also contributed reporting to this article.',
    'Reporting by Dana Reyes; editing by Omar Haddad.',
    'Additional reporting by Dana Reyes in Lisbon.',
    "Journalist Dana Reyes reported from Lisbon, and The Network's Omar Haddad wrote this story from Atlanta.",
    'Dana Reyes reported from Porto Alegre, Brazil, and Omar Haddad reported and wrote from Hong Kong.',
    "The Network's Omar Haddad wrote and reported from London.",
    "Editor's Note: Each week, City Desk looks at the budgets shaping the region.",
  ])('never makes %j a key point', (credit) => {
    const text = `City council votes to cut bus fares\n\nThe city council voted on Tuesday to cut bus fares by a third from June. The cut will cost the city $12 million a year, officials said. ${credit}\n`;
    const article = articleFromFile(new VFile({ path: 'story.txt', value: text }), 'txt');
    const claims = keyPoints(article, 3, indexArticle(article));
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.map((claim) => claim.sentence.text)).not.toContain(credit);
  });

  it('keeps a sentence that tells what someone wrote from somewhere', () => {
    const claim = 'The mayor wrote from prison that the fare cut would ruin the city.';
    const text = `City council votes to cut bus fares\n\nThe city council voted on Tuesday to cut bus fares by a third from June. ${claim} Dana Reyes reported from Lisbon.\n`;
    const article = articleFromFile(new VFile({ path: 'story.txt', value: text }), 'txt');
    const chosen = keyPoints(article, 3, indexArticle(article)).map((point) => point.sentence.text);
    expect(chosen).toContain(claim);
    expect(chosen).not.toContain('Dana Reyes reported from Lisbon.');
  });
});
