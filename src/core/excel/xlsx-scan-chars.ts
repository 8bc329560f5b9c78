/** Character classes, entities and names for the XML scanner (xlsx-scan.ts). */

/** Characters XML 1.0 does not allow anywhere (saxes fails on them too). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const DISALLOWED = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
/** No real tag, comment or entity is this long; past it the input is treated as broken. */
export const MAX_PENDING = 1 << 22;
const ENTITIES = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

export class XmlSyntaxError extends Error {}
/** An XML 1.1 document (other end-of-line and character rules): read it with saxes instead. */
export class XmlVersionError extends Error {}
export const fail = (what: string): never => {
  throw new XmlSyntaxError(what);
};

export const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** XML name characters: ASCII exactly, the rest of Unicode roughly (1 = may start a name). */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  NAME[c] = letter ? 1 : (c >= 48 && c <= 57) || c === 45 || c === 46 ? 2 : 0;
}
export const isNameStart = (c: number) =>
  c < 128 ? NAME[c] === 1 : c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
export const isNameChar = (c: number) =>
  c < 128 ? NAME[c] !== 0 : c >= 0xb7 && c !== 0xd7 && c !== 0xf7;
/** The XML declaration as saxes accepts it. */
export const DECLARATION =
  /^<\?xml\s+version\s*=\s*(?:"(1\.[0-9]+)"|'(1\.[0-9]+)')(?:\s+encoding\s*=\s*(?:"[A-Za-z0-9][A-Za-z0-9._-]*"|'[A-Za-z0-9][A-Za-z0-9._-]*'))?(?:\s+standalone\s*=\s*(?:"(?:yes|no)"|'(?:yes|no)'))?\s*\?>$/;

export function sameChars(buf: string, a: number, b: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (buf.charCodeAt(a + j) !== buf.charCodeAt(b + j)) return false;
  return true;
}

/** The name at buf[a, b), without allocating for the worksheet's frequent ones. */
export function nameAt(buf: string, a: number, b: number): string {
  const c = buf.charCodeAt(a);
  switch (b - a) {
    case 1:
      if (c === 99) return "c";
      if (c === 118) return "v";
      if (c === 116) return "t";
      if (c === 114) return "r";
      if (c === 102) return "f";
      break;
    case 2:
      if (c === 115 && buf.charCodeAt(a + 1) === 105) return "si";
      if (c === 105 && buf.charCodeAt(a + 1) === 115) return "is";
      break;
    case 3:
      if (c === 114 && buf.startsWith("row", a)) return "row";
      if (c === 114 && buf.startsWith("rPh", a)) return "rPh";
      break;
  }
  return buf.slice(a, b);
}

/** What a text run contains that needs more than slicing (bit flags). */
export const AMP = 1;
export const CR = 2;
export const BRACKET = 4;

function charRef(body: string): string {
  const hex = body.charCodeAt(1) === 120; // "x"; saxes rejects "X" as well
  const digits = body.slice(hex ? 2 : 1);
  if (digits === "" || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
    return fail("malformed character entity");
  }
  const cp = Number.parseInt(digits, hex ? 16 : 10);
  const ok =
    cp === 9 ||
    cp === 10 ||
    cp === 13 ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff);
  return ok ? String.fromCodePoint(cp) : fail("malformed character entity");
}

/** Replaces entities and character references; fails on anything else after "&". */
export function decodeEntities(s: string): string {
  let out = "";
  let from = 0;
  for (let amp = s.indexOf("&"); amp >= 0; amp = s.indexOf("&", from)) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0) fail("unterminated entity");
    const body = s.slice(amp + 1, semi);
    const named = ENTITIES.get(body);
    out +=
      s.slice(from, amp) + (named ?? (body[0] === "#" ? charRef(body) : fail("undefined entity")));
    from = semi + 1;
  }
  return out + s.slice(from);
}
