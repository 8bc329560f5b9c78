import { type Expression, type SqlBool, sql } from "kysely";
import type { Commissioner, Conn } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, scopePattern, whereInScope } from "../../core/scope.ts";
import { assignmentOverlaps } from "./list-views.ts";

/** `own`: selected inside the caller's region (theirs to edit), not only serving in it. */
export type CommissionerRow = Commissioner & { region_name: string; own: boolean };
export type CommissionerValues = Omit<Commissioner, "id" | "version" | "created_at" | "updated_at">;
export interface AssignmentRow {
  id: number;
  commissioner_id: number;
  region_id: number;
  region_path: string;
  region_name: string;
  starts_on: string;
  ends_on: string | null;
}

function selectRows(db: Conn, scope: Pick<Scope, "regionPath">) {
  const mine = scopePattern(scope);
  return db
    .selectFrom("commissioners")
    .innerJoin("regions", "regions.id", "commissioners.region_id")
    .selectAll("commissioners")
    .select("regions.name as region_name")
    .select(sql<boolean>`commissioners.region_path like ${mine}`.as("own"));
}

/** Commissioners selected inside the caller's region: the ones the caller may change. */
function baseQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  return whereInScope(selectRows(db, scope), scope, "commissioners.region_path");
}

/**
 * What the caller may read: the commissioners selected in their region and those selected
 * above it (a city's) with an assignment to a town or village in it, the ones the
 * coverage figures count there.
 */
function readQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const mine = scopePattern(scope);
  return selectRows(db, scope).where((eb) =>
    eb.or([
      eb("commissioners.region_path", "like", mine),
      eb.exists(
        eb
          .selectFrom("commissioner_assignments as a")
          .select(sql`1`.as("one"))
          .whereRef("a.commissioner_id", "=", "commissioners.id")
          .where("a.region_path", "like", mine),
      ),
    ]),
  );
}

/** A dashboard figure's selection on the list (see list-views.ts); true when none. */
export type CommissionerListWhere = Expression<SqlBool>;

export function listCommissioners(
  db: Conn,
  scope: Scope,
  query: ListQuery,
  where: CommissionerListWhere = sql<SqlBool>`true`,
): Promise<ListPage<CommissionerRow>> {
  return runList(readQuery(db, scope).where(where), query, "commissioners.id");
}

export async function* iterateCommissioners(
  db: Conn,
  scope: Scope,
  query: ListQuery,
  where: CommissionerListWhere = sql<SqlBool>`true`,
): AsyncGenerator<CommissionerRow> {
  for (let page = 1; ; page++) {
    const r = await runList(
      readQuery(db, scope).where(where),
      { ...query, page, pageSize: 1000 },
      "commissioners.id",
    );
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

/** A commissioner the caller may change (selected in their region). */
export function getCommissioner(
  db: Conn,
  scope: Scope,
  id: number,
): Promise<CommissionerRow | undefined> {
  return baseQuery(db, scope).where("commissioners.id", "=", id).executeTakeFirst();
}

/** A commissioner the caller may read (see readQuery). */
export function readCommissioner(
  db: Conn,
  scope: Scope,
  id: number,
): Promise<CommissionerRow | undefined> {
  return readQuery(db, scope).where("commissioners.id", "=", id).executeTakeFirst();
}

export function loadAssignments(db: Conn, ids: readonly number[]): Promise<AssignmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("commissioner_assignments")
    .innerJoin("regions", "regions.id", "commissioner_assignments.region_id")
    .select([
      "commissioner_assignments.id",
      "commissioner_assignments.commissioner_id",
      "commissioner_assignments.region_id",
      "commissioner_assignments.region_path",
      "regions.name as region_name",
      "commissioner_assignments.starts_on",
      "commissioner_assignments.ends_on",
    ])
    .where("commissioner_assignments.commissioner_id", "in", ids)
    .orderBy("commissioner_assignments.starts_on")
    .orderBy("commissioner_assignments.id")
    .execute();
}

export async function replaceAssignments(
  db: Conn,
  commissionerId: number,
  rows: readonly {
    regionId: number;
    regionPath: string;
    startsOn: string;
    endsOn: string | null;
  }[],
): Promise<void> {
  await db
    .deleteFrom("commissioner_assignments")
    .where("commissioner_id", "=", commissionerId)
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto("commissioner_assignments")
    .values(
      rows.map((r) => ({
        commissioner_id: commissionerId,
        region_id: r.regionId,
        region_path: r.regionPath,
        starts_on: r.startsOn,
        ends_on: r.endsOn,
      })),
    )
    .execute();
}

export function insertCommissioner(db: Conn, row: CommissionerValues): Promise<Commissioner> {
  return db.insertInto("commissioners").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateCommissioner(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: CommissionerValues,
): Promise<Commissioner | undefined> {
  return db
    .updateTable("commissioners")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteCommissioner(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<Commissioner | undefined> {
  return db
    .deleteFrom("commissioners")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function listServices(db: Conn, commissionerId: number) {
  return db
    .selectFrom("commissioner_services")
    .innerJoin("regions", "regions.id", "commissioner_services.region_id")
    .selectAll("commissioner_services")
    .select("regions.name as region_name")
    .where("commissioner_id", "=", commissionerId)
    .orderBy("served_on", "desc")
    .orderBy("commissioner_services.id", "desc")
    .limit(500)
    .execute();
}

/**
 * Towns (level 4) under `path` and, per town, the commissioners whose assignment to that
 * town or one of its villages overlaps [from, to] (an open end means still serving).
 */
export async function townCoverage(
  db: Conn,
  path: string,
  period: { from: string; to: string },
): Promise<{ id: number; name: string; commissioners: string[] }[]> {
  const rows = await db
    .selectFrom("regions as t")
    .leftJoin("commissioner_assignments as a", (j) =>
      j
        .on(sql`a.region_path`, "like", sql`t.path || '%'`)
        .on(assignmentOverlaps(period.from, period.to)),
    )
    .leftJoin("commissioners as c", "c.id", "a.commissioner_id")
    .select(["t.id", "t.name", sql<string | null>`string_agg(distinct c.name, '、')`.as("names")])
    .where("t.level", "=", 4)
    .where("t.path", "like", `${path}%`)
    .groupBy(["t.id", "t.name", "t.sort", "t.code"])
    .orderBy("t.sort")
    .orderBy("t.code")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    commissioners: r.names ? r.names.split("、") : [],
  }));
}
