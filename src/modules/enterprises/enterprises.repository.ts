import { type SqlBool, sql } from "kysely";
import type { Conn, Enterprise, EnterpriseTable } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import type { ListView as PresetView } from "../../core/entity/list-view.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import { type EnterpriseView, enterpriseViewCondition } from "./list-views.ts";

export type EnterpriseRow = Enterprise & {
  region_name: string;
  scale: string | null;
  qualifications: string | null;
};

/** Per-year view of the list: which year's scale, and the day qualifications are valid on. */
export interface ListView {
  /** Statistical year; default the latest year with figures up to this year. */
  year?: number;
  /** Only enterprises holding one of these kinds, valid on the reference day. */
  qualification?: string[];
  today: string;
  /** A dashboard figure's selection (see list-views.ts). */
  preset?: PresetView<EnterpriseView>;
}

/** The reference day of a year view: its 31 December, or today for the current year. */
export function referenceDay(view: Pick<ListView, "year" | "today">): string {
  if (!view.year) return view.today;
  const end = `${view.year}-12-31`;
  return end < view.today ? end : view.today;
}

function validOn(ref: string) {
  return sql<SqlBool>`coalesce(q.issued_on, make_date(q.year, 1, 1)) <= ${ref}::date
    and q.expires_on >= ${ref}::date`;
}

function baseQuery(db: Conn, scope: Scope, view: ListView) {
  const ref = referenceDay(view);
  const thisYear = Number(view.today.slice(0, 4));
  const scale = view.year
    ? sql<string | null>`(select case when y.above_scale then 'above' else 'below' end
        from enterprise_yearly y where y.enterprise_id = enterprises.id and y.year = ${view.year})`
    : sql<string | null>`(select case when y.above_scale then 'above' else 'below' end
        from enterprise_yearly y where y.enterprise_id = enterprises.id and y.year <= ${thisYear}
        order by y.year desc limit 1)`;
  const quals = sql<string | null>`(select string_agg(t.name, '、' order by t.sort)
      from (select distinct k.name, k.sort from enterprise_qualifications q
        join qualification_kinds k on k.code = q.kind_code
        where q.enterprise_id = enterprises.id and ${validOn(ref)}) t)`;
  let inner = whereInScope(
    db
      .selectFrom("enterprises")
      .selectAll("enterprises")
      .select([scale.as("scale"), quals.as("qualifications")]),
    scope,
    "enterprises.region_path",
  );
  const kinds = view.qualification ?? [];
  if (kinds.length > 0) {
    inner = inner.where(
      sql<SqlBool>`exists (select 1 from enterprise_qualifications q
        where q.enterprise_id = enterprises.id and q.kind_code in (${sql.join(kinds)})
        and ${validOn(ref)})`,
    );
  }
  if (view.preset) inner = inner.where(enterpriseViewCondition(view.preset));
  return db
    .selectFrom(inner.as("e"))
    .innerJoin("regions", "regions.id", "e.region_id")
    .selectAll("e")
    .select("regions.name as region_name");
}

export function listEnterprises(
  db: Conn,
  scope: Scope,
  query: ListQuery,
  view: ListView,
): Promise<ListPage<EnterpriseRow>> {
  return runList(baseQuery(db, scope, view), query, "e.id");
}

export async function* iterateEnterprises(
  db: Conn,
  scope: Scope,
  query: ListQuery,
  view: ListView,
): AsyncGenerator<EnterpriseRow> {
  for (let page = 1; ; page++) {
    const r = await runList(baseQuery(db, scope, view), { ...query, page, pageSize: 1000 }, "e.id");
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

export function getEnterprise(
  db: Conn,
  scope: Scope,
  id: number,
  today: string,
): Promise<EnterpriseRow | undefined> {
  return baseQuery(db, scope, { today }).where("e.id", "=", id).executeTakeFirst();
}

export function findEnterprise(db: Conn, scope: Scope, id: number) {
  return db
    .selectFrom("enterprises")
    .selectAll()
    .where("id", "=", id)
    .where("region_path", "like", `${scope.regionPath}%`)
    .executeTakeFirst();
}

export type EnterpriseValues = Omit<
  EnterpriseTable,
  "id" | "version" | "created_at" | "updated_at"
>;

export function insertEnterprise(db: Conn, row: EnterpriseValues): Promise<Enterprise> {
  return db.insertInto("enterprises").values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned update; callers move the child rows with followEnterpriseRegion. */
export function updateEnterprise(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  row: EnterpriseValues,
): Promise<Enterprise | undefined> {
  return db
    .updateTable("enterprises")
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteEnterprise(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<Enterprise | undefined> {
  return db
    .deleteFrom("enterprises")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export async function findByCreditCodes(
  db: Conn,
  scope: Scope,
  codes: string[],
): Promise<Enterprise[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom("enterprises")
    .selectAll()
    .where("region_path", "like", `${scope.regionPath}%`)
    .where("credit_code", "in", codes)
    .execute();
}

export async function findByNormNames(
  db: Conn,
  scope: Scope,
  norms: string[],
): Promise<Enterprise[]> {
  if (norms.length === 0) return [];
  return db
    .selectFrom("enterprises")
    .selectAll()
    .where("region_path", "like", `${scope.regionPath}%`)
    .where("name_norm", "in", norms)
    .execute();
}
