import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";

export interface SpooledUpload {
  path: string;
  filename: string;
  /** Deletes the file; safe to call more than once. */
  remove(): Promise<void>;
}

/**
 * Streams the multipart field "file" to a private file in `dir` without holding it in
 * memory, under the same size cap as readUpload. The caller owns the file and must
 * `remove()` it.
 */
export async function spoolUpload(
  req: FastifyRequest,
  maxMb: number,
  dir: string,
): Promise<SpooledUpload> {
  if (!req.isMultipart())
    throw new AppError("FILE_UNREADABLE", { reason: "请以表单方式上传文件（字段名 file）" });
  const part = await req.file({ limits: { fileSize: maxMb * 1024 * 1024, files: 1 } });
  if (!part) throw new AppError("FILE_UNREADABLE", { reason: "没有收到文件" });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `import-${randomUUID()}.upload`);
  const remove = () => rm(path, { force: true });
  try {
    await pipeline(part.file, createWriteStream(path, { mode: 0o600, flags: "wx" }));
  } catch (err) {
    await remove();
    if (part.file.truncated) throw new AppError("FILE_TOO_LARGE", { maxMb });
    throw err;
  }
  // @fastify/multipart ends a file at the cap quietly; only `truncated` tells.
  if (part.file.truncated) {
    await remove();
    throw new AppError("FILE_TOO_LARGE", { maxMb });
  }
  return { path, filename: part.filename || "upload.xlsx", remove };
}
