/**
 * The named character sets RE2 knows, as Go 1.19 (the toolchain of Debian's Prometheus 2.42)
 * defines them. Perl and POSIX classes are ASCII-only in Go, so they are spelled out as code
 * point ranges rather than left to JavaScript's `\d`/`\s`/`\w`, whose meanings differ.
 */

/** An inclusive code point range. */
export type Range = readonly [lo: number, hi: number];

export const MAX_RUNE = 0x10ffff;

const ranges = (spec: string): Range[] =>
  spec.split(' ').map((r) => {
    const [a, b] = r.split('-').map((h) => parseInt(h, 16));
    return [a!, b ?? a!];
  });

/** `\d \s \w`: Go's \s has no \v, unlike [[:space:]]. */
export const PERL_CLASSES: Readonly<Record<string, readonly Range[]>> = {
  d: ranges('30-39'),
  s: ranges('9-a c-d 20'),
  w: ranges('30-39 41-5a 5f 61-7a'),
};

/** `[[:name:]]`. */
export const POSIX_CLASSES: Readonly<Record<string, readonly Range[]>> = {
  alnum: ranges('30-39 41-5a 61-7a'),
  alpha: ranges('41-5a 61-7a'),
  ascii: ranges('0-7f'),
  blank: ranges('9 20'),
  cntrl: ranges('0-1f 7f'),
  digit: ranges('30-39'),
  graph: ranges('21-7e'),
  lower: ranges('61-7a'),
  print: ranges('20-7e'),
  punct: ranges('21-2f 3a-40 5b-60 7b-7e'),
  space: ranges('9-d 20'),
  upper: ranges('41-5a'),
  word: ranges('30-39 41-5a 5f 61-7a'),
  xdigit: ranges('30-39 41-46 61-66'),
};

/** unicode.Categories. Go's "C" has no Cn (unassigned), so it cannot map to JS's \p{C}. */
const CATEGORIES: Readonly<Record<string, string>> = Object.fromEntries(
  'Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'
    .split(' ')
    .map((c) => [c, `\\p{${c}}`]),
);

/**
 * unicode.Scripts in Go 1.19 (Unicode 13.0), by long name only: JavaScript also accepts the
 * four-letter aliases and the scripts of Unicode 14 and 15, which Go rejects.
 */
const SCRIPTS = new Set(
  `Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali
  Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian
  Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cyrillic Deseret Devanagari
  Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian Glagolitic
  Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran
  Hebrew Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese
  Kaithi Kannada Katakana Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin
  Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean
  Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive
  Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nandinagari New_Tai_Lue
  Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian
  Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Oriya Osage Osmanya Pahawh_Hmong
  Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra
  Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri
  Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangut Telugu Thaana Thai Tibetan
  Tifinagh Tirhuta Ugaritic Vai Wancho Warang_Citi Yezidi Yi Zanabazar_Square`.split(/\s+/),
);

/** Every name `\p{...}` accepts in Go 1.19, for tests and diagnostics. */
export const UNICODE_CLASS_NAMES: readonly string[] = ['Any', 'C', ...Object.keys(CATEGORIES), ...SCRIPTS];

/**
 * The JS class-body text for Go's `\p{name}` (positive), or undefined when Go has no such
 * table. Property tables themselves come from the JS engine's Unicode version, which is newer
 * than Go 1.19's 13.0: only code points assigned since then can be classified differently.
 */
export function unicodeClassBody(name: string): string | undefined {
  if (name === 'Any') return '\\u{0}-\\u{10ffff}';
  if (name === 'C') return '\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}';
  if (Object.hasOwn(CATEGORIES, name)) return CATEGORIES[name];
  if (SCRIPTS.has(name)) return `\\p{Script=${name}}`;
  return undefined;
}
