/**
 * Cuts that lose the claim, seen on real saved news pages: a bullet may be whole and long, never
 * broken ("..., Duncan." with the main verb gone; "upgrades, equipment." with the list cut short;
 * "he had worked." without what he worked as; a gerund subject cut off before its verb).
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { indexArticle } from '../../src/claims/claims.ts';
import { compressClaim } from '../../src/claims/compress.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';

/** Each sentence, and a rule its bullet must keep at every length: if it keeps `when`, it keeps `then`. */
const cases: Array<{ sentence: string; when: RegExp; then: RegExp }> = [
  {
    sentence: 'On Monday, days before she left Ghana for Canada, Ama Mensah -- a nurse from Accra -- helped carry a neighbour into a taxi after the ambulance failed to come, the paper reports.',
    when: /Ama Mensah/,
    then: /helped carry/,
  },
  {
    sentence: "There are dozens of upgrades, tools and spells to buy from the shops in the game's world, but you will earn enough gold to buy all of them.",
    when: /tools/,
    then: /spells/,
  },
  {
    sentence: 'Finding a way through a screen of flying enemies, sharp spikes and deep pits is endlessly rewarding, because you will do it a lot.',
    when: /^Finding/,
    then: /\bis\b/,
  },
  {
    sentence: 'Until he lost his job in September, he had worked as a driver for the manager of a shipping firm in the capital.',
    when: /had worked/,
    then: /as a driver/,
  },
  {
    // The subject of a reported clause kept, its verb (after an aside) dropped: "... says the two men."
    sentence: 'The local paper Il Giornale says the two men, aged 30 and 34, were seen painting the walls of the old church by other visitors, who then called the police.',
    when: /says the two men/,
    then: /were seen/,
  },
  // A verb whose object needs its phrase: "traced most of the failures." and "described the talks." say nothing.
  {
    sentence: 'Investigators traced most of the power failures to three old transmission corridors that link the coastal cities to inland plants.',
    when: /traced/,
    then: /to three old transmission corridors/,
  },
  {
    sentence: 'A senior defence official blamed the civilian deaths on the rebels, who he said had fired from rooftops in the old town.',
    when: /blamed/,
    then: /on the rebels/,
  },
  {
    sentence: 'The foreign minister described the talks as tough but useful, adding that a second round would begin in Geneva next month.',
    when: /described the talks/,
    then: /as tough/,
  },
  {
    sentence: 'A judge in the capital sentenced the former mayor to twelve years in prison on Friday after a trial that lasted more than a year.',
    when: /sentenced/,
    then: /to twelve years/,
  },
  // "tied" and "tie" have different Porter stems; and the infinitive's "to" ("plan to keep") is not the one "tie" needs.
  {
    sentence: "At the committee hearing on Tuesday, Senator Ana Ruiz openly tied the ministry's plan to keep the report away from parliament to a wider pattern of secrecy.",
    when: /tied the ministry's plan/,
    then: /to a wider pattern/,
  },
  // The tagger reads "modelling traces" as two nouns, and "expected lost" as verbs: the verb is found again.
  {
    sentence: "The agency's modelling traces 58% of expected lost output to two pipelines that link the northern fields to the coast.",
    when: /traces/,
    then: /to two pipelines/,
  },
  // A bullet needs a finite verb: "Echo" in a paper's name is none ("Regional daily, The Harbour Echo.").
  {
    sentence: 'Regional daily, The Harbour Echo, which noted that the mayor grew up nearby, printed a page of letters from readers who called the plan "a waste of money" and "a joke."',
    when: /Echo/,
    then: /printed/,
  },
  // A clause does not end on a verb whose object it shares with the next one ("... watched the council invent.").
  {
    sentence: 'In recent weeks, we have watched the city council invent, then inflame, a budget dispute by refusing to pass the annual spending plan.',
    when: /invent/,
    then: /a budget dispute/,
  },
  {
    sentence: 'Over the past month, the two unions have seen the board approve, then expand, a pay freeze for every worker at the port.',
    when: /approve/,
    then: /a pay freeze/,
  },
  // No bullet opens on an auxiliary when it asks nothing: "So did ..." keeps its "So".
  {
    sentence: 'So did the hopes of the 40 traders who ran stalls on the old pier -- a loss the mayor called "total."',
    when: /did the hopes/i,
    then: /^So did/,
  },
  {
    sentence: 'And so did the early frost that followed the flood in the north of the province, the farmers said.',
    when: /did the early frost/i,
    then: /^So did/,
  },
  // An absolute "with" phrase goes whole, or stays whole: never "..., with 300 growers." nor "with four times."
  {
    sentence: "The long drought has badly hurt the region's farms, with 300 growers in the valley now selling their land to developers from the city.",
    when: /with 300/,
    then: /selling/,
  },
  {
    sentence: 'India is about one-third the size of the continental United States, with four times as many people living within its borders today.',
    when: /with four times/,
    then: /as many people/,
  },
  // A verb whose object is followed by the infinitive that says what it does: "ordered two agencies." says nothing.
  {
    sentence: 'The governor has condemned the attack on the clinic and ordered two state agencies to review security at every hospital in the region.',
    when: /ordered two state agencies/,
    then: /to review/,
  },
  // A partitive "Of the ..." needs the clause after its comma.
  {
    sentence: 'Of the 4.2 million voters registered in the province, the electoral commission, fewer than 40% cast a ballot in the last election.',
    when: /^Of the/,
    then: /cast a ballot/,
  },
  // A quotation the sentence leaves open (it goes on in the next sentence) is no bullet's end: no '... memo: "Wonderful!'.
  {
    sentence: 'When ticket sales passed $3 million in 2019, the festival director replied to the board in a short memo: "Wonderful!',
    when: /memo/,
    then: /^[^"]*$/,
  },
];

const article = articleFromFile(new VFile({ value: `# Cuts\n\n${cases.map((c) => c.sentence).join('\n\n')}\n`, path: 'cuts.md' }), 'md');
const index = indexArticle(article);

describe('cuts that would break a claim', () => {
  it.each(cases.map((c) => [c.sentence.slice(0, 50), c] as const))('should keep the claim of "%s..." at every length', (_name, { sentence, when, then }) => {
    for (let limit = 6; limit <= 20; limit += 1) {
      for (const text of [compressClaim(sentence, limit).text, compressClaim(sentence, limit, index.importance, limit, index.tagger).text]) {
        if (when.test(text)) expect(text, `limit ${limit}`).toMatch(then);
      }
    }
  });

  it('should end a bullet cut after an abbreviation with its period alone', () => {
    const sentence = 'After a long run in Britain, the band is bringing its world tour to the U.S. for the first time in a decade, its label said on Monday.';
    for (let limit = 8; limit <= 20; limit += 1) {
      for (const text of [compressClaim(sentence, limit).text, compressClaim(sentence, limit, index.importance, limit, index.tagger).text]) expect(text).not.toMatch(/U\.S\.\.$/);
    }
  });

  it("should keep an imperative's opening \"Don't\" when a marker before it goes", () => {
    const text = compressClaim("But don't try to use the old bridge after dark, when the lights are off.", 8).text;
    expect(text).toMatch(/^Don't try/);
  });

  it('should keep a whole quotation that opens a clause, and a sentence left with no clean cut whole', () => {
    const sentence = 'The minister told reporters on Monday: "We will take this case to every court in the land.';
    for (let limit = 6; limit <= 20; limit += 1) expect(compressClaim(sentence, limit).text).toMatch(/We will take this case/);
  });

  it('should drop a descriptor set before a name, and an appositive ending the sentence, as asides', () => {
    const descriptor = compressClaim('Regional newspaper, The Harbour Echo, which noted that the mayor grew up nearby, printed a page of letters from readers across the county.', 12).text;
    expect(descriptor).toMatch(/^The Harbour Echo printed/);
    const appositive = compressClaim('The award for the best new play of the year went on Sunday night to Jane Okafor, a nurse from the northern city of Leeds.', 17).text;
    expect(appositive).toMatch(/to Jane Okafor\.$/);
  });

  it('should drop a source\'s lead-in before a quantity that opens the subject', () => {
    const text = compressClaim('According to the health ministry, at least 120 patients were treated for smoke inhalation in the capital on Sunday.', 12).text;
    expect(text).toMatch(/^At least 120 patients were treated/);
  });

  it('should still cut a sentence whose cut keeps its claim', () => {
    const text = compressClaim('The council approved the budget on Tuesday after a long debate that ran past midnight, officials said.', 10, index.importance, 10, index.tagger).text;
    expect(text.split(/\s+/).length).toBeLessThanOrEqual(10);
    expect(text).toMatch(/^The council approved the budget/);
  });
});
