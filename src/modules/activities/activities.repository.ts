import { sql } from "kysely";
import type { Activity, Conn } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type ActivityRow = Activity & {
  region_name: string;
  organiser_name: string | null;
  campaign_name: string | null;
};

export interface ActivityOutputRow {
  activity_id: number;
  kind: string;
  value: number;
}

export interface ActivityChildren {
  outputs: ActivityOutputRow[];
  partners: { activity_id: number; unit_id: number; name: string }[];
}

function baseQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("activities")
    .innerJoin("regions", "regions.id", "activities.region_id")
    .leftJoin("units", "units.id", "activities.organiser_unit_id")
    .leftJoin("activity_campaigns", "activity_campaigns.code", "activities.campaign_code")
    .selectAll("activities")
    .select([
      "regions.name as region_name",
      "units.name as organiser_name",
      "activity_campaigns.name as campaign_name",
    ]);
  return whereInScope(qb, scope, "activities.region_path");
}

export function listActivities(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<ActivityRow>> {
  return runList(baseQuery(db, scope), query, "activities.id");
}

export async function* iterateActivities(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): AsyncGenerator<ActivityRow> {
  for (let page = 1; ; page++) {
    const r = await runList(
      baseQuery(db, scope),
      { ...query, page, pageSize: 1000 },
      "activities.id",
    );
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

export function getActivity(db: Conn, scope: Scope, id: number): Promise<ActivityRow | undefined> {
  return baseQuery(db, scope).where("activities.id", "=", id).executeTakeFirst();
}

/** Outputs and partner units of the given activities (the caller has scoped the ids). */
export async function loadChildren(db: Conn, ids: readonly number[]): Promise<ActivityChildren> {
  if (ids.length === 0) return { outputs: [], partners: [] };
  const [outputs, partners] = await Promise.all([
    db
      .selectFrom("activity_outputs")
      .innerJoin("activity_output_kinds", "activity_output_kinds.code", "activity_outputs.kind")
      .select(["activity_outputs.activity_id", "activity_outputs.kind", "activity_outputs.value"])
      .where("activity_outputs.activity_id", "in", ids)
      .orderBy("activity_output_kinds.sort")
      .execute(),
    db
      .selectFrom("activity_partners")
      .innerJoin("units", "units.id", "activity_partners.unit_id")
      .select(["activity_partners.activity_id", "activity_partners.unit_id", "units.name"])
      .where("activity_partners.activity_id", "in", ids)
      .orderBy("units.sort")
      .execute(),
  ]);
  return { outputs: outputs.map((o) => ({ ...o, value: Number(o.value) })), partners };
}

export async function replaceOutputs(
  db: Conn,
  activityId: number,
  outputs: readonly { kind: string; value: number }[],
): Promise<void> {
  await db.deleteFrom("activity_outputs").where("activity_id", "=", activityId).execute();
  if (outputs.length === 0) return;
  await db
    .insertInto("activity_outputs")
    .values(outputs.map((o) => ({ activity_id: activityId, kind: o.kind, value: o.value })))
    .execute();
}

export async function replacePartners(
  db: Conn,
  activityId: number,
  unitIds: readonly number[],
): Promise<void> {
  await db.deleteFrom("activity_partners").where("activity_id", "=", activityId).execute();
  if (unitIds.length === 0) return;
  await db
    .insertInto("activity_partners")
    .values(unitIds.map((unit_id) => ({ activity_id: activityId, unit_id })))
    .execute();
}

export type NewActivityRow = Omit<Activity, "id" | "version" | "created_at" | "updated_at">;

export function insertActivity(db: Conn, row: NewActivityRow): Promise<Activity> {
  return db.insertInto("activities").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateActivity(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: NewActivityRow,
): Promise<Activity | undefined> {
  return db
    .updateTable("activities")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteActivity(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<Activity | undefined> {
  return db
    .deleteFrom("activities")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function listOutputKinds(db: Conn) {
  return db.selectFrom("activity_output_kinds").selectAll().orderBy("sort").execute();
}

export function listCampaigns(db: Conn) {
  return db.selectFrom("activity_campaigns").selectAll().orderBy("sort").execute();
}

/**
 * Units a record in `scope` may name: those inside the scope and those of regions above it
 * (a town's activity may be organised by the county 科协), never a neighbour's.
 */
export async function unitsUsableIn(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("units")
    .select("id")
    .where("id", "in", ids)
    .where((eb) =>
      eb.or([
        eb("region_path", "like", `${scope.regionPath}%`),
        eb(sql.val(scope.regionPath), "like", sql<string>`region_path || '%'`),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Totals per campaign and output kind of activities held in scope and period. */
export async function campaignTotals(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  period: { from: string; to: string },
) {
  const inPeriod = (qb: ReturnType<typeof baseQuery>) =>
    qb.where("activities.held_on", ">=", period.from).where("activities.held_on", "<=", period.to);
  const counts = await inPeriod(baseQuery(db, scope))
    .clearSelect()
    .select([
      "activities.campaign_code",
      sql<number>`count(*)::int`.as("n"),
      sql<string>`min(activities.held_on)::text`.as("first"),
      sql<string>`max(activities.held_on)::text`.as("last"),
    ])
    .groupBy("activities.campaign_code")
    .execute();
  const sums = await whereInScope(
    db
      .selectFrom("activity_outputs")
      .innerJoin("activities", "activities.id", "activity_outputs.activity_id")
      .select([
        "activities.campaign_code",
        "activity_outputs.kind",
        sql<number>`sum(activity_outputs.value)`.as("total"),
      ])
      .where("activities.held_on", ">=", period.from)
      .where("activities.held_on", "<=", period.to)
      .groupBy(["activities.campaign_code", "activity_outputs.kind"]),
    scope,
    "activities.region_path",
  ).execute();
  return {
    counts: counts.map((c) => ({ ...c, n: Number(c.n) })),
    sums: sums.map((s) => ({ ...s, total: Number(s.total) })),
  };
}
