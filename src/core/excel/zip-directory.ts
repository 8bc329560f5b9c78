import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import {
  type PlainEntry,
  type ZipDirectory,
  type ZipEntry,
  type ZipSource,
  zipEntryStream,
} from "./xlsx-internals.ts";

/** End of central directory record: 22 bytes, then a comment of at most 65,535. */
const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CD_SIGNATURE = 0x02014b50;
const CD_HEADER = 46;
/** A 16- or 32-bit field at its maximum: the real value is in a ZIP64 record. */
const ZIP64_16 = 0xffff;
const ZIP64_32 = 0xffffffff;

async function sizeAndRead(source: ZipSource) {
  if ("buffer" in source) {
    const b = source.buffer;
    return {
      size: b.length,
      read: async (offset: number, length: number) => b.subarray(offset, offset + length),
      close: async () => {},
    };
  }
  const fh = await open(source.path, "r");
  const { size } = await fh.stat();
  return {
    size,
    read: async (offset: number, length: number) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    },
    close: () => fh.close(),
  };
}

/** Offset of the end-of-central-directory record in `tail`, searched from the end. */
function findEocd(tail: Buffer): number {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (
      tail.readUInt32LE(i) === EOCD_SIGNATURE &&
      i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length
    )
      return i;
  }
  return -1;
}

/**
 * The zip's entries from its central directory, read with two reads (the tail, then the
 * directory), for the plain zips spreadsheet programs write: one disk, no ZIP64, every
 * entry stored or deflated and not encrypted. Anything else, or anything that does not add
 * up, returns null and the caller opens the file with unzipper, which knows the rest (and
 * fails on what is broken). Entries stream straight from the file or buffer.
 */
export async function readZipDirectory(source: ZipSource): Promise<ZipDirectory | null> {
  const io = await sizeAndRead(source);
  try {
    const tailLength = Math.min(io.size, EOCD_SIZE + MAX_COMMENT);
    const tail = await io.read(io.size - tailLength, tailLength);
    const at = findEocd(tail);
    if (at < 0) return null;
    const disk = tail.readUInt16LE(at + 4);
    const cdDisk = tail.readUInt16LE(at + 6);
    const onDisk = tail.readUInt16LE(at + 8);
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return null;
    if (count === ZIP64_16 || cdSize === ZIP64_32 || cdOffset === ZIP64_32) return null;
    if (cdOffset + cdSize > io.size - tailLength + at) return null;
    const cd = await io.read(cdOffset, cdSize);
    if (cd.length !== cdSize) return null;
    const files: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + CD_HEADER > cd.length || cd.readUInt32LE(p) !== CD_SIGNATURE) return null;
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const next = p + CD_HEADER + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
      const offset = cd.readUInt32LE(p + 42);
      if (next > cd.length) return null;
      if (flags & 1 || (method !== 0 && method !== 8)) return null;
      if (compressedSize === ZIP64_32 || uncompressedSize === ZIP64_32 || offset === ZIP64_32)
        return null;
      // Bit 11: UTF-8 names; otherwise CP437, which agrees with ASCII (all spreadsheet parts).
      const path = cd.toString(
        flags & 0x800 ? "utf8" : "latin1",
        p + CD_HEADER,
        p + CD_HEADER + nameLength,
      );
      const plain: PlainEntry = {
        offsetToLocalFileHeader: offset,
        compressedSize,
        compressionMethod: method,
      };
      // The central-directory fields ride along, as on unzipper's entries (directEntry).
      const entry: ZipEntry & PlainEntry = {
        path,
        type: path.endsWith("/") ? "Directory" : "File",
        uncompressedSize,
        ...plain,
        stream: () => Readable.from(zipEntryStream(source, plain)),
      };
      files.push(entry);
      p = next;
    }
    return { files };
  } finally {
    await io.close();
  }
}
