import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type ReadStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Where attachment bytes live: a directory outside the web root, one file per upload. */
export interface AttachmentStorage {
  root: string;
}

export interface StoredFile {
  storageKey: string;
  size: number;
  sha256: string;
  /** The first bytes, for checking the content against the extension. */
  head: Uint8Array;
  truncated: boolean;
}

const HEAD_BYTES = 16;
// Storage keys are generated here only; the pattern guards paths built from database rows.
const KEY_RE = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

function pathOf(storage: AttachmentStorage, key: string): string {
  if (!KEY_RE.test(key)) throw new Error(`Bad attachment storage key "${key}"`);
  return join(storage.root, key);
}

/**
 * Streams an upload to a temporary file, hashing it on the way, and renames it into place.
 * The caller checks `truncated` (size limit hit) and the head, and removes the file if it
 * refuses it; nothing is buffered whole in memory.
 */
export async function storeStream(
  storage: AttachmentStorage,
  source: NodeJS.ReadableStream & { truncated?: boolean },
  now = new Date(),
): Promise<StoredFile> {
  const month = now.toISOString().slice(0, 7).replace("-", "/");
  const key = `${month}/${randomUUID()}`;
  const target = pathOf(storage, key);
  const tmp = `${target}.part`;
  await mkdir(join(storage.root, month), { recursive: true });
  const hash = createHash("sha256");
  let size = 0;
  const head: number[] = [];
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      for (let i = 0; i < chunk.length && head.length < HEAD_BYTES; i++) head.push(chunk[i] ?? 0);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(tmp, { flags: "wx" }));
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return {
    storageKey: key,
    size,
    sha256: hash.digest("hex"),
    head: Uint8Array.from(head),
    truncated: source.truncated === true,
  };
}

export function openStored(storage: AttachmentStorage, key: string): ReadStream {
  return createReadStream(pathOf(storage, key));
}

export async function removeStored(storage: AttachmentStorage, key: string): Promise<void> {
  await rm(pathOf(storage, key), { force: true });
}
