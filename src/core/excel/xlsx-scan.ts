/**
 * A small streaming XML tokenizer for the two big .xlsx parts (worksheet, shared strings).
 * It replaces saxes there because saxes allocates an event and an attribute object per tag,
 * which dominated the read time. It works on decoded text chunks; markup split across
 * chunks is carried over to the next one. It fails where saxes fails for everything the
 * tests and a mutation fuzz against saxes found: unbalanced or unclosed tags, bad entities
 * and character references, text outside the root, disallowed characters, bad names,
 * unquoted or duplicate attributes, "]]>" in text, a malformed XML declaration. Name
 * characters beyond ASCII are checked only roughly. An XML 1.1 declaration throws
 * XmlVersionError so the caller can read that document with saxes. CDATA content is
 * dropped, as the saxes-based reader did (it had no cdata handler). Element names with a
 * prefix the root binds to SpreadsheetML (<x:row>) are reported by their local name (the
 * saxes-based reader ignored them); other prefixed names stay whole.
 */

import {
  AMP,
  BRACKET,
  CR,
  DECLARATION,
  DISALLOWED,
  decodeEntities,
  fail,
  isNameChar,
  isNameStart,
  isSpace,
  MAX_PENDING,
  nameAt,
  sameChars,
  XmlVersionError,
} from "./xlsx-scan-chars.ts";

export { XmlSyntaxError, XmlVersionError } from "./xlsx-scan-chars.ts";

export interface XmlSink {
  /** Whether text content is wanted now; unwanted text is only checked. */
  readonly collecting: boolean;
  open(name: string, attrs: XmlAttrs): void;
  close(name: string): void;
  text(s: string): void;
}
export interface XmlAttrs {
  attr(name: string): string | undefined;
}

/** Namespaces whose prefix (when the root declares one) is dropped from element names. */
export const OOXML_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
  "http://schemas.openxmlformats.org/package/2006/relationships",
]);

export class XmlScanner implements XmlAttrs {
  private pending = "";
  private readonly stack: string[] = [];
  private rootSeen = false;
  private started = false;
  private doctypeSeen = false;
  private prefixes: string[] = [];
  /** The buffer being scanned, and its current tag's attributes as offsets into it. */
  private buf = "";
  /** Per attribute: name start, name end, value start, value end, needs decoding (0/1). */
  private readonly spans: number[] = [];
  private count = 0;

  constructor(private readonly sink: XmlSink) {}

  write(chunk: string): void {
    if (DISALLOWED.test(chunk)) fail("disallowed character");
    const buf = this.pending === "" ? chunk : this.pending + chunk;
    const done = this.scan(buf, false);
    this.pending = done === buf.length ? "" : buf.slice(done);
    if (this.pending.length > MAX_PENDING) fail("markup too long");
  }

  /** Finishes the document: anything unfinished or unclosed is an error. */
  end(): void {
    this.scan(this.pending, true);
    this.pending = "";
    if (!this.rootSeen) fail("document must contain a root element");
    if (this.stack.length > 0) fail(`unclosed tag: ${this.stack.at(-1)}`);
  }

  attr(name: string): string | undefined {
    const sp = this.spans;
    for (let k = 0; k < this.count * 5; k += 5) {
      const a = sp[k] ?? 0;
      if ((sp[k + 1] ?? 0) - a === name.length && this.buf.startsWith(name, a))
        return this.value(k);
    }
    return undefined;
  }

  private value(k: number): string {
    const sp = this.spans;
    const raw = this.buf.slice(sp[k + 2], sp[k + 3]);
    // Attribute-value normalisation as saxes does it: literal whitespace becomes a space.
    return sp[k + 4] === 1 ? decodeEntities(raw.replace(/\r\n?|[\n\t]/g, " ")) : raw;
  }

  /** Consumes `buf` as far as it can; returns the index of the first unconsumed char. */
  private scan(buf: string, final: boolean): number {
    const n = buf.length;
    this.buf = buf;
    let p = 0;
    while (p < n) {
      // A plain loop: indexOf's per-call cost exceeds the length of most text runs.
      let lt = p;
      let flags = 0;
      for (; lt < n; lt++) {
        const c = buf.charCodeAt(lt);
        if (c === 60) break;
        if (c === 38) flags |= AMP;
        else if (c === 13) flags |= CR;
        else if (c === 93) flags |= BRACKET;
      }
      if (lt !== p) {
        const end = lt < n || final ? lt : this.safeTextEnd(buf, p);
        if (end > p) {
          this.text(buf, p, end, flags);
          this.started = true;
        }
        if (lt >= n) return end;
      }
      const next = this.markup(buf, lt, final);
      if (next < 0) return final ? fail("unexpected end of document") : lt;
      this.started = true;
      p = next;
    }
    return n;
  }

  /** Where text running to the end of the buffer can be cut without splitting a token. */
  private safeTextEnd(buf: string, p: number): number {
    const n = buf.length;
    const amp = buf.lastIndexOf("&", n - 1);
    if (amp >= p && n - amp < 64 && buf.indexOf(";", amp) < 0) return amp;
    let end = n;
    if (buf.charCodeAt(end - 1) === 13) return end - 1; // may be the "\r" of "\r\n"
    if (buf.charCodeAt(end - 1) === 93) end--; // "]" of a "]]>"
    if (end > p && buf.charCodeAt(end - 1) === 93) end--;
    return end;
  }

  private text(buf: string, a: number, b: number, flags: number): void {
    if (this.stack.length === 0) {
      for (let i = a; i < b; i++) if (!isSpace(buf.charCodeAt(i))) fail("text outside root");
      return;
    }
    if (flags & BRACKET) {
      const q = buf.indexOf("]]>", a);
      if (q >= 0 && q + 3 <= b) fail('the string "]]>" is disallowed in char data');
    }
    if ((flags & (AMP | CR)) === 0 && !this.sink.collecting) return;
    let s = buf.slice(a, b);
    if (flags & CR) s = s.replace(/\r\n?/g, "\n");
    if (flags & AMP) s = decodeEntities(s);
    if (this.sink.collecting) this.sink.text(s);
  }

  /** Handles the markup at `p` ("<"); returns the index after it, or -1 if incomplete. */
  private markup(buf: string, p: number, final: boolean): number {
    const n = buf.length;
    if (p + 1 >= n) return -1;
    const c1 = buf.charCodeAt(p + 1);
    if (c1 === 47) return this.closeTag(buf, p);
    if (c1 === 63) return this.instruction(buf, p);
    if (c1 === 33) return this.special(buf, p, final);
    return this.openTag(buf, p);
  }

  /** A processing instruction, or the XML declaration (checked, only at the very start). */
  private instruction(buf: string, p: number): number {
    const end = buf.indexOf("?>", p + 2);
    if (end < 0) return -1;
    let i = p + 2;
    if (!isNameStart(buf.charCodeAt(i))) fail("processing instruction without a target");
    while (i < end && isNameChar(buf.charCodeAt(i))) i++;
    const stop = buf.charCodeAt(i);
    if (i < end && !isSpace(stop) && stop !== 63) fail("disallowed character in PI name");
    const target = buf.slice(p + 2, i);
    if (target.toLowerCase() === "xml") {
      if (target !== "xml" || this.started || p !== 0) fail("misplaced XML declaration");
      const m = DECLARATION.exec(buf.slice(p, end + 2)) ?? fail("bad XML declaration");
      if ((m[1] ?? m[2]) !== "1.0") throw new XmlVersionError("XML version is not 1.0");
    }
    return end + 2;
  }

  private closeTag(buf: string, p: number): number {
    const n = buf.length;
    let e = p + 2;
    while (e < n && isNameChar(buf.charCodeAt(e))) e++;
    let gt = e;
    while (gt < n && isSpace(buf.charCodeAt(gt))) gt++;
    if (gt >= n) return -1;
    if (buf.charCodeAt(gt) !== 62) fail("bad close tag");
    const qname = this.stack.pop() ?? "";
    if (e === p + 2 || qname.length !== e - p - 2 || !buf.startsWith(qname, p + 2)) {
      fail("unexpected close tag");
    }
    this.sink.close(this.local(qname));
    return gt + 1;
  }

  /** Comments, CDATA (content dropped) and a DOCTYPE (skipped, internal subset included). */
  private special(buf: string, p: number, final: boolean): number {
    if (buf.startsWith("<!--", p)) {
      const end = buf.indexOf("-->", p + 4);
      if (end < 0) return -1;
      if (buf.indexOf("--", p + 4) !== end) fail("-- in comment");
      return end + 3;
    }
    if (buf.length - p < 9 && !final) return -1;
    if (buf.startsWith("<![CDATA[", p)) {
      if (this.stack.length === 0) fail("CDATA outside root");
      const end = buf.indexOf("]]>", p + 9);
      return end < 0 ? -1 : end + 3;
    }
    if (buf.startsWith("<!DOCTYPE", p) && !this.rootSeen && !this.doctypeSeen) {
      this.doctypeSeen = true;
      const gt = buf.indexOf(">", p);
      const bracket = buf.indexOf("[", p);
      if (bracket < 0 || (gt >= 0 && gt < bracket)) return gt < 0 ? -1 : gt + 1;
      const m = /\]\s*>/g;
      m.lastIndex = bracket;
      return m.exec(buf) ? m.lastIndex : -1;
    }
    return fail("bad markup");
  }

  private openTag(buf: string, p: number): number {
    const n = buf.length;
    let i = p + 1;
    if (!isNameStart(buf.charCodeAt(i))) fail("disallowed character in tag name");
    while (i < n && isNameChar(buf.charCodeAt(i))) i++;
    if (i >= n) return -1;
    const after = buf.charCodeAt(i);
    if (!isSpace(after) && after !== 62 && after !== 47) fail("disallowed character in tag name");
    const qname = nameAt(buf, p + 1, i);
    this.count = 0;
    let selfClosing = false;
    for (;;) {
      const ws = i;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = buf.charCodeAt(i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47) {
        if (i + 1 >= n) return -1;
        if (buf.charCodeAt(i + 1) !== 62) fail("bad self-closing tag");
        i += 2;
        selfClosing = true;
        break;
      }
      if (i === ws) fail("no whitespace between attributes");
      i = this.attribute(buf, i);
      if (i < 0) return -1;
    }
    if (this.stack.length === 0) {
      if (this.rootSeen) fail("documents may contain only one root");
      this.rootSeen = true;
      this.prefixes = this.namespacePrefixes();
    }
    const name = this.local(qname);
    this.sink.open(name, this);
    if (selfClosing) this.sink.close(name);
    else this.stack.push(qname);
    return i;
  }

  /** Reads one attribute at `i` into names/values; returns the index after it, or -1. */
  private attribute(buf: string, i: number): number {
    const n = buf.length;
    const start = i;
    if (!isNameStart(buf.charCodeAt(i))) fail("disallowed character in attribute name");
    while (i < n && isNameChar(buf.charCodeAt(i))) i++;
    if (i < n && !isSpace(buf.charCodeAt(i)) && buf.charCodeAt(i) !== 61) {
      fail("disallowed character in attribute name");
    }
    const nameEnd = i;
    while (i < n && isSpace(buf.charCodeAt(i))) i++;
    if (i >= n) return -1;
    if (buf.charCodeAt(i) !== 61) fail("attribute without value");
    i++;
    while (i < n && isSpace(buf.charCodeAt(i))) i++;
    if (i >= n) return -1;
    const q = buf.charCodeAt(i);
    if (q !== 34 && q !== 39) fail("unquoted attribute value");
    let close = i + 1;
    let special = 0;
    for (; close < n; close++) {
      const c = buf.charCodeAt(close);
      if (c === q) break;
      if (c === 60) fail("disallowed character");
      if (c === 38 || c === 9 || c === 10 || c === 13) special = 1;
    }
    if (close >= n) return -1;
    if (special === 1) decodeEntities(buf.slice(i + 1, close)); // fails now, like saxes
    const sp = this.spans;
    const len = nameEnd - start;
    for (let k = 0; k < this.count * 5; k += 5) {
      const a = sp[k] ?? 0;
      if ((sp[k + 1] ?? 0) - a === len && sameChars(buf, a, start, len)) {
        fail("duplicate attribute");
      }
    }
    const k = this.count * 5;
    sp[k] = start;
    sp[k + 1] = nameEnd;
    sp[k + 2] = i + 1;
    sp[k + 3] = close;
    sp[k + 4] = special;
    this.count++;
    return close + 1;
  }

  private namespacePrefixes(): string[] {
    const out: string[] = [];
    const sp = this.spans;
    for (let k = 0; k < this.count * 5; k += 5) {
      const name = this.buf.slice(sp[k], sp[k + 1]);
      if (name.startsWith("xmlns:") && OOXML_NAMESPACES.has(this.value(k))) out.push(name.slice(6));
    }
    return out;
  }

  private local(qname: string): string {
    if (this.prefixes.length === 0) return qname;
    const colon = qname.indexOf(":");
    return colon > 0 && this.prefixes.includes(qname.slice(0, colon))
      ? qname.slice(colon + 1)
      : qname;
  }
}

/** Feeds decoded chunks of a byte stream to a scanner, batching what `drain` returns. */
export async function* scanXml<T>(
  it: AsyncIterable<unknown>,
  sink: XmlSink,
  drain: () => T[],
): AsyncGenerator<T[]> {
  const scanner = new XmlScanner(sink);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of it) {
    scanner.write(
      typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }),
    );
    const out = drain();
    if (out.length > 0) yield out;
  }
  const tail = decoder.decode();
  if (tail) scanner.write(tail);
  scanner.end();
  const out = drain();
  if (out.length > 0) yield out;
}

/** Scans a whole stream for a sink that keeps what it needs itself. */
export async function scanToEnd(it: AsyncIterable<unknown>, sink: XmlSink): Promise<void> {
  const batches = scanXml(it, sink, () => []);
  while (!(await batches.next()).done) {
    // each step scans one chunk
  }
}
