import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors.ts";
import type { TableInput } from "./types.ts";

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const SNIFF_BYTES = 8;

/**
 * The uploaded bytes, read once: the first few are peeked for format sniffing, then
 * `chunks()` replays everything while enforcing the size cap as bytes flow (a stream
 * has no size up front).
 */
export interface ByteSource {
  head: Buffer;
  chunks(): AsyncGenerator<Buffer>;
  close(): void;
  /** Bytes taken from the input so far (the sniffed head included). */
  bytesRead(): number;
  /** The input's size where it is known up front (a file or a buffer). */
  totalBytes?: number;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("FILE_TOO_LARGE", { maxMb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 });
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new AppError("FILE_UNREADABLE", { reason: "上传的数据格式不正确" });
}

async function openStream(
  input: TableInput,
  maxBytes: number,
): Promise<{ stream: Readable; size?: number }> {
  if ("buffer" in input) {
    if (input.buffer.length > maxBytes) throw tooLarge(maxBytes);
    return { stream: Readable.from([input.buffer]), size: input.buffer.length };
  }
  if ("path" in input) {
    const info = await stat(input.path).catch(() => null);
    if (!info?.isFile()) throw new AppError("FILE_UNREADABLE", { reason: "文件不存在" });
    if (info.size > maxBytes) throw tooLarge(maxBytes);
    return {
      stream: createReadStream(input.path, { highWaterMark: 256 * 1024 }),
      size: info.size,
    };
  }
  return { stream: input.stream };
}

export async function openByteSource(input: TableInput, maxBytes: number): Promise<ByteSource> {
  const { stream, size } = await openStream(input, maxBytes);
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const pending: Buffer[] = [];
  let total = 0;
  const readError = (): AppError =>
    new AppError("FILE_UNREADABLE", { reason: "读取上传数据时出错" });
  try {
    while (total < SNIFF_BYTES) {
      const r = await it.next();
      if (r.done) break;
      const b = toBuffer(r.value);
      pending.push(b);
      total += b.length;
    }
  } catch {
    stream.destroy();
    throw readError();
  }
  if (total > maxBytes) {
    stream.destroy();
    throw tooLarge(maxBytes);
  }
  const head = Buffer.concat(pending).subarray(0, SNIFF_BYTES);
  let started = false;
  let seen = total;
  return {
    head,
    totalBytes: size,
    bytesRead: () => seen,
    async *chunks() {
      if (started) throw new Error("ByteSource.chunks() may be called only once");
      started = true;
      yield* pending;
      pending.length = 0;
      while (true) {
        let r: IteratorResult<unknown>;
        try {
          r = await it.next();
        } catch {
          throw readError();
        }
        if (r.done) return;
        const b = toBuffer(r.value);
        seen += b.length;
        if (seen > maxBytes) {
          stream.destroy();
          throw tooLarge(maxBytes);
        }
        yield b;
      }
    },
    close() {
      stream.destroy();
    },
  };
}

export type SniffedFormat = "xlsx" | "csv";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const SAVE_AS = "请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入";

/**
 * Decides the reader from the file name and the magic bytes. Content wins over a wrong
 * extension only for the harmless case (a zip named .csv); everything else is refused
 * with a message that tells the user what to do.
 */
export function sniffFormat(filename: string, head: Buffer): SniffedFormat {
  const ext = /\.([^./\\]+)$/.exec(filename.trim().toLowerCase())?.[1] ?? "";
  const isZip = head.subarray(0, 4).equals(ZIP) || head.subarray(0, 4).equals(EMPTY_ZIP);
  const isOle = head.subarray(0, 8).equals(OLE2);
  if (ext === "xls" || ext === "et" || ext === "ett") {
    throw new AppError("FILE_UNREADABLE", { reason: `不支持旧版 .${ext} 格式，${SAVE_AS}` });
  }
  if (ext !== "xlsx" && ext !== "csv") {
    throw new AppError("FILE_UNREADABLE", {
      reason: `不支持的文件格式${ext ? `（.${ext}）` : ""}，${SAVE_AS}`,
    });
  }
  if (isOle) {
    throw new AppError("FILE_UNREADABLE", {
      reason: `文件实际是旧版 .xls 格式或已加密，${SAVE_AS}（如有密码请先取消）`,
    });
  }
  if (head.length === 0) throw new AppError("FILE_UNREADABLE", { reason: "文件是空的" });
  if (isZip) return "xlsx";
  if (ext === "xlsx") {
    throw new AppError("FILE_UNREADABLE", {
      reason: `文件内容不是有效的 .xlsx 表格（可能是改了扩展名的其他文件），${SAVE_AS}`,
    });
  }
  return "csv";
}

/**
 * Writes a stream to a private temp file: a zip is read by its central directory at the
 * end, so a streamed upload has to land somewhere first. The size cap still applies as
 * the bytes flow (it is enforced by `chunks`).
 */
export async function spoolToTempFile(
  chunks: AsyncIterable<Buffer>,
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "keguan-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "upload.xlsx");
  try {
    await pipeline(Readable.from(chunks), createWriteStream(path, { mode: 0o600 }));
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { path, cleanup };
}
