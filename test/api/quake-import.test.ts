import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const LEDGERS = ["approvals", "points", "reports", "terminals", "shelters", "drills"] as const;
const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe.each(engines)("earthquake ledgers' Excel import on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;

  const total = async (c: Client, path: string) => {
    const res = await c.get(`/api/quake/${path}?pageSize=1`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total as number;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
  });
  afterAll(async () => t.close());

  it("serves a template per ledger with the ledger's columns", async () => {
    for (const l of LEDGERS) {
      const res = await editor.get(`/api/quake/${l}/template`);
      expect(res.statusCode, l).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
    }
  });

  it("creates from a file, then leaves the same file unchanged and updates a changed row", async () => {
    const points = [
      "观测点名称,所在乡镇（村）,观测员,联系电话,观测类型,设立日期,在用",
      "木城镇井水观测点,木城镇,李四,13900000001,地下水,2023-02-01,是",
      "华头镇动物观测点,华头镇,王五,,动物,2023/3/1,是",
    ];
    const first = await editor.upload("/api/quake/points/import", "点.csv", csv(points));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/quake/points/import", "点.csv", csv(points));
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const changed = [...points.slice(0, 2), points[2]?.replace("王五", "赵六") ?? ""];
    const upd = await editor.upload("/api/quake/points/import", "点.csv", csv(changed));
    expect(upd.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const row = (await editor.get("/api/quake/points?q=华头镇动物观测点")).json().items[0];
    expect(row).toMatchObject({ observer: "赵六", version: 2, startedOn: "2023-03-01" });

    // Monthly reports name their point; the key is point + month.
    const reports = [
      "观测点名称,月份,零报告,异常情况,报送日期",
      "木城镇井水观测点,2023-02,是,,2023-03-02",
      "木城镇井水观测点,2023-03,否,井水冒泡,2023-04-01",
    ];
    const r1 = await editor.upload("/api/quake/reports/import", "月报.csv", csv(reports));
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const listed = (await editor.get("/api/quake/reports?sort=month&pageSize=100")).json().items;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pointName: "木城镇井水观测点",
          month: "2023-03",
          zeroReport: false,
        }),
      ]),
    );
    const r2 = await editor.upload("/api/quake/reports/import", "月报.csv", csv(reports));
    expect(r2.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
  });

  it("imports every ledger's export back unchanged", async () => {
    for (const l of LEDGERS) {
      const n = await total(editor, l);
      expect(n, l).toBeGreaterThan(0);
      const exported = await editor.get(`/api/quake/${l}/export`);
      expect(exported.statusCode, l).toBe(200);
      const back = await editor.upload(`/api/quake/${l}/import`, `${l}.xlsx`, exported.rawPayload);
      expect(back.statusCode, `${l}: ${back.body}`).toBe(200);
      expect(back.json(), l).toEqual({ total: n, created: 0, updated: 0, unchanged: n });
    }
  });

  it("refuses a file with bad rows whole, naming each row, column and reason", async () => {
    const before = await total(editor, "drills");
    const file = csv([
      "演练日期,演练地点,所属地区,组织单位,参与人数（人次）",
      "2023-05-12,夹江中学,漹城街道,夹江县教育局,800",
      "2023-13-01,夹江二中,漹城街道,夹江县教育局,300",
      "2023-06-01,甘江小学,甘江镇,甘江镇政府,-5",
      "2023-05-12,夹江中学,漹城街道,夹江县教育局,800",
    ]);
    const bad = await editor.upload("/api/quake/drills/import", "演练.csv", file);
    expect(bad.statusCode).toBe(422);
    const rows = bad.json().error.rows as { row: number; column: string; message: string }[];
    expect(rows).toEqual([
      expect.objectContaining({ row: 3, column: "演练日期" }),
      expect.objectContaining({ row: 4, column: "参与人数（人次）", message: "不能为负数" }),
      expect.objectContaining({ row: 5, message: "与第 2 行重复" }),
    ]);
    expect(await total(editor, "drills")).toBe(before);

    const approvals = await total(editor, "approvals");
    const noResult = await editor.upload(
      "/api/quake/approvals/import",
      "审批.csv",
      csv([
        "工程名称,建设单位,审批日期,审批结果",
        "新建厂房,某公司,2023-01-05,同意",
        "新建仓库,某公司,2023-01-06,待定",
      ]),
    );
    expect(noResult.statusCode).toBe(422);
    expect(noResult.json().error.rows).toEqual([
      expect.objectContaining({ row: 3, column: "审批结果" }),
    ]);
    expect(await total(editor, "approvals")).toBe(approvals);

    const unknownPoint = await editor.upload(
      "/api/quake/reports/import",
      "月报.csv",
      csv(["观测点名称,月份,零报告,报送日期", "不存在的观测点,2023-04,是,2023-05-01"]),
    );
    expect(unknownPoint.statusCode).toBe(422);
    expect(unknownPoint.json().error.rows[0]).toMatchObject({
      row: 2,
      column: "观测点名称",
      message: "“不存在的观测点”不是您数据范围内的宏观观测点",
    });
  });

  it("keeps imports inside the importer's scope; the city account is read-only", async () => {
    const shelters = csv([
      "场所名称,所属地区,可容纳人数（人）,面积（平方米）",
      "马踏镇中心广场,马踏镇,600,3000",
    ]);
    const ok = await jingyan.upload("/api/quake/shelters/import", "场所.csv", shelters);
    expect(ok.statusCode, ok.body).toBe(200);
    const intoJiajiang = await jingyan.upload(
      "/api/quake/shelters/import",
      "场所.csv",
      csv(["场所名称,所属地区,可容纳人数（人）,面积（平方米）", "千佛广场二期,漹城街道,100,500"]),
    );
    expect(intoJiajiang.statusCode).toBe(422);
    expect(intoJiajiang.json().error.rows[0]).toMatchObject({ row: 2, column: "所属地区" });
    // 井研's editor cannot file a report for a 夹江 point by naming it either.
    const report = await jingyan.upload(
      "/api/quake/reports/import",
      "月报.csv",
      csv(["观测点名称,月份,零报告,报送日期", "木城镇井水观测点,2023-04,是,2023-05-01"]),
    );
    expect(report.statusCode).toBe(422);
    const byCity = await city.upload("/api/quake/shelters/import", "场所.csv", shelters);
    expect(byCity.statusCode).toBe(403);
    const names = (await editor.get("/api/quake/shelters?pageSize=100"))
      .json()
      .items.map((s: { name: string }) => s.name);
    expect(names).not.toContain("马踏镇中心广场");
    expect(names).not.toContain("千佛广场二期");
  });
});
