import { sql } from "kysely";
import type { Conn, Project, ProjectTransition } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import type { ListView } from "../../core/entity/list-view.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import { type ProjectView, projectViewCondition } from "./list-views.ts";

export type ProjectRow = Project & {
  region_name: string;
  programme_name: string;
  enterprise_name: string | null;
  paid: number;
};
export type ProjectValues = Omit<
  Project,
  "id" | "version" | "created_at" | "updated_at" | "status"
>;

export interface ProjectListExtra {
  year?: number;
  enterpriseId?: number;
  /** A dashboard figure's selection (see list-views.ts). */
  view?: ListView<ProjectView>;
}

function baseQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("projects")
    .innerJoin("regions", "regions.id", "projects.region_id")
    .innerJoin("project_programmes", "project_programmes.code", "projects.programme_code")
    .leftJoin("enterprises", "enterprises.id", "projects.enterprise_id")
    .selectAll("projects")
    .select([
      "regions.name as region_name",
      "enterprises.name as enterprise_name",
      "project_programmes.name as programme_name",
      sql<number>`coalesce((select sum(f.amount) from fund_payments f
        where f.project_id = projects.id), 0)`.as("paid"),
    ]);
  return whereInScope(qb, scope, "projects.region_path");
}

export function listProjects(
  db: Conn,
  scope: Scope,
  query: ListQuery,
  extra: ProjectListExtra = {},
): Promise<ListPage<ProjectRow>> {
  let qb = baseQuery(db, scope);
  if (extra.year) qb = qb.where("projects.apply_year", "=", extra.year);
  if (extra.enterpriseId) qb = qb.where("projects.enterprise_id", "=", extra.enterpriseId);
  if (extra.view) qb = qb.where(projectViewCondition(extra.view));
  return runList(qb, query, "projects.id");
}

export function getProject(db: Conn, scope: Scope, id: number): Promise<ProjectRow | undefined> {
  return baseQuery(db, scope).where("projects.id", "=", id).executeTakeFirst();
}

/** Locks the project row for the rest of the transaction (payments and transitions). */
export function lockProject(db: Conn, scope: Scope, id: number): Promise<Project | undefined> {
  return db
    .selectFrom("projects")
    .selectAll()
    .where("id", "=", id)
    .where("region_path", "like", `${scope.regionPath}%`)
    .forUpdate()
    .executeTakeFirst();
}

export function insertProject(db: Conn, row: ProjectValues): Promise<Project> {
  return db.insertInto("projects").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateProject(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: Partial<ProjectValues> & { status?: string },
): Promise<Project | undefined> {
  return db
    .updateTable("projects")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteProject(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<Project | undefined> {
  return db
    .deleteFrom("projects")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function insertTransition(
  db: Conn,
  row: Omit<ProjectTransition, "id" | "created_at">,
): Promise<ProjectTransition> {
  return db.insertInto("project_transitions").values(row).returningAll().executeTakeFirstOrThrow();
}

export function listTransitions(db: Conn, projectId: number) {
  return db
    .selectFrom("project_transitions")
    .leftJoin("users", "users.id", "project_transitions.user_id")
    .selectAll("project_transitions")
    .select("users.display_name as user_name")
    .where("project_id", "=", projectId)
    .orderBy("occurred_on")
    .orderBy("project_transitions.id")
    .execute();
}

export function lastTransitionDate(db: Conn, projectId: number): Promise<string | undefined> {
  return db
    .selectFrom("project_transitions")
    .select(sql<string>`max(occurred_on)::text`.as("d"))
    .where("project_id", "=", projectId)
    .executeTakeFirst()
    .then((r) => r?.d ?? undefined);
}

export function listMidterms(db: Conn, projectId: number) {
  return db
    .selectFrom("project_midterms")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("checked_on")
    .execute();
}

export function listAcceptances(db: Conn, projectId: number) {
  return db
    .selectFrom("project_acceptances")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("accepted_on")
    .execute();
}

export function programmeExists(db: Conn, code: string): Promise<boolean> {
  return db
    .selectFrom("project_programmes")
    .select("code")
    .where("code", "=", code)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export function listProgrammes(db: Conn) {
  return db.selectFrom("project_programmes").selectAll().orderBy("sort").execute();
}

/** Fiscal (non-自筹) approved funds: the ceiling for money paid out on the project. */
export function fiscalTotal(
  p: Pick<Project, "fund_national" | "fund_provincial" | "fund_city" | "fund_county">,
): number {
  const cents = [p.fund_national, p.fund_provincial, p.fund_city, p.fund_county].reduce(
    (s, v) => s + Math.round(Number(v) * 100),
    0,
  );
  return cents / 100;
}
