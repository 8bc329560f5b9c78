import type { Insertable, Selectable } from "kysely";
import type { AttachmentTable, Conn } from "../db/schema.ts";
import { type Scope, whereInScope } from "../scope.ts";

export type AttachmentRow = Selectable<AttachmentTable> & { uploaded_by_name: string | null };

function base(db: Conn, scope: Pick<Scope, "regionPath">) {
  return whereInScope(
    db
      .selectFrom("attachments as a")
      .leftJoin("users as u", "u.id", "a.uploaded_by")
      .selectAll("a")
      .select("u.display_name as uploaded_by_name"),
    scope,
    "a.region_path",
  );
}

export async function listByOwner(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  ownerType: string,
  ownerIds: readonly number[],
): Promise<AttachmentRow[]> {
  if (ownerIds.length === 0) return [];
  return base(db, scope)
    .where("a.owner_type", "=", ownerType)
    .where("a.owner_id", "in", [...ownerIds])
    .orderBy("a.created_at")
    .orderBy("a.id")
    .execute();
}

export async function findAttachment(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  id: number,
): Promise<AttachmentRow | undefined> {
  return base(db, scope).where("a.id", "=", id).executeTakeFirst();
}

export async function insertAttachment(
  db: Conn,
  row: Insertable<AttachmentTable>,
): Promise<number> {
  const { id } = await db
    .insertInto("attachments")
    .values(row)
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteAttachmentRow(db: Conn, id: number): Promise<void> {
  await db.deleteFrom("attachments").where("id", "=", id).execute();
}
