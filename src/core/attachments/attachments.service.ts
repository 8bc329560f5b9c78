import type { ReadStream } from "node:fs";
import { writeAudit } from "../audit/audit.repository.ts";
import type { Conn, Db } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { Scope } from "../scope.ts";
import * as repo from "./attachments.repository.ts";
import type { AttachmentOwner, AttachmentOwners } from "./owners.ts";
import { checkFile, cleanFilename } from "./policy.ts";
import { type AttachmentStorage, openStored, removeStored, storeStream } from "./storage.ts";

export interface AttachmentContext {
  db: Db;
  owners: AttachmentOwners;
  storage: AttachmentStorage;
  maxMb: number;
}

function ownerOf(owners: AttachmentOwners, type: string): AttachmentOwner {
  const owner = owners.get(type);
  if (!owner) throw new AppError("NOT_FOUND", { entity: "附件所属记录类型" });
  return owner;
}

async function locate(db: Conn, scope: Scope, owner: AttachmentOwner, ownerId: number) {
  const at = await owner.locate(db, scope, ownerId);
  if (!at) throw new AppError("NOT_FOUND", { entity: owner.label });
  return at;
}

async function mustWrite(db: Conn, scope: Scope, owner: AttachmentOwner, ownerId: number) {
  if (!(await owner.canWrite(db, scope, ownerId))) {
    throw new AppError("FORBIDDEN", { reason: `您不能修改该${owner.label}的附件` });
  }
}

export async function listAttachments(
  ctx: AttachmentContext,
  scope: Scope,
  ownerType: string,
  ownerId: number,
): Promise<repo.AttachmentRow[]> {
  const owner = ownerOf(ctx.owners, ownerType);
  await locate(ctx.db, scope, owner, ownerId);
  return repo.listByOwner(ctx.db, scope, ownerType, [ownerId]);
}

/**
 * Stores an uploaded file for a record. The bytes are streamed to disk first (bounded by
 * the size limit), checked against the type allow-list, then the row is written with its
 * audit entry; if anything fails, the stored file is removed again.
 */
export async function uploadAttachment(
  ctx: AttachmentContext,
  scope: Scope,
  input: {
    ownerType: string;
    ownerId: number;
    filename: string;
    stream: NodeJS.ReadableStream & { truncated?: boolean };
  },
): Promise<repo.AttachmentRow> {
  const owner = ownerOf(ctx.owners, input.ownerType);
  const at = await locate(ctx.db, scope, owner, input.ownerId);
  await mustWrite(ctx.db, scope, owner, input.ownerId);
  const filename = cleanFilename(input.filename);
  if (!filename) throw new AppError("FILE_TYPE", { reason: "文件名为空" });

  const stored = await storeStream(ctx.storage, input.stream);
  try {
    if (stored.truncated) throw new AppError("FILE_TOO_LARGE", { maxMb: ctx.maxMb });
    const check = checkFile(filename, stored.head);
    if (!check.ok) throw new AppError("FILE_TYPE", { reason: check.reason });
    const id = await ctx.db.transaction().execute(async (trx) => {
      const newId = await repo.insertAttachment(trx, {
        region_id: at.regionId,
        region_path: at.regionPath,
        owner_type: owner.type,
        owner_id: input.ownerId,
        filename,
        mime: check.mime,
        size_bytes: stored.size,
        sha256: stored.sha256,
        storage_key: stored.storageKey,
        uploaded_by: scope.userId,
      });
      await writeAudit(trx, scope, {
        action: "create",
        entity: "attachment",
        recordId: newId,
        regionPath: at.regionPath,
        after: { owner: `${owner.type}:${input.ownerId}`, filename, size: stored.size },
      });
      return newId;
    });
    const row = await repo.findAttachment(ctx.db, scope, id);
    if (!row) throw new AppError("NOT_FOUND", { entity: "附件" });
    return row;
  } catch (err) {
    await removeStored(ctx.storage, stored.storageKey);
    throw err;
  }
}

/** The row and a stream of its bytes, if the caller may see the owning record. */
export async function openAttachment(
  ctx: AttachmentContext,
  scope: Scope,
  id: number,
): Promise<{ row: repo.AttachmentRow; stream: ReadStream }> {
  const row = await repo.findAttachment(ctx.db, scope, id);
  if (!row) throw new AppError("NOT_FOUND", { entity: "附件" });
  const owner = ownerOf(ctx.owners, row.owner_type);
  await locate(ctx.db, scope, owner, row.owner_id);
  return { row, stream: openStored(ctx.storage, row.storage_key) };
}

export async function deleteAttachment(
  ctx: AttachmentContext,
  scope: Scope,
  id: number,
): Promise<void> {
  const row = await repo.findAttachment(ctx.db, scope, id);
  if (!row) throw new AppError("NOT_FOUND", { entity: "附件" });
  const owner = ownerOf(ctx.owners, row.owner_type);
  await locate(ctx.db, scope, owner, row.owner_id);
  await mustWrite(ctx.db, scope, owner, row.owner_id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteAttachmentRow(trx, id);
    await writeAudit(trx, scope, {
      action: "delete",
      entity: "attachment",
      recordId: id,
      regionPath: row.region_path,
      before: { owner: `${row.owner_type}:${row.owner_id}`, filename: row.filename },
    });
  });
  await removeStored(ctx.storage, row.storage_key);
}
