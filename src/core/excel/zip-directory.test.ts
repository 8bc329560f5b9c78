import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, Zip, ZipDeflate, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sink } from "./test-support.ts";
import { unzipper, type ZipDirectory, type ZipEntry } from "./xlsx-internals.ts";
import { readXlsxRows } from "./xlsx-read.ts";
import { writeXlsx } from "./xlsx-write.ts";
import { readZipDirectory } from "./zip-directory.ts";

async function bytesOf(e: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of e.stream()) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
}

/** Path, size and bytes of every entry, in directory order. */
async function contents(dir: ZipDirectory) {
  const out: { path: string; size: number; bytes: string }[] = [];
  for (const f of dir.files) {
    out.push({ path: f.path, size: f.uncompressedSize, bytes: (await bytesOf(f)).toString("hex") });
  }
  return out;
}

async function xlsx(rows: number): Promise<Buffer> {
  const out = sink();
  await writeXlsx(out.stream, {
    name: "清单",
    columns: [
      { key: "no", header: "申请号" },
      { key: "name", header: "名称" },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({ no: `2024${i}`, name: `一种装置（${i}）` })),
  });
  return out.buffer();
}

/**
 * A zip written as a stream, as some spreadsheet programs do: sizes unknown when each
 * local header is written, so they follow the data (data descriptor, flag bit 3).
 */
function streamedZip(files: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      parts.push(chunk);
      if (final) resolve(Buffer.concat(parts));
    });
    for (const [name, text] of Object.entries(files)) {
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      entry.push(strToU8(text), true);
    }
    zip.end();
  });
}

/** The zip with `comment` appended to its end-of-directory record. */
function withComment(zip: Buffer, comment: string): Buffer {
  const c = Buffer.from(comment);
  const out = Buffer.concat([zip, c]);
  out.writeUInt16LE(c.length, zip.length - 2);
  return out;
}

const fixtures: Record<string, () => Promise<Buffer>> = {
  stored: async () =>
    Buffer.from(zipSync({ "a.xml": strToU8("<a/>"), "d/": new Uint8Array(0) }, { level: 0 })),
  deflated: async () =>
    Buffer.from(zipSync({ "a.xml": strToU8("<a>甲乙丙</a>".repeat(5000)), "b.xml": strToU8("") })),
  "written by writeXlsx": () => xlsx(3000),
  "streamed, sizes after the data": () =>
    streamedZip({ "a.xml": "<a>甲乙丙</a>".repeat(3000), "b.xml": "<b/>" }),
  "with a comment holding the signature": async () =>
    withComment(
      Buffer.from(zipSync({ "a.xml": strToU8("<a/>") })),
      `note PK\u0005\u0006 ${"x".repeat(40)}`,
    ),
};

describe("zip central directory, read without unzipper", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "keguan-zipdir-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(fixtures))("lists and streams what unzipper does: %s", async (name) => {
    const buffer = await (fixtures[name] ?? (() => Promise.reject(new Error(name))))();
    const path = join(dir, `${name.replace(/\W/g, "_")}.zip`);
    await writeFile(path, buffer);
    const expected = await contents(await unzipper().Open.buffer(buffer));
    for (const source of [{ buffer }, { path }]) {
      const found = await readZipDirectory(source);
      expect(found).not.toBeNull();
      if (found) expect(await contents(found)).toEqual(expected);
    }
  });

  it("leaves what it does not read to unzipper: ZIP64, encrypted, other methods, no directory", async () => {
    const zip = Buffer.from(zipSync({ "a.xml": strToU8("<a/>") }, { level: 0 }));
    const eocd = zip.length - 22;
    const cd = zip.readUInt32LE(eocd + 16);
    const patched = (at: number, value: number, bytes: 2 | 4) => {
      const b = Buffer.from(zip);
      if (bytes === 2) b.writeUInt16LE(value, at);
      else b.writeUInt32LE(value, at);
      return b;
    };
    expect(await readZipDirectory({ buffer: zip })).not.toBeNull();
    for (const b of [
      patched(eocd + 16, 0xffffffff, 4), // directory offset in a ZIP64 record
      patched(cd + 8, 1, 2), // encrypted
      patched(cd + 10, 12, 2), // bzip2
      patched(cd + 42, 0xffffffff, 4), // local header offset in ZIP64 extra
      zip.subarray(0, eocd), // truncated: no end record
      Buffer.from("not a zip at all"),
    ]) {
      expect(await readZipDirectory({ buffer: b })).toBeNull();
    }
  });

  it("reads every row of a spreadsheet written by writeXlsx through the directory", async () => {
    const buffer = await xlsx(500);
    const rows: unknown[] = [];
    for await (const batch of readXlsxRows({ buffer }, { maxSharedStringChars: 1e6 }))
      rows.push(...batch);
    expect(rows).toHaveLength(501);
    expect(rows[500]).toEqual({ row: 501, cells: ["2024499", "一种装置（499）"] });
  });
});
