// Test-only: builds a small region tree with units and users. Imported by *.test.ts only.
import type { Conn, Region } from "../db/schema.ts";

export async function insertRegion(
  db: Conn,
  r: { code: string; name: string; level: number; parent?: Region },
): Promise<Region> {
  const row = await db
    .insertInto("regions")
    .values({
      code: r.code,
      name: r.name,
      level: r.level,
      parent_id: r.parent?.id ?? null,
      // Unique placeholder until the id is known.
      path: `tmp-${r.code}`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return db
    .updateTable("regions")
    .set({ path: `${r.parent?.path ?? "/"}${row.id}/` })
    .where("id", "=", row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertUnits(
  db: Conn,
  region: Region,
  names: string[],
  active = true,
): Promise<void> {
  if (names.length === 0) return;
  await db
    .insertInto("units")
    .values(
      names.map((name) => ({
        region_id: region.id,
        region_path: region.path,
        name,
        kind: "部门",
        active,
      })),
    )
    .execute();
}

export async function insertUsers(
  db: Conn,
  region: Region,
  usernames: string[],
  active = true,
): Promise<void> {
  if (usernames.length === 0) return;
  await db
    .insertInto("users")
    .values(
      usernames.map((username) => ({
        username,
        display_name: username,
        password_hash: "x",
        role: "editor" as const,
        region_id: region.id,
        region_path: region.path,
        active,
      })),
    )
    .execute();
}

export interface SampleTree {
  province: Region;
  city: Region;
  countyA: Region;
  countyB: Region;
  townA: Region;
}

/**
 * Province → city → counties A and B (A has a town). Active units: A 2 (+1 in its town),
 * B 1, city 1; one inactive unit in A. Active users: A 2, B 3; one inactive user in B.
 */
export async function sampleTree(db: Conn): Promise<SampleTree> {
  const province = await insertRegion(db, { code: "510000", name: "四川省", level: 1 });
  const city = await insertRegion(db, {
    code: "511100",
    name: "乐山市",
    level: 2,
    parent: province,
  });
  const countyA = await insertRegion(db, {
    code: "511123",
    name: "犍为县",
    level: 3,
    parent: city,
  });
  const countyB = await insertRegion(db, {
    code: "511124",
    name: "井研县",
    level: 3,
    parent: city,
  });
  const townA = await insertRegion(db, {
    code: "511123100",
    name: "玉津镇",
    level: 4,
    parent: countyA,
  });
  await insertUnits(db, countyA, ["犍为县科技局", "犍为县经信局"]);
  await insertUnits(db, countyA, ["犍为县旧机构"], false);
  await insertUnits(db, townA, ["玉津镇政府"]);
  await insertUnits(db, countyB, ["井研县科技局"]);
  await insertUnits(db, city, ["乐山市科技局"]);
  await insertUsers(db, countyA, ["a1", "a2"]);
  await insertUsers(db, countyB, ["b1", "b2", "b3"]);
  await insertUsers(db, countyB, ["b-gone"], false);
  return { province, city, countyA, countyB, townA };
}
