import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AttachmentRow } from "../../core/attachments/attachments.repository.ts";
import * as service from "../../core/attachments/attachments.service.ts";
import { attachmentOwnerMap } from "../../core/attachments/owners.ts";
import { extensionOf } from "../../core/attachments/policy.ts";
import type { Config } from "../../core/config.ts";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, scopeOf } from "../auth-plugin.ts";
import { attachmentOwners } from "../registry.ts";

const tags = ["attachments"];
const ownerQuery = z.object({
  ownerType: z.string().min(1).max(40),
  ownerId: z.coerce.number().int().positive(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const attachmentDto = z.object({
  id: z.number(),
  ownerType: z.string(),
  ownerId: z.number(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});

function present(row: AttachmentRow): z.infer<typeof attachmentDto> {
  return {
    id: row.id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    filename: row.filename,
    mime: row.mime,
    size: row.size_bytes,
    uploadedBy: row.uploaded_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** RFC 6266/5987 disposition: an ASCII fallback plus the UTF-8 name browsers show. */
function disposition(kind: "inline" | "attachment", filename: string): string {
  const ext = extensionOf(filename);
  const fallback = `file${ext ? `.${ext}` : ""}`;
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function attachmentsDir(config: Config): string {
  return resolve(config.KEGUAN_ATTACHMENT_DIR ?? join(config.KEGUAN_DATA_DIR, "attachments"));
}

/** Generic attachment routes; what a file may be attached to is decided by its owner. */
export function attachmentRoutes(db: Db, config: Config) {
  const ctx: service.AttachmentContext = {
    db,
    owners: attachmentOwnerMap(attachmentOwners),
    storage: { root: attachmentsDir(config) },
    maxMb: config.KEGUAN_ATTACHMENT_MAX_MB,
  };
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      "/api/attachments",
      { schema: { tags, querystring: ownerQuery, response: { 200: z.array(attachmentDto) } } },
      async (req) => {
        requireAuth(req);
        const rows = await service.listAttachments(
          ctx,
          scopeOf(req),
          req.query.ownerType,
          req.query.ownerId,
        );
        return rows.map(present);
      },
    );

    r.post(
      "/api/attachments",
      { schema: { tags, querystring: ownerQuery, response: { 201: attachmentDto } } },
      async (req, reply) => {
        requireAuth(req);
        if (!req.isMultipart()) {
          throw new AppError("FILE_UNREADABLE", { reason: "请以表单方式上传文件（字段名 file）" });
        }
        const part = await req.file({
          limits: { fileSize: ctx.maxMb * 1048576, files: 1 },
        });
        if (!part) throw new AppError("FILE_UNREADABLE", { reason: "没有收到文件" });
        const row = await service.uploadAttachment(ctx, scopeOf(req), {
          ownerType: req.query.ownerType,
          ownerId: req.query.ownerId,
          filename: part.filename,
          stream: part.file,
        });
        return reply.code(201).send(present(row));
      },
    );

    r.get(
      "/api/attachments/:id/download",
      {
        schema: {
          tags,
          params: idParams,
          querystring: z.object({ inline: z.enum(["1", "0"]).optional() }),
        },
      },
      async (req, reply) => {
        requireAuth(req);
        const { row, stream } = await service.openAttachment(ctx, scopeOf(req), req.params.id);
        // Only images are shown inline (photo thumbnails); anything else is downloaded.
        const inline = req.query.inline === "1" && row.mime.startsWith("image/");
        return reply
          .header("content-type", row.mime)
          .header("content-length", String(row.size_bytes))
          .header(
            "content-disposition",
            disposition(inline ? "inline" : "attachment", row.filename),
          )
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "sandbox")
          .header("cache-control", "private, no-store")
          .send(stream);
      },
    );

    r.delete("/api/attachments/:id", { schema: { tags, params: idParams } }, async (req, reply) => {
      requireAuth(req);
      await service.deleteAttachment(ctx, scopeOf(req), req.params.id);
      return reply.code(204).send();
    });
  };
}
