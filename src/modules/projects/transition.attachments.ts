import type { AttachmentOwner } from "../../core/attachments/owners.ts";
import { canWriteLedgers } from "../../core/auth/session.service.ts";
import type { Conn } from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";

async function locate(db: Conn, scope: Scope, ownerId: number) {
  const row = await db
    .selectFrom("project_transitions")
    .innerJoin("projects", "projects.id", "project_transitions.project_id")
    .select(["projects.region_id as regionId", "projects.region_path as regionPath"])
    .where("project_transitions.id", "=", ownerId)
    .where("projects.region_path", "like", `${scope.regionPath}%`)
    .executeTakeFirst();
  return row ?? null;
}

/** Files on one lifecycle step (立项批复, 中期检查报告, 验收意见…), scoped like the project. */
export const projectTransitionAttachmentOwner: AttachmentOwner = {
  type: "project-transition",
  label: "项目状态变更",
  locate,
  async canWrite(db, scope, ownerId) {
    return canWriteLedgers(scope) && (await locate(db, scope, ownerId)) !== null;
  },
};
