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

const TITLE_CASE_WORD = /^\p{Lu}\p{Ll}/u;
/** Longer than this, a block is read as prose rather than a headline. */
const MAX_HEADLINE_CHARS = 240;
const WORD_BEFORE = /(\p{L}[\p{L}\p{M}.'\u2019-]*)[ \t\u00A0]+$/u;
const WORD_AFTER = /^[ \t\u00A0]+(\p{L}[\p{L}\p{M}'\u2019-]*)/u;

function isNameLikeNeighbour(word: string | undefined): word is string {
  if (!word) return false;
  const bare = word.replace(/[.'\u2019]+$/u, '').replace(/['\u2019]s$/u, '');
  if (!TITLE_CASE_WORD.test(bare)) return false;
  return !TITLE_WORDS.has(bare) && !FUNCTION_WORDS.has(bare) && !PLACE_WORDS.has(bare);
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
export function adjoiningName(blockText: string, start: number, end: number): string | null {
  const surface = blockText.slice(start, end);
  const before = WORD_BEFORE.exec(blockText.slice(Math.max(0, start - 40), start))?.[1];
  if (isNameLikeNeighbour(before) && !/[.'\u2019]$/u.test(before)) return `${before} ${surface}`;
  const rest = blockText.slice(end, end + 40);
  if (/^['\u2019]s\b/u.test(rest)) return null; // a possessive closes the name
  const after = WORD_AFTER.exec(rest)?.[1];
  if (isNameLikeNeighbour(after)) return `${surface} ${after}`;
  return null;
}
