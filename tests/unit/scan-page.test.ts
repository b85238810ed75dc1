import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/match/matcher';
import { scanPage } from '../../src/match/scan-page';
import { TEST_ALIASES } from './engine-fixtures';

const matcher = compileMatcher(TEST_ALIASES);

/** Mentions as "entity:surface" strings, in page order. */
function found(...blocks: string[]): string[] {
  return scanPage(matcher, blocks).mentions.map((m) => `${m.entityId}:${m.surface}`);
}

/** Context for the domain: two entities named in full. */
const DOMAIN = 'After the Pahalgam attack, Marco Rubio spoke to S Jaishankar.';

describe('whole words', () => {
  it('finds a name only as a whole word', () => {
    expect(found('Attari and Wagah')).toEqual(['attari:Attari', 'wagah:Wagah']);
    expect(found('Attarisation of Wagahs')).toEqual([]);
  });

  it('finds names next to punctuation and dashes', () => {
    expect(found('(Attari–Wagah)')).toEqual(['attari:Attari', 'wagah:Wagah']);
  });

  it('finds a name followed by a footnote mark in superscript or subscript characters', () => {
    expect(found('Attari¹ and Wagah²³, then Attari₁')).toEqual(['attari:Attari', 'wagah:Wagah', 'attari:Attari']);
    // A digit is still part of a word.
    expect(found('Attari1 and 2Wagah')).toEqual([]);
  });

  it('does not match inside a longer acronym or a plural acronym', () => {
    expect(found(DOMAIN, 'the kLOC count', 'two LoCs')).toEqual([
      '2025-pahalgam-attack:Pahalgam attack',
      'marco-rubio:Marco Rubio',
      's-jaishankar:S Jaishankar',
    ]);
  });
});

describe('letter case', () => {
  it('keeps acronyms case-sensitive: LoC is not "loc"', () => {
    expect(found(DOMAIN, 'var loc = 1; the Loc')).not.toContainEqual(expect.stringContaining('line-of-control'));
    expect(found(DOMAIN, 'firing along the LoC')).toContain('line-of-control:LoC');
  });

  it('accepts a name typed in capitals, as in datelines and kickers', () => {
    expect(found('PAHALGAM — Tourists returned')).toEqual(['pahalgam:PAHALGAM']);
    expect(found(DOMAIN, 'OPERATION SINDOOR: LOC SHELLING')).toEqual(expect.arrayContaining(['operation-sindoor:OPERATION SINDOOR', 'line-of-control:LOC']));
  });

  it('does not accept other capitalisations of a case-sensitive name', () => {
    expect(found('pahalgam and PaHaLgAm')).toEqual([]);
    expect(found(DOMAIN, 'the Let sample')).not.toContainEqual(expect.stringContaining('lashkar'));
  });

  it('matches case-insensitive phrases in any case', () => {
    expect(found('troops on the line of control')).toEqual(['line-of-control:line of control']);
  });
});

describe('possessives and spelling', () => {
  it('finds possessives with straight and curly apostrophes', () => {
    expect(found("Marco Rubio's call", 'Marco Rubio\u2019s call')).toEqual(['marco-rubio:Marco Rubio', 'marco-rubio:Marco Rubio']);
    expect(found('Marco Rubio met them.', "Rubio's aides")).toEqual(['marco-rubio:Marco Rubio', 'marco-rubio:Rubio']);
  });

  it('finds names with non-breaking spaces, soft hyphens and diacritics, reporting the page text', () => {
    expect(found('Shehbaz\u00a0Sharif and Shahbāz Sharīf', 'Pahal\u00adgam', 'António Guterres')).toEqual([
      'shehbaz-sharif:Shehbaz\u00a0Sharif',
      'shehbaz-sharif:Shahbāz Sharīf',
      'pahalgam:Pahal\u00adgam',
      'antonio-guterres:António Guterres',
    ]);
  });
});

describe('longest match wins', () => {
  it('takes "Jammu and Kashmir" as one place, not Kashmir inside it', () => {
    expect(found(DOMAIN, 'in Jammu and Kashmir today')).toContain('jammu-and-kashmir-union-territory:Jammu and Kashmir');
    expect(found(DOMAIN, 'in Jammu and Kashmir today')).not.toContain('kashmir:Kashmir');
  });

  it('takes "Pahalgam attack" as the event, not the town inside it', () => {
    expect(found('the Pahalgam terror attack shocked Pahalgam')).toEqual([
      '2025-pahalgam-attack:Pahalgam terror attack',
      'pahalgam:Pahalgam',
    ]);
  });

  it('never reads the Line of Actual Control as the Line of Control', () => {
    expect(found(DOMAIN, 'the Line of Actual Control and the Line of Control')).toEqual(
      expect.arrayContaining(['line-of-actual-control:Line of Actual Control', 'line-of-control:Line of Control']),
    );
    expect(found(DOMAIN, 'the Line of Actual Control').filter((m) => m.startsWith('line-of-control'))).toEqual([]);
  });

  it('does not match across a hard break', () => {
    expect(found('Jammu and\u2029Kashmir')).toEqual([]);
  });
});

describe('context', () => {
  it('annotates a bare surname only when the page names the person in full', () => {
    expect(found('Rubio said so.')).toEqual([]);
    expect(found('Marco Rubio called.', 'Rubio said so.')).toEqual(['marco-rubio:Marco Rubio', 'marco-rubio:Rubio']);
  });

  it('leaves a surname shared by two people named on the page unexplained', () => {
    const result = scanPage(matcher, ['Shehbaz Sharif and his brother Nawaz Sharif met.', 'Sharif then left.'], { explain: true });
    expect(result.mentions.map((m) => m.surface)).toEqual(['Shehbaz Sharif', 'Nawaz Sharif']);
    expect(result.decisions.find((d) => d.surface === 'Sharif')?.reason).toMatch(/ambiguous/);
  });

  it('drops a surname that is part of someone else\u2019s name, and its other bare uses on that page', () => {
    const result = scanPage(matcher, ['Ishaq Dar spoke in Islamabad.', 'A driver, Tariq Dar, waited.', 'Dar said the road was shut.'], { explain: true });
    expect(result.mentions.map((m) => m.surface)).toEqual(['Ishaq Dar']);
    expect(result.decisions.map((d) => d.reason)).toEqual([
      'named in full',
      'part of another name: "Tariq Dar"',
      'the page also uses "Dar" for "Tariq Dar"',
    ]);
  });

  it('keeps a surname after a title or at the start of a sentence', () => {
    expect(found('Shehbaz Sharif spoke.', 'Prime Minister Sharif agreed. But Sharif warned.')).toEqual([
      'shehbaz-sharif:Shehbaz Sharif',
      'shehbaz-sharif:Sharif',
      'shehbaz-sharif:Sharif',
    ]);
  });

  it('ignores capitalised neighbours in title-case headlines', () => {
    expect(found('Marco Rubio called.', 'Rubio Offers Support to India, Urges Restraint')).toEqual([
      'marco-rubio:Marco Rubio',
      'marco-rubio:Rubio',
    ]);
  });

  it('annotates domain acronyms and short names only on pages about the domain', () => {
    expect(found('We count LoC per module; Modi wrote the tests.')).toEqual([]);
    expect(found(DOMAIN, 'Shelling along the LoC; PM Modi met officials.')).toEqual(
      expect.arrayContaining(['line-of-control:LoC', 'narendra-modi:Modi']),
    );
  });

  it('drops a domain short name glued to another name, even on a page about the domain', () => {
    expect(found(DOMAIN, 'The tycoon Lalit Modi was not there.')).not.toContain('narendra-modi:Modi');
  });

  it('drops a short place name that is the start of another proper name', () => {
    const aliases = [...TEST_ALIASES, { entityId: 'ravi-river', entityType: 'place', text: 'Ravi', caseInsensitive: false, context: 'domain' as const }];
    const result = scanPage(compileMatcher(aliases), [DOMAIN, 'Ravi United won 2–1.', 'The Ravi flows past Lahore.'], { explain: true });
    expect(result.mentions.map((m) => m.entityId)).not.toContain('ravi-river');
    expect(result.decisions.find((d) => d.surface === 'Ravi')?.reason).toBe('part of another name: "Ravi United"');
  });

  it('does not link the word sindoor or a bare Sindoor without the operation on the page', () => {
    expect(found(DOMAIN, 'She wore sindoor. Sindoor Khela is a ritual.')).not.toContainEqual(expect.stringContaining('operation-sindoor'));
  });

  it('explains every decision', () => {
    const { decisions } = scanPage(matcher, ['We count LoC per module.'], { explain: true });
    expect(decisions).toEqual([
      expect.objectContaining({ surface: 'LoC', kept: null, reason: expect.stringMatching(/not about/) }),
    ]);
  });
});

describe('titles and cue words', () => {
  const people = [
    ...TEST_ALIASES,
    { entityId: 'rajnath-singh', entityType: 'person', text: 'Rajnath Singh', caseInsensitive: false, context: null },
    { entityId: 'rajnath-singh', entityType: 'person', text: 'Singh', caseInsensitive: false, context: 'entity' as const, roleWords: ['minister', 'defence'] },
    { entityId: 'vyomika-singh', entityType: 'person', text: 'Vyomika Singh', caseInsensitive: false, context: null },
    { entityId: 'vyomika-singh', entityType: 'person', text: 'Singh', caseInsensitive: false, context: 'entity' as const, roleWords: ['wing', 'commander', 'indian', 'air', 'force'] },
  ];
  const titled = compileMatcher(people);

  it('resolves a surname two people on the page share by the title in front of it', () => {
    const result = scanPage(titled, ['Rajnath Singh and Vyomika Singh spoke.', 'Wing Commander Singh showed images; Defence Minister Singh praised the forces. Mr Singh left.'], { explain: true });
    expect(result.mentions.map((m) => m.entityId)).toEqual(['rajnath-singh', 'vyomika-singh', 'vyomika-singh', 'rajnath-singh']);
    expect(result.decisions.map((d) => d.reason).slice(2)).toEqual([
      'the title "wing commander" fits vyomika-singh',
      'the title "defence minister" fits rajnath-singh',
      'ambiguous between rajnath-singh and vyomika-singh',
    ]);
  });

  const withCues = compileMatcher([
    ...TEST_ALIASES,
    ...['ceasefire', 'shelling', 'militants'].map((text) => ({ entityId: `cue:${text}`, entityType: 'cue', text, caseInsensitive: true, context: null, cue: true })),
    { entityId: 'indian-army', entityType: 'organization', text: 'Indian Army', caseInsensitive: false, context: null },
  ]);

  it('treats a page naming one entity as about the subject when it also uses two cue words', () => {
    const brief = ['The Indian Army reported shelling along the LoC overnight.', 'Ceasefire talks stalled as the LoC stayed tense.'];
    const result = scanPage(withCues, brief);
    expect(result.cues.sort()).toEqual(['ceasefire', 'shelling']);
    expect(result.inDomain).toBe(true);
    expect(result.mentions.map((m) => m.surface)).toEqual(['Indian Army', 'LoC', 'LoC']);
  });

  it('needs two different cue words, and never reports cue words as mentions', () => {
    const result = scanPage(withCues, ['The Indian Army band played; the LoC count rose.', 'Shelling peas, shelling beans.']);
    expect(result.inDomain).toBe(false);
    expect(result.mentions.map((m) => m.surface)).toEqual(['Indian Army']);
  });
});

describe('overlapping cue words', () => {
  it('count once: the longest cue claims the shorter one inside it', () => {
    const cueMatcher = compileMatcher([
      ...TEST_ALIASES,
      ...['ceasefire', 'ceasefire violation'].map((text) => ({ entityId: `cue:${text}`, entityType: 'cue', text, caseInsensitive: true, context: null, cue: true })),
    ]);
    expect(scanPage(cueMatcher, ['Marco Rubio noted a ceasefire violation.']).cues).toEqual(['ceasefire violation']);
  });
});
