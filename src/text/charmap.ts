/**
 * Character tables for normalisation, as data (after CAMeL Tools' CharMapper): each entry maps a
 * code point or range to a replacement, or to '' to delete it. Two levels:
 *  - DISPLAY: what `normalized` shows and what recognisers read. Removes marks that carry no
 *    letters (harakat, tatweel, zero-width and bidi controls), unifies spaces, digits, quotes and
 *    Persian/Urdu letter forms. Keeps hamza seats, ta marbuta and alef maqsura as written.
 *  - KEY: a 1:1 folding of the display text for matching: alef variants, ya/alef maqsura,
 *    ta marbuta/ha, hamza seats on waw and ya, ASCII case. Same length as the display text.
 */

type Mapping = readonly [from: number, to: number, replacement: string];

const DELETE = '';

/** Code points removed from the display view. */
export const DELETED_RANGES: readonly Mapping[] = [
  [0x064b, 0x065f, DELETE], // harakat, tanween, shadda, sukun, hamza/madda marks
  [0x0670, 0x0670, DELETE], // superscript (dagger) alef
  [0x0640, 0x0640, DELETE], // tatweel
  [0x06d6, 0x06ed, DELETE], // Quranic annotation marks
  [0x0610, 0x061a, DELETE], // honorific and Quranic small signs
  [0x061c, 0x061c, DELETE], // Arabic letter mark
  [0x00ad, 0x00ad, DELETE], // soft hyphen
  [0x200b, 0x200f, DELETE], // zero-width space/joiners, LRM, RLM
  [0x202a, 0x202e, DELETE], // bidi embeddings and overrides
  [0x2060, 0x2064, DELETE], // word joiner, invisible operators
  [0x2066, 0x2069, DELETE], // bidi isolates
  [0xfeff, 0xfeff, DELETE], // BOM / zero-width no-break space
];

/** Code points replaced in the display view. */
export const DISPLAY_REPLACEMENTS: readonly Mapping[] = [
  [0x0009, 0x0009, ' '],
  [0x000b, 0x000c, ' '],
  [0x00a0, 0x00a0, ' '], // NBSP
  [0x1680, 0x1680, ' '],
  [0x2000, 0x200a, ' '], // en/em/thin/hair spaces
  [0x2028, 0x2029, '\n'],
  [0x202f, 0x202f, ' '],
  [0x205f, 0x205f, ' '],
  [0x3000, 0x3000, ' '],
  [0x0085, 0x0085, '\n'],
  [0x201c, 0x201f, '"'], // typographic double quotes
  [0x00ab, 0x00ab, '"'], // «
  [0x00bb, 0x00bb, '"'], // »
  [0x2018, 0x201b, "'"], // typographic single quotes
  [0x2032, 0x2033, "'"],
  [0x2010, 0x2015, '-'], // hyphens and dashes
  [0x2212, 0x2212, '-'],
  [0x066b, 0x066b, '.'], // Arabic decimal separator
  [0x066c, 0x066c, ','], // Arabic thousands separator
  [0x06a9, 0x06a9, 'ك'], // Persian keheh
  [0x06aa, 0x06aa, 'ك'],
  [0x06cc, 0x06cc, 'ي'], // Farsi yeh
  [0x06d2, 0x06d2, 'ي'], // Urdu yeh barree
  [0x06c0, 0x06c0, 'ه'], // heh with yeh above
  [0x06c1, 0x06c1, 'ه'], // heh goal
  [0x06be, 0x06be, 'ه'], // heh doachashmee
  [0x06d5, 0x06d5, 'ه'], // ae
  [0x06c3, 0x06c3, 'ة'], // ta marbuta goal
];

/** Arabic-Indic (U+0660) and Eastern Arabic-Indic (U+06F0) digits become ASCII. */
export const DIGIT_BLOCKS: readonly number[] = [0x0660, 0x06f0];

/** 1:1 folding from display text to match key. */
export const KEY_FOLDS: Readonly<Record<string, string>> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ٲ': 'ا',
  'ٳ': 'ا',
  'ى': 'ي',
  'ئ': 'ي',
  'ؤ': 'و',
  'ة': 'ه',
};

/** Arabic presentation forms are decomposed with NFKC (ligatures expand to several letters). */
export function isPresentationForm(cp: number): boolean {
  return (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc);
}
