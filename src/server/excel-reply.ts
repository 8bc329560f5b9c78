import { PassThrough } from "node:stream";
import type {} from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";
import type { ExportSheet } from "../core/excel/index.ts";
import { writeXlsx } from "../core/excel/index.ts";

/** Streams an .xlsx download; the Chinese file name goes in RFC 5987 form. */
export function sendXlsx(reply: FastifyReply, filename: string, sheet: ExportSheet): FastifyReply {
  const body = new PassThrough();
  writeXlsx(body, sheet).catch((err: unknown) =>
    body.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header(
      "content-disposition",
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header("cache-control", "no-store")
    .send(body);
}

/** The uploaded file of a multipart import request (field "file"), size-limited. */
export async function readUpload(
  req: FastifyRequest,
  maxMb: number,
): Promise<{ buffer: Buffer; filename: string }> {
  if (!req.isMultipart())
    throw new AppError("FILE_UNREADABLE", { reason: "请以表单方式上传文件（字段名 file）" });
  const part = await req.file({ limits: { fileSize: maxMb * 1024 * 1024, files: 1 } });
  if (!part) throw new AppError("FILE_UNREADABLE", { reason: "没有收到文件" });
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch {
    throw new AppError("FILE_TOO_LARGE", { maxMb });
  }
  return { buffer, filename: part.filename || "upload.xlsx" };
}
