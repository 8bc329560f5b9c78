import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

describe.each(engines)("units: concurrency, audit, import and export on %s", (engine) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login("admin");
  });
  afterAll(async () => t.close());

  it("names each bad field in Chinese", async () => {
    const res = await admin.post("/api/units", {
      name: "",
      kind: "不存在",
      regionId: "abc",
      phone: "电话号码",
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { field: string; label: string }[];
    expect(fields.map((f) => f.label).sort()).toEqual(
      ["单位名称", "单位类型", "所属地区", "联系电话"].sort(),
    );
  });

  it("finds by keyword: Latin letters in any case, Chinese and digits as typed", async () => {
    const body = { name: "LED照明检测中心2026", kind: "其他", regionId: t.demo.county.id };
    const created = await admin.post("/api/units", body);
    expect(created.statusCode, created.body).toBe(200);
    const names = async (q: string) =>
      (await admin.get(`/api/units?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((u: { name: string }) => u.name);
    for (const q of ["led", "LED", "Led照明", "照明检测", "中心2026", "2026"])
      expect(await names(q)).toContain(body.name);
    expect(await names("照明检验")).not.toContain(body.name);
    // LIKE's own wildcards are matched literally.
    expect(await names("LED%中心")).toEqual([]);
  });

  it("answers a duplicate name in the same region with 409 and a clear message", async () => {
    const body = { name: "重名测试单位", kind: "其他", regionId: t.demo.county.id };
    expect((await admin.post("/api/units", body)).statusCode).toBe(200);
    const dup = await admin.post("/api/units", body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("同一地区下的同名单位已存在，不能重复");
  });

  it("refuses a stale update with 409 and keeps the first writer's change", async () => {
    const created = (
      await admin.post("/api/units", {
        name: "并发测试单位",
        kind: "其他",
        regionId: t.demo.county.id,
      })
    ).json();
    const other = await t.login("admin");
    const first = await admin.put(`/api/units/${created.id}`, {
      ...created,
      contact: "甲",
      version: created.version,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(created.version + 1);
    const second = await other.put(`/api/units/${created.id}`, {
      ...created,
      contact: "乙",
      version: created.version,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe(
      "该单位已被他人修改，您的修改未保存。请刷新后重新编辑",
    );
    const row = await t.db
      .selectFrom("units")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.contact).toBe("甲");
    const staleDelete = await other.del(`/api/units/${created.id}?version=${created.version}`);
    expect(staleDelete.statusCode).toBe(409);
  });

  it("writes an audit row with before and after for create, update and delete", async () => {
    const c = (
      await admin.post("/api/units", {
        name: "审计测试单位",
        kind: "其他",
        regionId: t.demo.county.id,
      })
    ).json();
    const u = (await admin.put(`/api/units/${c.id}`, { ...c, phone: "0833-1234567" })).json();
    expect((await admin.del(`/api/units/${c.id}?version=${u.version}`)).statusCode).toBe(204);
    const rows = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "unit")
      .where("record_id", "=", String(c.id))
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["create", "update", "delete"]);
    const [create, update, del] = rows;
    expect(create?.before).toBeNull();
    expect(create?.after).toMatchObject({ name: "审计测试单位" });
    expect(update?.before).toMatchObject({ phone: null });
    expect(update?.after).toMatchObject({ phone: "0833-1234567" });
    expect(del?.after).toBeNull();
    expect(del?.before).toMatchObject({ name: "审计测试单位" });
    expect(rows.every((r) => r.username === "admin" && r.region_path === t.demo.county.path)).toBe(
      true,
    );
    const api = (await admin.get(`/api/audit?entity=unit&recordId=${c.id}`)).json();
    expect(api.total).toBe(3);
  });

  it("imports all-or-nothing, reporting every bad row with row, column and reason", async () => {
    const csv = [
      "夹江县单位名录（2026年）",
      "",
      "序号,单位名称,单位类型,所属地区,联系电话",
      "1,导入甲,政府部门,黄土镇,0833-1",
      "2,,政府部门,黄土镇,",
      "3,导入丙,外星机构,黄土镇,",
      "4,导入丁,其他,火星镇,",
      "5,导入甲,其他,黄土镇,",
    ].join("\r\n");
    const res = await admin.upload("/api/units/import", "名录.csv", Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.message).toMatch(/未写入任何数据/);
    expect(err.rows).toEqual([
      { row: 5, column: "单位名称", message: "必填" },
      { row: 6, column: "单位类型", message: expect.stringContaining("“外星机构”不是可选值") },
      { row: 7, column: "所属地区", message: "“火星镇”不是您数据范围内的地区" },
      { row: 8, column: "", message: "与第 4 行重复" },
    ]);
    const written = await t.db
      .selectFrom("units")
      .select("id")
      .where("name", "like", "导入%")
      .execute();
    expect(written).toHaveLength(0);
  });

  it("imports a GB18030 CSV, and re-importing it duplicates nothing", async () => {
    const csv =
      "单位名称,简称,单位类型,所属地区,联系人\r\n夹江县甘江镇农业服务中心,甘江农服,事业单位,甘江镇,周某\r\n夹江县青州镇文化站,青州文化站,事业单位,青州镇,吴某\r\n";
    const gb = iconv.encode(csv, "gb18030");
    const first = await admin.upload("/api/units/import", "gbk.csv", gb);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await admin.upload("/api/units/import", "gbk.csv", gb);
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const changed = await admin.upload(
      "/api/units/import",
      "gbk.csv",
      iconv.encode(csv.replace("周某", "郑某"), "gb18030"),
    );
    expect(changed.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const rows = await t.db
      .selectFrom("units")
      .selectAll()
      .where("name", "=", "夹江县甘江镇农业服务中心")
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.contact).toBe("郑某");
    expect(rows[0]?.short_name).toBe("甘江农服");
  });

  it("neutralises formula injection in exports", async () => {
    await admin.post("/api/units", {
      name: '=HYPERLINK("http://x","点我")',
      kind: "其他",
      regionId: t.demo.county.id,
      contact: "+1-2",
      phone: "",
    });
    const res = await admin.get(`/api/units/export?q=${encodeURIComponent("HYPERLINK")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = ws?.getRow(2);
    const name = row?.getCell(1).value;
    expect(typeof name).toBe("string");
    expect(String(name).startsWith("'=")).toBe(true);
    let formulas = 0;
    ws?.eachRow((r) =>
      r.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
  });

  it("pages, sorts and filters on the server", async () => {
    const page1 = (await admin.get("/api/units?page=1&pageSize=5&sort=name")).json();
    const page2 = (await admin.get("/api/units?page=2&pageSize=5&sort=name")).json();
    expect(page1.items).toHaveLength(5);
    expect(page1.total).toBeGreaterThan(10);
    expect(page1.items.map((u: { id: number }) => u.id)).not.toContain(page2.items[0].id);
    const towns = (
      await admin.get(`/api/units?kind=${encodeURIComponent("乡镇（街道）")}&pageSize=100`)
    ).json();
    expect(towns.total).toBe(14);
    const bad = await admin.get("/api/units?sort=password_hash");
    expect(bad.statusCode).toBe(400);
    const tooBig = await admin.get("/api/units?pageSize=100000");
    expect(tooBig.statusCode).toBe(400);
  });
});
