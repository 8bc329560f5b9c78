import { AppError } from "../errors.ts";

export type TextEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

/** Bytes examined before choosing between UTF-8 and GB18030. */
const VALIDATE_WINDOW = 64 * 1024;
/** A file whose first megabyte is pure ASCII is taken as UTF-8 (both agree on ASCII). */
const ASCII_SCAN_LIMIT = 1024 * 1024;

function encodingError(): AppError {
  return new AppError("FILE_UNREADABLE", {
    reason: "文件编码无法识别或文件已损坏，请另存为“CSV UTF-8（逗号分隔）”格式后再导入",
  });
}

function bomEncoding(b: Buffer): TextEncoding | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return null;
}

function firstNonAscii(b: Buffer): number {
  for (let i = 0; i < b.length; i++) if ((b[i] ?? 0) >= 0x80) return i;
  return -1;
}

/** Strict UTF-8 check of a prefix; a character cut off at the end of the prefix is fine. */
function isUtf8Prefix(b: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(prefix: Buffer): TextEncoding {
  const bom = bomEncoding(prefix);
  if (bom) return bom;
  const start = firstNonAscii(prefix);
  if (start < 0) return "utf-8";
  return isUtf8Prefix(prefix.subarray(0, start + VALIDATE_WINDOW)) ? "utf-8" : "gb18030";
}

/**
 * Decodes a byte stream to text chunks. The encoding is chosen from a buffered prefix;
 * decoding then uses one stateful TextDecoder with `stream: true`, so a multi-byte
 * character split across chunk boundaries is reassembled, never replaced. Decoding is
 * fatal: invalid bytes fail the import instead of silently turning into U+FFFD.
 * (iconv-lite 0.7.3's streaming gb18030 decoder drops the low surrogate of a 4-byte
 * sequence split across chunks, hence the platform decoder.)
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  onEncoding?: (e: TextEncoding) => void,
): AsyncGenerator<string> {
  const it = chunks[Symbol.asyncIterator]();
  const prefix: Buffer[] = [];
  let size = 0;
  let ended = false;
  let nonAsciiAt = -1;
  let bomChecked = false;
  while (!ended) {
    if (!bomChecked && size >= 3) {
      bomChecked = true;
      if (bomEncoding(Buffer.concat(prefix))) break;
    }
    if (nonAsciiAt >= 0 && size >= nonAsciiAt + VALIDATE_WINDOW) break;
    if (nonAsciiAt < 0 && size >= ASCII_SCAN_LIMIT) break;
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    if (nonAsciiAt < 0) {
      const at = firstNonAscii(r.value);
      if (at >= 0) nonAsciiAt = size + at;
    }
    prefix.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(prefix);
  const encoding = detectEncoding(head);
  onEncoding?.(encoding);
  if (!encoding.startsWith("utf-16") && head.subarray(0, 4096).includes(0)) {
    throw new AppError("FILE_UNREADABLE", {
      reason: "文件内容不是文本格式的 CSV，请另存为 .xlsx 或 .csv 后再导入",
    });
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  const decode = (b?: Buffer): string => {
    try {
      return b ? decoder.decode(b, { stream: true }) : decoder.decode();
    } catch {
      throw encodingError();
    }
  };
  if (head.length > 0) yield decode(head);
  if (!ended) {
    while (true) {
      const r = await it.next();
      if (r.done) break;
      const s = decode(r.value);
      if (s) yield s;
    }
  }
  const tail = decode();
  if (tail) yield tail;
}
