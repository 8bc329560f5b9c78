import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/core/auth/password.ts";
import { type Client, DEMO_PASSWORD, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  return rows;
}

describe.each(engines)("data scope on %s", (engine) => {
  let t: TestApp;
  let jiajiang: Client;
  let jingyan: Client;
  let city: Client;
  let neighbourUnitId: number;
  let ownUnitId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    // An admin of the neighbouring county, to prove admins are confined too.
    await t.db
      .insertInto("users")
      .values({
        username: "jy_admin",
        display_name: "井研管理员",
        role: "admin",
        region_id: t.demo.neighbour.id,
        region_path: t.demo.neighbour.path,
        password_hash: await hashPassword(DEMO_PASSWORD),
      })
      .execute();
    jiajiang = await t.login("admin");
    jingyan = await t.login("jy_admin");
    city = await t.login("shiju");
    const n = await t.db
      .selectFrom("units")
      .select("id")
      .where("region_id", "=", t.demo.neighbour.id)
      .executeTakeFirstOrThrow();
    neighbourUnitId = n.id;
    const o = await t.db
      .selectFrom("units")
      .select("id")
      .where("name", "=", "夹江县财政局")
      .executeTakeFirstOrThrow();
    ownUnitId = o.id;
  });
  afterAll(async () => t.close());

  it("lists only the caller's subtree; a city sees every county below", async () => {
    const own = (await jiajiang.get("/api/units?pageSize=200")).json();
    expect(
      own.items.every(
        (u: { regionName: string }) => u.regionName !== "井研县" && u.regionName !== "乐山市",
      ),
    ).toBe(true);
    expect(own.items.some((u: { id: number }) => u.id === neighbourUnitId)).toBe(false);
    const other = (await jingyan.get("/api/units?pageSize=200")).json();
    expect(other.items.map((u: { name: string }) => u.name)).toEqual([
      "井研县科学技术和知识产权局",
    ]);
    const all = (await city.get("/api/units?pageSize=200")).json();
    expect(all.total).toBe(own.total + other.total + 1);
  });

  it("hides a neighbour's record behind 404 on read, update and delete by guessed id", async () => {
    const read = await jiajiang.get(`/api/units/${neighbourUnitId}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().error.message).toBe("单位不存在，或不在您的数据范围内");
    const upd = await jiajiang.put(`/api/units/${neighbourUnitId}`, {
      name: "被篡改",
      kind: "其他",
      regionId: t.demo.county.id,
      version: 1,
    });
    expect(upd.statusCode).toBe(404);
    const del = await jiajiang.del(`/api/units/${neighbourUnitId}?version=1`);
    expect(del.statusCode).toBe(404);
    const still = await t.db
      .selectFrom("units")
      .selectAll()
      .where("id", "=", neighbourUnitId)
      .executeTakeFirstOrThrow();
    expect(still.name).toBe("井研县科学技术和知识产权局");
    expect(still.version).toBe(1);
  });

  it("refuses to create or move a record into a region outside the subtree", async () => {
    const create = await jiajiang.post("/api/units", {
      name: "越界单位",
      kind: "其他",
      regionId: t.demo.neighbour.id,
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe("OUT_OF_SCOPE");
    const move = await jiajiang.put(`/api/units/${ownUnitId}`, {
      name: "夹江县财政局",
      kind: "政府部门",
      regionId: t.demo.neighbour.id,
      version: 1,
    });
    expect(move.statusCode).toBe(403);
    const row = await t.db
      .selectFrom("units")
      .select("region_id")
      .where("id", "=", ownUnitId)
      .executeTakeFirstOrThrow();
    expect(row.region_id).toBe(t.demo.county.id);
  });

  it("exports only the caller's subtree", async () => {
    const res = await jingyan.get("/api/units/export");
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["井研县科学技术和知识产权局"]);
  });

  it("rejects import rows that name a region outside the subtree, writing nothing", async () => {
    const csv = "单位名称,单位类型,所属地区\n新单位甲,其他,井研县\n新单位乙,其他,夹江县\n";
    const res = await jiajiang.upload("/api/units/import", "units.csv", Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.rows).toEqual([
      { row: 2, column: "所属地区", message: "“井研县”不是您数据范围内的地区" },
    ]);
    const n = await t.db
      .selectFrom("units")
      .select("id")
      .where("name", "in", ["新单位甲", "新单位乙"])
      .execute();
    expect(n).toHaveLength(0);
  });

  it("confines user administration and the audit log to the subtree", async () => {
    const users = (await jingyan.get("/api/users?pageSize=100")).json();
    expect(users.items.map((u: { username: string }) => u.username).sort()).toEqual([
      "jingyan",
      "jy_admin",
    ]);
    const target = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "keyuan")
      .executeTakeFirstOrThrow();
    expect((await jingyan.post(`/api/users/${target.id}/reset-password`)).statusCode).toBe(404);
    await jiajiang.post("/api/units", {
      name: "审计范围测试",
      kind: "其他",
      regionId: t.demo.county.id,
    });
    const audit = (await jingyan.get("/api/audit?pageSize=100&entity=unit")).json();
    expect(
      audit.items.some(
        (a: { recordId: string; after: { name?: string } | null }) =>
          a.after?.name === "审计范围测试",
      ),
    ).toBe(false);
    const cityAudit = (await city.get("/api/audit?pageSize=100&entity=unit")).json();
    expect(
      cityAudit.items.some(
        (a: { after: { name?: string } | null }) => a.after?.name === "审计范围测试",
      ),
    ).toBe(true);
  });

  it("never returns a session's active region outside the user's home subtree", async () => {
    const me = (await jiajiang.get("/api/regions")).json();
    expect(me.items.some((r: { name: string }) => r.name === "井研县")).toBe(false);
    expect(me.items.some((r: { name: string }) => r.name === "漹城街道")).toBe(true);
  });
});
