import { seedEnterpriseDemo } from "../../modules/enterprises/demo.ts";
import { seedFieldworkDemo } from "../../modules/fieldwork/demo-seed.ts";
import { seedIpAssetsDemo } from "../../modules/ip-assets/demo-seed.ts";
import { seedIpWorkDemo } from "../../modules/ip-work/demo-seed.ts";
import { seedPatentDemo } from "../../modules/patents/demo.ts";
import { seedPlatformsDemo } from "../../modules/platforms/demo-seed.ts";
import { seedProjectDemo } from "../../modules/projects/demo.ts";
import { seedQuakeDemo } from "../../modules/quake/demo.ts";
import { seedTargetsDemo } from "../../modules/targets/demo-seed.ts";
import { seedTaskDemo } from "../../modules/tasks/demo-seed.ts";
import { hashPassword } from "../auth/password.ts";
import type { Conn, Region, Role } from "../db/schema.ts";
import { insertRegion } from "../regions/regions.repository.ts";
import {
  DEMO_CITY,
  DEMO_COUNTY,
  DEMO_PROVINCE,
  DEMO_TOWNS,
  DEMO_UNITS,
  NEIGHBOUR_COUNTY,
  NEIGHBOUR_TOWNS,
} from "./demo-county.ts";

export interface DemoLogin {
  username: string;
  displayName: string;
  role: Role;
  region: string;
}

export interface DemoResult {
  county: Region;
  city: Region;
  neighbour: Region;
  logins: DemoLogin[];
}

/**
 * Loads the demo county into an empty database: regions down to villages, units, and one
 * user of each role (plus a city admin and a neighbour-county editor). All demo users
 * share `password`.
 */
export async function seedDemo(
  db: Conn,
  opts: { password: string; adminPassword?: string },
): Promise<DemoResult> {
  const province = await insertRegion(db, { parentId: null, level: 1, ...DEMO_PROVINCE });
  const city = await insertRegion(db, { parentId: province.id, level: 2, ...DEMO_CITY });
  const county = await insertRegion(db, { parentId: city.id, level: 3, ...DEMO_COUNTY, sort: 1 });
  const neighbour = await insertRegion(db, {
    parentId: city.id,
    level: 3,
    ...NEIGHBOUR_COUNTY,
    sort: 2,
  });
  let sort = 0;
  for (const t of DEMO_TOWNS) {
    const town = await insertRegion(db, {
      parentId: county.id,
      level: 4,
      code: t.code,
      name: t.name,
      sort: sort++,
    });
    let v = 1;
    for (const name of t.villages) {
      await insertRegion(db, {
        parentId: town.id,
        level: 5,
        code: `${t.code}${String(v).padStart(3, "0")}`,
        name,
        sort: v,
      });
      v += 1;
    }
  }
  for (const t of NEIGHBOUR_TOWNS) {
    await insertRegion(db, { parentId: neighbour.id, level: 4, code: t.code, name: t.name });
  }
  const units = await db
    .insertInto("units")
    .values([
      ...DEMO_UNITS.map((u, i) => ({
        region_id: county.id,
        region_path: county.path,
        name: u.name,
        short_name: u.shortName,
        kind: u.kind,
        contact: u.contact ?? null,
        phone: u.phone ?? null,
        sort: i + 1,
      })),
      {
        region_id: neighbour.id,
        region_path: neighbour.path,
        name: "井研县科学技术和知识产权局",
        short_name: "井研县科知局",
        kind: "科技局",
        sort: 1,
      },
      {
        region_id: city.id,
        region_path: city.path,
        name: "乐山市科学技术局",
        short_name: "市科技局",
        kind: "科技局",
        sort: 1,
      },
    ])
    .returning(["id", "name"])
    .execute();
  const towns = await db
    .selectFrom("regions")
    .selectAll()
    .where("parent_id", "=", county.id)
    .orderBy("sort")
    .execute();
  await db
    .insertInto("units")
    .values(
      towns.map((t, i) => ({
        region_id: t.id,
        region_path: t.path,
        name: `${t.name}${t.name.endsWith("街道") ? "办事处" : "人民政府"}`,
        short_name: t.name,
        kind: "乡镇（街道）",
        sort: 100 + i,
      })),
    )
    .execute();
  const unitId = (name: string) => units.find((u) => u.name === name)?.id ?? null;
  const hash = await hashPassword(opts.password);
  const adminHash = opts.adminPassword ? await hashPassword(opts.adminPassword) : hash;
  const people: (DemoLogin & { regionRow: Region; unit: string })[] = [
    {
      username: "admin",
      displayName: "系统管理员",
      role: "admin",
      region: county.name,
      regionRow: county,
      unit: "夹江县科学技术和知识产权局",
    },
    {
      username: "keyuan",
      displayName: "李晓梅",
      role: "editor",
      region: county.name,
      regionRow: county,
      unit: "夹江县科学技术和知识产权局",
    },
    {
      username: "juzhang",
      displayName: "陈建国",
      role: "viewer",
      region: county.name,
      regionRow: county,
      unit: "夹江县科学技术和知识产权局",
    },
    {
      username: "kexie",
      displayName: "张丽",
      role: "editor",
      region: county.name,
      regionRow: county,
      unit: "夹江县科学技术协会",
    },
    {
      username: "shiju",
      displayName: "刘强",
      role: "admin",
      region: city.name,
      regionRow: city,
      unit: "乐山市科学技术局",
    },
    {
      username: "jingyan",
      displayName: "赵云",
      role: "editor",
      region: neighbour.name,
      regionRow: neighbour,
      unit: "井研县科学技术和知识产权局",
    },
  ];
  await db
    .insertInto("users")
    .values(
      people.map((p) => ({
        username: p.username,
        display_name: p.displayName,
        role: p.role,
        region_id: p.regionRow.id,
        region_path: p.regionRow.path,
        unit_id: unitId(p.unit),
        password_hash: p.username === "admin" ? adminHash : hash,
      })),
    )
    .execute();
  await db
    .insertInto("settings")
    .values({ key: "home_region_id", value: JSON.stringify(county.id) })
    .execute();
  await seedEnterpriseDemo(db, county);
  await seedFieldworkDemo(db, county);
  await seedProjectDemo(db, county);
  await seedPatentDemo(db, county);
  await seedIpWorkDemo(db, county);
  await seedQuakeDemo(db, county);
  await seedTaskDemo(db, county);
  await seedIpAssetsDemo(db, county);
  await seedPlatformsDemo(db, county);
  await seedTargetsDemo(db, county);
  return {
    county,
    city,
    neighbour,
    logins: people.map(({ username, displayName, role, region }) => ({
      username,
      displayName,
      role,
      region,
    })),
  };
}
