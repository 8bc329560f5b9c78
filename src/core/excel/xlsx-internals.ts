import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { pipeline, Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";

/**
 * The two libraries the .xlsx reader is built on, both dependencies of exceljs and resolved
 * through it (no extra install): unzipper's random-access `Open` (central directory first,
 * so entry order in the zip does not matter) and the saxes XML parser.
 *
 * Why not exceljs's own WorkbookReader: (1) its parse-sax decodes every chunk on its own,
 * corrupting a UTF-8 character split across chunks (~0.1% of CJK rows); (2) when worksheets
 * precede the shared strings (Excel's order) it spools them to temp files while iterating
 * the zip, and depending on timing the entries after that are silently lost (every text
 * cell then reads empty); (3) its styles parser throws on minimal styles parts; (4) it keeps
 * only the last run of inline rich text and XML-decodes inline strings twice.
 */
const require = createRequire(import.meta.url);
const fromExceljs = createRequire(require.resolve("exceljs"));

export interface SaxTag {
  name: string;
  attributes: Record<string, string | undefined>;
}
export type SaxEvent =
  | { eventType: "opentag"; value: SaxTag }
  | { eventType: "closetag"; value: SaxTag }
  | { eventType: "text"; value: string };

export interface ZipEntry {
  path: string;
  type: string;
  uncompressedSize: number;
  stream(): Readable;
}
export interface ZipDirectory {
  files: ZipEntry[];
}
interface Unzipper {
  Open: { file(path: string): Promise<ZipDirectory>; buffer(b: Buffer): Promise<ZipDirectory> };
}
let unzipperModule: Unzipper | undefined;
/**
 * unzipper, loaded on the first .xlsx opened (~0.19 s to load: a CSV import, its parsing
 * worker and the server's start do not pay it).
 */
export function unzipper(): Unzipper {
  unzipperModule ??= fromExceljs("unzipper") as Unzipper;
  return unzipperModule;
}

interface SaxesParser {
  on(ev: "opentag" | "closetag", fn: (tag: SaxTag) => void): void;
  on(ev: "text", fn: (text: string) => void): void;
  on(ev: "error", fn: (err: Error) => void): void;
  write(chunk: string): void;
  close(): void;
}
const { SaxesParser } = fromExceljs("saxes") as {
  SaxesParser: new () => SaxesParser;
};

/**
 * XML events in batches, one batch per input chunk, decoded with one streaming UTF-8
 * decoder so characters split across inflated chunks survive.
 */
export async function* parseSax(it: AsyncIterable<unknown>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder("utf-8");
  let error: Error | null = null;
  let events: SaxEvent[] = [];
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.on("opentag", (value) => events.push({ eventType: "opentag", value }));
  parser.on("closetag", (value) => events.push({ eventType: "closetag", value }));
  parser.on("text", (value) => events.push({ eventType: "text", value }));
  const flush = function* () {
    if (error) throw error;
    if (events.length > 0) {
      yield events;
      events = [];
    }
  };
  for await (const chunk of it) {
    parser.write(
      typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }),
    );
    yield* flush();
  }
  const tail = decoder.decode();
  if (tail) parser.write(tail);
  parser.close();
  yield* flush();
}
export const iterateStream = require("exceljs/lib/utils/iterate-stream.js") as (
  s: Readable,
) => AsyncIterable<unknown>;

/** The central-directory fields unzipper's entries carry besides ZipEntry's. */
interface EntryVars {
  offsetToLocalFileHeader?: number;
  compressedSize?: number;
  compressionMethod?: number;
  flags?: number;
}

async function readAt(path: string, offset: number, length: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Where an entry's data starts, from its local header; null when no header is there. */
async function dataStart(source: ZipSource, offset: number): Promise<number | null> {
  const header =
    "buffer" in source
      ? source.buffer.subarray(offset, offset + 30)
      : await readAt(source.path, offset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return null;
  return offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** An entry's bytes from `start`, inflated when deflated (method 8), in 64 KB chunks. */
function dataStream(source: ZipSource, start: number, size: number, method: number): Readable {
  const raw = (): Readable =>
    "buffer" in source
      ? Readable.from([source.buffer.subarray(start, start + size)])
      : createReadStream(source.path, { start, end: start + size - 1, highWaterMark: 1 << 16 });
  return method === 0 ? raw() : pipeline(raw(), createInflateRaw({ chunkSize: 1 << 16 }), () => {});
}

export type ZipSource = { path: string } | { buffer: Buffer };

/** What the central directory says of a plain entry (stored or deflated, not encrypted). */
export interface PlainEntry {
  offsetToLocalFileHeader: number;
  compressedSize: number;
  compressionMethod: number;
}

/** A plain entry's bytes, found through its local header (see zip-directory.ts). */
export async function* zipEntryStream(
  source: ZipSource,
  entry: PlainEntry,
): AsyncGenerator<unknown> {
  if (entry.compressedSize === 0) return;
  const start = await dataStart(source, entry.offsetToLocalFileHeader);
  if (start === null) throw new Error("zip entry without its local header");
  yield* dataStream(source, start, entry.compressedSize, entry.compressionMethod);
}

/**
 * The entry with a stream that inflates straight from the file or buffer in 64 KB chunks.
 * unzipper's own entry stream (PullStream, then inflate, then a PassThrough, in 16 KB
 * chunks) cost about as much as parsing the worksheet. The same central-directory values
 * are used, so the same bytes come out; anything unusual (encrypted, size unknown, another
 * compression method, no local header where expected) keeps unzipper's stream.
 */
export async function directEntry(entry: ZipEntry, source: ZipSource): Promise<ZipEntry> {
  const {
    offsetToLocalFileHeader: offset,
    compressedSize: size,
    compressionMethod: method,
  } = entry as ZipEntry & EntryVars;
  const flags = (entry as ZipEntry & EntryVars).flags ?? 0;
  if (offset === undefined || !size || flags & 1 || (method !== 0 && method !== 8)) return entry;
  const start = await dataStart(source, offset);
  if (start === null) return entry;
  return {
    path: entry.path,
    type: entry.type,
    uncompressedSize: entry.uncompressedSize,
    stream: () => dataStream(source, start, size, method),
  };
}
