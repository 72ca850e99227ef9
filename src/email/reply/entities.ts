// HTML character references. Not the full HTML5 table (2 000+ names): the Latin-1 block, the
// Czech/Slovak/German letters and the typography that mail clients actually emit.

const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 " +
  "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml " +
  "Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde " +
  "Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig " +
  "ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide " +
  "oslash ugrave uacute ucirc uuml yacute thorn yuml";

const NAMED: Record<string, number> = {
  quot: 0x22,
  amp: 0x26,
  apos: 0x27,
  lt: 0x3c,
  gt: 0x3e,
  // Czech / Slovak letters with caron and ring, Polish/Hungarian extras
  Ccaron: 0x10c,
  ccaron: 0x10d,
  Dcaron: 0x10e,
  dcaron: 0x10f,
  Ecaron: 0x11a,
  ecaron: 0x11b,
  Lcaron: 0x13d,
  lcaron: 0x13e,
  Lacute: 0x139,
  lacute: 0x13a,
  Ncaron: 0x147,
  ncaron: 0x148,
  Racute: 0x154,
  racute: 0x155,
  Rcaron: 0x158,
  rcaron: 0x159,
  Scaron: 0x160,
  scaron: 0x161,
  Tcaron: 0x164,
  tcaron: 0x165,
  Uring: 0x16e,
  uring: 0x16f,
  Zcaron: 0x17d,
  zcaron: 0x17e,
  Odblac: 0x150,
  odblac: 0x151,
  Udblac: 0x170,
  udblac: 0x171,
  Lstrok: 0x141,
  lstrok: 0x142,
  OElig: 0x152,
  oelig: 0x153,
  // Typography
  ensp: 0x2002,
  emsp: 0x2003,
  thinsp: 0x2009,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  dagger: 0x2020,
  Dagger: 0x2021,
  bull: 0x2022,
  hellip: 0x2026,
  permil: 0x2030,
  prime: 0x2032,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  euro: 0x20ac,
  trade: 0x2122,
  larr: 0x2190,
  rarr: 0x2192,
  minus: 0x2212,
};
LATIN1.split(" ").forEach((name, i) => (NAMED[name] = 0xa0 + i));

// Numeric references in 128–159 mean Windows-1252 in practice (&#150; is an en dash).
const CP1252: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x89: 0x2030,
  0x8a: 0x160,
  0x8b: 0x2039,
  0x8c: 0x152,
  0x8e: 0x17d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x99: 0x2122,
  0x9a: 0x161,
  0x9b: 0x203a,
  0x9c: 0x153,
  0x9e: 0x17e,
  0x9f: 0x178,
};

// Legacy names browsers accept without the trailing ';'.
const NO_SEMICOLON = new Set(["amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT", "QUOT"]);

function fromCodePoint(code: number): string {
  const mapped = CP1252[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(mapped);
}

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})(;?)/g, (match, ref: string, semi: string) => {
    if (ref.startsWith("#")) {
      const hex = ref[1] === "x" || ref[1] === "X";
      return fromCodePoint(parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    if (!semi && !NO_SEMICOLON.has(ref)) return match;
    const code = NAMED[ref] ?? NAMED[ref.toLowerCase()];
    return code === undefined ? match : String.fromCodePoint(code);
  });
}
