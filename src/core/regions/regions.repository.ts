import { sql } from "kysely";
import type { Conn, Region } from "../db/schema.ts";

export const REGION_LEVEL_LABELS: Record<number, string> = {
  1: "省",
  2: "市",
  3: "县（区）",
  4: "乡镇（街道）",
  5: "村（社区）",
};

export async function getRegion(db: Conn, id: number): Promise<Region | undefined> {
  return db.selectFrom("regions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getRegionByCode(db: Conn, code: string): Promise<Region | undefined> {
  return db.selectFrom("regions").selectAll().where("code", "=", code).executeTakeFirst();
}

/** The region at `path` and everything below it, down to maxLevel, in tree order. */
export async function listSubtree(db: Conn, path: string, maxLevel = 5): Promise<Region[]> {
  return db
    .selectFrom("regions")
    .selectAll()
    .where("path", "like", `${path}%`)
    .where("level", "<=", maxLevel)
    .orderBy("level")
    .orderBy("sort")
    .orderBy("code")
    .execute();
}

export interface NewRegion {
  parentId: number | null;
  code: string;
  name: string;
  level: number;
  sort?: number;
}

/** Inserts a region with its materialised path ("/<ancestor ids>/<own id>/"). */
export async function insertRegion(db: Conn, r: NewRegion): Promise<Region> {
  const parent = r.parentId === null ? undefined : await getRegion(db, r.parentId);
  if (r.parentId !== null && !parent) throw new Error(`parent region ${r.parentId} not found`);
  const { id } = await sql<{ id: number }>`select nextval('regions_id_seq')::int as id`
    .execute(db)
    .then((x) => {
      const row = x.rows[0];
      if (!row) throw new Error("nextval returned nothing");
      return row;
    });
  const path = `${parent?.path ?? "/"}${id}/`;
  return db
    .insertInto("regions")
    .values({
      id,
      parent_id: r.parentId,
      code: r.code,
      name: r.name,
      level: r.level,
      path,
      sort: r.sort ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Resolves a region given by code or by name inside a subtree (used by Excel imports). */
export async function findRegionInSubtree(
  db: Conn,
  path: string,
  codeOrName: string,
): Promise<Region[]> {
  const v = codeOrName.trim();
  return db
    .selectFrom("regions")
    .selectAll()
    .where("path", "like", `${path}%`)
    .where((eb) => eb.or([eb("code", "=", v), eb("name", "=", v)]))
    .limit(2)
    .execute();
}
