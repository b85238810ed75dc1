/**
 * Local evidence around a short name: is this "Sharif" a surname standing alone, or part of another person's name
 * ("Haris Sharif", "Munir Qadri", "Ravi United")? News style gives people their full name at first mention, so a
 * capitalised word glued to a short name is usually the rest of someone else's name — unless it is a title
 * ("Prime Minister Sharif"), a function word at the start of a sentence ("But Sharif…"), or a country.
 */

/** Titles and offices that may stand right before a surname without being part of the name. */
const TITLE_WORDS = new Set(
  `Mr Mrs Ms Miss Dr Prof Professor Sir Dame Shri Sri Smt Janab Sheikh Sahib Begum Mian Hazrat Maulana
  President Vice Prime Minister Ministers PM EAM FM CM LG NSA DGMO DG ISPR Secretary Spokesperson Spokesman
  Spokeswoman General Gen Lieutenant Lt Colonel Col Major Maj Brigadier Brig Field Marshal Air Chief Admiral Commander
  Wing Squadron Captain Capt Justice Senator Sen Rep Representative Governor Gov Ambassador Envoy Adviser Advisor
  Chairman Chairperson Chair Speaker Deputy Foreign Defence Defense Home Interior External Affairs Finance Army Navy
  Premier Leader Director Principal Special Counsellor Counselor High Commissioner Mayor Chancellor King Queen
  Prince Princess Saint St Lord Lady Officer Inspector Superintendent Police Vice-President Secretary-General`.split(
    /\s+/,
  ),
);

/** Capitalised words that start sentences or clauses and are not names. */
const FUNCTION_WORDS = new Set(
  `The A An And But Or Nor So Yet For When While Whereas As If Then Than Meanwhile Also Both Either Neither Later
  Earlier Today Tonight Yesterday Tomorrow Now Still Even Only Just Since After Before Until Under Over On In At By
  From To With Without Within Into Of About Against Between Among Through During Per Via Like Unlike Despite
  Although Though Because Once Where Why How What Who Whom Whose Which That This These Those It Its He His She Her
  They Their Them We Our Us You Your I My Me Mine Not No Yes Here There Asked Said Says Told Tells Added Adds Noted
  Quoted Wrote Writes Reported According Sources Officials Meeting Speaking Calling Replying Responding Thanked
  Urged Welcomed Praised Criticised Criticized Did Does Do Has Have Had Is Are Was Were Will Would Can Could Should
  Shall May Might Must Whether Every Each All Some Many Most Several Neither Unlike Indeed However Moreover Instead
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August September
  October November December Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec`.split(/\s+/),
);

/**
 * Countries, demonyms and capitals that sit next to a leader's name without being part of it ("Pakistan Sharif
 * said", "Modi Delhi visit"). Single words only: "United" or "New" next to a short name is usually the rest of
 * another proper name ("Ravi United", "New Modi Stores").
 */
const PLACE_WORDS = new Set(
  `India Indian Indians Pakistan Pakistani Pakistanis US USA America American Americans UK British Britain China
  Chinese Russia Russian Washington Delhi Islamabad Kashmir Kashmiri Afghan Afghanistan Iran Iranian`.split(/\s+/),
);

/** Longer than this, a block is read as prose rather than a headline. */
const MAX_HEADLINE_CHARS = 240;
/** Titles are at most this many words long ("Chief of Army Staff" reads as three title words and a small one). */
const MAX_TITLE_WORDS = 4;
/** How far from a short name to look for the word glued to it. */
const NEIGHBOUR_WINDOW = 40;

function isLetter(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return /[\p{L}\p{M}]/u.test(char);
}

/** Spaces that keep two words in one name: a plain or non-breaking space, or a tab. */
function isNameSpace(char: string): boolean {
  return char === ' ' || char === '\u00a0' || char === '\t';
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}

function isNameLikeNeighbour(word: string): boolean {
  if (!isCapitalised(word)) return false;
  return !TITLE_WORDS.has(word) && !FUNCTION_WORDS.has(word) && !PLACE_WORDS.has(word);
}

/** The word right before `start`, separated only by name spaces; null if punctuation intervenes. */
function wordBefore(text: string, start: number): string | null {
  let at = start;
  const limit = Math.max(0, start - NEIGHBOUR_WINDOW);
  if (at === 0 || !isNameSpace(text[at - 1])) return null;
  while (at > limit && isNameSpace(text[at - 1])) at--;
  const end = at;
  while (at > limit && (isLetter(text[at - 1]) || text[at - 1] === '-')) at--;
  // "Gen. Munir", "Pakistan’s Sharif": an abbreviation or a possessive ends the previous name.
  if (at === end) return null;
  return text.slice(at, end);
}

/** The word right after `end`, separated only by name spaces; null after a possessive or punctuation. */
function wordAfter(text: string, end: number): string | null {
  let at = end;
  const limit = Math.min(text.length, end + NEIGHBOUR_WINDOW);
  if (at >= text.length || !isNameSpace(text[at])) return null;
  while (at < limit && isNameSpace(text[at])) at++;
  const start = at;
  while (at < limit && (isLetter(text[at]) || text[at] === '-')) at++;
  return at > start ? text.slice(start, at) : null;
}

/**
 * A headline or kicker in title case ("Rubio Offers Support to India") capitalises every word, so a capital
 * neighbour says nothing there.
 */
export function looksLikeTitleCase(text: string): boolean {
  // Headlines, kickers and subheads are short; a long block is prose, whatever its capitals.
  if (text.length > MAX_HEADLINE_CHARS) return false;
  const words = text.match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3 || words.length > 24) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.75;
}

/**
 * The other person's (or thing's) name that a short name is glued to, if any: "Tariq Dar" for the "Dar" in
 * "…said Tariq Dar, a transporter", "Munir Qadri" for "Munir Qadri", "Ravi United" for "Ravi United".
 */
/**
 * The title words right before a name, nearest last: ["wing", "commander"] for "Wing Commander Singh",
 * ["defence", "minister"] for "Defence Minister Singh". Empty when no title precedes it.
 */
export function titleWordsBefore(blockText: string, start: number): string[] {
  const words: string[] = [];
  let at = start;
  for (let n = 0; n < MAX_TITLE_WORDS && at > 0 && isNameSpace(blockText[at - 1]); n++) {
    while (at > 0 && isNameSpace(blockText[at - 1])) at--;
    const end = blockText[at - 1] === '.' ? at - 1 : at; // "Gen. Munir"
    let from = end;
    while (from > 0 && (isLetter(blockText[from - 1]) || blockText[from - 1] === '-')) from--;
    const word = blockText.slice(from, end);
    if (!TITLE_WORDS.has(word)) break;
    words.unshift(word.toLowerCase());
    at = from;
  }
  return words;
}

export function adjoiningName(blockText: string, start: number, end: number): string | null {
  const surface = blockText.slice(start, end);
  const before = wordBefore(blockText, start);
  if (before && isNameLikeNeighbour(before)) return `${before} ${surface}`;
  const after = wordAfter(blockText, end);
  if (after && isNameLikeNeighbour(after)) return `${surface} ${after}`;
  return null;
}
