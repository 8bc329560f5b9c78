import type { Selectable } from "kysely";
import type { Conn, ReportDraftTable, ReportVersionTable } from "../../core/db/schema.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type DraftRow = Selectable<ReportDraftTable> & {
  region_name: string;
  updated_by_name: string | null;
};
export type VersionRow = Selectable<ReportVersionTable> & { created_by_name: string | null };

function drafts(db: Conn, scope: Pick<Scope, "regionPath">) {
  return whereInScope(
    db
      .selectFrom("report_drafts as d")
      .innerJoin("regions as r", "r.id", "d.region_id")
      .leftJoin("users as u", "u.id", "d.updated_by")
      .selectAll("d")
      .select(["r.name as region_name", "u.display_name as updated_by_name"]),
    scope,
    "d.region_path",
  );
}

export async function listDrafts(db: Conn, scope: Pick<Scope, "regionPath">): Promise<DraftRow[]> {
  return drafts(db, scope)
    .orderBy("d.period_to", "desc")
    .orderBy("d.id", "desc")
    .limit(500)
    .execute();
}

export async function findDraft(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  id: number,
): Promise<DraftRow | undefined> {
  return drafts(db, scope).where("d.id", "=", id).executeTakeFirst();
}

export async function listVersions(db: Conn, draftId: number): Promise<VersionRow[]> {
  return db
    .selectFrom("report_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .selectAll("v")
    .select("u.display_name as created_by_name")
    .where("v.draft_id", "=", draftId)
    .orderBy("v.no", "desc")
    .execute();
}

export async function findVersion(
  db: Conn,
  draftId: number,
  no: number,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom("report_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .selectAll("v")
    .select("u.display_name as created_by_name")
    .where("v.draft_id", "=", draftId)
    .where("v.no", "=", no)
    .executeTakeFirst();
}
