import iconv from "iconv-lite";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Region } from "../../src/core/db/schema.ts";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { blockRuns, type NumberRun } from "../../src/core/report/model.ts";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { patentsReport } from "../../src/modules/patents/report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const registry = buildMetricRegistry();
const HEAD = "申请号,专利名称,申请人,申请日,授权公告日,法律状态,失效日,专利类型";

/*
 * Fixture (夹江县, period 2026年1—4月, period end 2026-04-30):
 *   I1 发明 filed 2024-03-01, granted 2026-04-30 (last day: valid, a grant in the period)
 *   I2 发明 granted 2025-06-01, lapsed 2026-04-30 (lapsed on the last day: not valid)
 *   I3 发明 granted 2025-07-01, lapsed 2026-05-01 (valid on 04-30)
 *   I4 发明 granted 2026-05-01 (not yet valid; grant outside the period)
 *   I5, I6 发明 filed 2026-01-15 and 2026-04-30; I7 filed 2025-12-31 (outside)
 *   U1 实用新型 filed 2026-01-01; U2 filed 2026-02-10, granted 2026-04-20
 *   D1 外观设计 filed 2026-03-03
 *   → applications 5 (发明2 实用新型2 外观设计1), grants 2, valid 3, valid 发明 2 (I1, I3)
 */
const no = {
  I1: withCheck("202410000001"),
  I2: withCheck("202310000002"),
  I3: withCheck("202310000003"),
  I4: withCheck("202410000004"),
  I5: withCheck("202610000005"),
  I6: withCheck("202610000006"),
  I7: withCheck("202510000007"),
  U1: withCheck("202620000001"),
  U2: withCheck("202620000002"),
  D1: withCheck("202630000001"),
};

function fixture(firm: string, final: boolean): string {
  return [
    HEAD,
    final
      ? `ZL${no.I1},一种陶瓷砖坯体配方,${firm},2024-03-01,2026-04-30,有效,,发明专利`
      : `ZL${no.I1},一种陶瓷砖坯体配方,${firm},2024-03-01,,实质审查,,发明专利`,
    `${no.I2},一种铝型材处理方法,乐山师范学院,2023-05-10,2025-06-01,未缴年费专利权终止,2026-04-30,`,
    final
      ? `${no.I3},一种茶叶加工方法,王建华,2023-06-10,2025-07-01,专利权终止,2026-05-01,`
      : `${no.I3},一种茶叶加工方法,王建华,2023-06-10,2025-07-01,专利权维持,,`,
    `${no.I4},一种釉料,${firm},2024-07-01,2026-05-01,授权,,`,
    `${no.I5},一种纸浆工艺,${firm},2026-01-15,,,,`,
    `${no.I6},一种永磁粉末制备方法,李国强,2026-04-30,,,,`,
    `${no.I7},一种废水处理方法,李国强,2025-12-31,,,,`,
    `${no.U1.replace(".", "")},一种压制模具,${firm},2026-01-01,,,,实用新型`,
    `${no.U2},一种杀青机,张秀英,2026-02-10,2026-04-20,,,`,
    `${no.D1},茶叶包装盒,张秀英,2026-03-03,,,,外观设计`,
  ].join("\n");
}

describe.each(engines)("patents on %s", (engine) => {
  let t: TestApp;
  let keyuan: Client;
  let jingyan: Client;
  let shiju: Client;
  let county: Region;
  let firm: { id: number; name: string; region_id: number };
  const scopeOf = (r: Region, period: string) => metricScope(r, parsePeriod(period));
  const value = async (id: string, r: Region, period = "2026M01-04") =>
    (await registry.evaluate(t.db, id, scopeOf(r, period))).value;
  const countPatents = async () =>
    Number(
      (
        await t.db
          .selectFrom("patents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    county = t.demo.county;
    [keyuan, jingyan, shiju] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    // A 规上 demo firm in a town, so linking must move the patent to the firm's town.
    const r = await sql<{ id: number; name: string; region_id: number }>`
      select e.id, e.name, e.region_id from enterprises e
      join enterprise_yearly y on y.enterprise_id = e.id and y.year = 2026 and y.above_scale
      where e.region_id <> ${county.id} order by e.id limit 1`.execute(t.db);
    const row = r.rows[0];
    if (!row) throw new Error("demo has no 规上 firm in a town");
    firm = row;
  }, 120_000);
  afterAll(async () => t.close());

  it("seeds the demo county as the 上半年 summary states (32 = 5 + 22 + 5)", async () => {
    expect(await value("patents.applications", county)).toBe(32);
    expect(await value("patents.applications.invention", county)).toBe(5);
    expect(await value("patents.applications.utility", county)).toBe(22);
    expect(await value("patents.applications.design", county)).toBe(5);
    expect(await value("patents.grants", county)).toBeGreaterThan(0);
    const p = parsePeriod("2026M01-04");
    const ctx = createReportContext({
      db: t.db,
      registry,
      scope: metricScope(county, p),
      period: p,
    });
    const section = await patentsReport.contribute(ctx);
    const text = (section?.blocks ?? [])
      .flatMap(blockRuns)
      .map((r) => r.text)
      .join("");
    expect(text).toMatch(
      /^今年1—4月，全县共完成专利申请32件，其中发明专利5件、实用新型22件、外观设计5件；专利授权\d+件(，其中[^。]+)?。截至4月底，全县有效发明专利\d+件，每万人口发明专利拥有量\d\.\d件。$/,
    );
    await t.db.deleteFrom("patents").execute();
  });

  it("imports a list, links the applicant firm, and a later list updates instead of adding", async () => {
    // The firm's name as another list writes it: a stray space, 有限责任公司 for 有限公司.
    const written = `${firm.name.slice(0, 2)} ${firm.name.slice(2)}`.replace(
      "有限公司",
      "有限责任公司",
    );
    const first = await keyuan.upload(
      "/api/patents/import",
      "专利.csv",
      Buffer.from(fixture(written, false)),
    );
    expect(first.json()).toEqual({ total: 10, created: 10, updated: 0, unchanged: 0 });
    const i1 = await t.db
      .selectFrom("patents")
      .selectAll()
      .where("application_no", "=", no.I1)
      .executeTakeFirstOrThrow();
    expect(i1).toMatchObject({
      enterprise_id: firm.id,
      region_id: firm.region_id,
      patent_type: "发明",
      legal_status: "在审",
      granted_on: null,
      applicant_type: "企业",
      service_invention: true,
    });
    const final = Buffer.from(fixture(written, true));
    const second = await keyuan.upload("/api/patents/import", "专利.csv", final);
    expect(second.json()).toEqual({ total: 10, created: 0, updated: 2, unchanged: 8 });
    const again = await keyuan.upload("/api/patents/import", "专利.csv", final);
    expect(again.json()).toEqual({ total: 10, created: 0, updated: 0, unchanged: 10 });
    expect(await countPatents()).toBe(10);
    const rows = await t.db
      .selectFrom("patents")
      .select(["application_no", "legal_status", "granted_on", "lapsed_on", "version"])
      .where("application_no", "in", [no.I1, no.I3, no.U1])
      .orderBy("application_no")
      .execute();
    expect(rows).toEqual([
      {
        application_no: no.I3,
        legal_status: "失效",
        granted_on: "2025-07-01",
        lapsed_on: "2026-05-01",
        version: 2,
      },
      {
        application_no: no.I1,
        legal_status: "有效",
        granted_on: "2026-04-30",
        lapsed_on: null,
        version: 2,
      },
      {
        application_no: no.U1,
        legal_status: "在审",
        granted_on: null,
        lapsed_on: null,
        version: 1,
      },
    ]);
    const list = await keyuan.get(`/api/patents?q=${encodeURIComponent("陶瓷砖")}`);
    expect(list.json().items.map((p: { applicationNo: string }) => p.applicationNo)).toEqual([
      no.I1,
    ]);
    // The number as staff type it: with ZL, without the dot, in full-width digits.
    const fullWidth = no.I1.replace(/[0-9.]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) + 0xfee0),
    );
    for (const typed of [`ZL${no.I1}`, no.I1.replace(".", ""), fullWidth]) {
      const found = await keyuan.get(`/api/patents?q=${encodeURIComponent(typed)}`);
      expect(
        found.json().items.map((p: { applicationNo: string }) => p.applicationNo),
        typed,
      ).toEqual([no.I1]);
    }
  });

  it("counts flows in the period and the stock exactly at the period end", async () => {
    expect(await value("patents.applications", county)).toBe(5);
    expect(await value("patents.applications.invention", county)).toBe(2);
    expect(await value("patents.applications.utility", county)).toBe(2);
    expect(await value("patents.applications.design", county)).toBe(1);
    expect(await value("patents.grants", county)).toBe(2);
    expect(await value("patents.grants.invention", county)).toBe(1);
    expect(await value("patents.valid", county)).toBe(3);
    expect(await value("patents.valid.invention", county)).toBe(2);
    // One day later: I3 has lapsed, I4 is granted.
    const may1 = metricScope(county, { from: "2026-05-01", to: "2026-05-01" });
    expect((await registry.evaluate(t.db, "patents.valid.invention", may1)).value).toBe(2);
    expect((await registry.evaluate(t.db, "patents.grants", may1)).value).toBe(1);
    const apr29 = metricScope(county, { from: "2026-04-29", to: "2026-04-29" });
    // I2 (lapses 04-30) and I3 valid, I1 not yet granted.
    expect((await registry.evaluate(t.db, "patents.valid.invention", apr29)).value).toBe(2);
    expect(await value("patents.valid.invention", county, "2026M05")).toBe(2);
    const stats = await keyuan.get("/api/patents/stats?period=2026M01-04");
    expect(stats.json().byType).toEqual([
      { type: "发明", applications: 2, grants: 1, valid: 2 },
      { type: "实用新型", applications: 2, grants: 1, valid: 1 },
      { type: "外观设计", applications: 1, grants: 0, valid: 0 },
      { type: "合计", applications: 5, grants: 2, valid: 3 },
    ]);
    expect(stats.json().byMonth.map((m: { month: string }) => m.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
    ]);
    expect(stats.json().byMonth[3]).toEqual({
      month: "2026-04",
      applications: { 发明: 1, 实用新型: 0, 外观设计: 0 },
      grants: { 发明: 1, 实用新型: 1, 外观设计: 0 },
    });
  });

  it("states inventions per 10,000 people and the 规上 share, 0 without population", async () => {
    // Demo population of 夹江县 for 2026: 31.02 万人.
    expect(await value("patents.valid.invention_per_10k", county)).toBeCloseTo(2 / 31.02, 12);
    const aboveScale = await sql<{ n: number }>`select count(*)::int as n from enterprise_yearly
      where region_path like ${`${county.path}%`} and year = 2026 and above_scale`.execute(t.db);
    expect(await value("patents.above_scale_share", county)).toBeCloseTo(
      1 / Number(aboveScale.rows[0]?.n),
      12,
    );
    // On 05-01 the firm's only patent in force (I1) still holds; I4 adds none (same firm).
    expect(await value("patents.above_scale_share", county, "2026M05")).toBeCloseTo(
      1 / Number(aboveScale.rows[0]?.n),
      12,
    );
    expect(await value("patents.valid.invention_per_10k", t.demo.neighbour)).toBe(0);
  });

  it("writes the report sentence from the metrics and leaves out what has no data", async () => {
    const report = async (period: string) => {
      const p = parsePeriod(period);
      const ctx = createReportContext({
        db: t.db,
        registry,
        scope: metricScope(county, p),
        period: p,
      });
      return patentsReport.contribute(ctx);
    };
    const text = (s: Awaited<ReturnType<typeof report>>) =>
      (s?.blocks ?? [])
        .flatMap(blockRuns)
        .map((r) => r.text)
        .join("");
    const section = await report("2026M01-04");
    expect(text(section)).toBe(
      "今年1—4月，全县共完成专利申请5件，其中发明专利2件、实用新型2件、外观设计1件；专利授权2件，其中发明专利1件、实用新型1件。" +
        "截至4月底，全县有效发明专利2件，每万人口发明专利拥有量0.1件。",
    );
    const runs = (section?.blocks ?? [])
      .flatMap(blockRuns)
      .filter((r): r is NumberRun => r.t === "number");
    for (const run of runs) {
      expect((await registry.evaluate(t.db, run.metric, run.scope)).value).toBe(run.value);
    }
    await t.db
      .updateTable("region_year_figures")
      .set({ population: 0 })
      .where("region_id", "=", county.id)
      .where("year", "=", 2026)
      .execute();
    expect(await value("patents.valid.invention_per_10k", county)).toBe(0);
    expect(text(await report("2026M01-04"))).toBe(
      "今年1—4月，全县共完成专利申请5件，其中发明专利2件、实用新型2件、外观设计1件；专利授权2件，其中发明专利1件、实用新型1件。" +
        "截至4月底，全县有效发明专利2件。",
    );
    expect(await report("2030M01-04")).toBeNull();
  });

  it("refuses a list with malformed rows, naming row, column and reason, writing nothing", async () => {
    const good = withCheck("202520000099");
    const csv = [
      HEAD,
      `${good},一种好的装置,李国强,2025-03-01,,,,`,
      "201710601862.4,一种坏的装置,李国强,2017-03-01,,,,",
      `${withCheck("202520000098")},一种装置,李国强,2025-03-01,,,,发明`,
      `${withCheck("202520000097")},一种装置,李国强,2024-03-01,2023-01-01,有效,,`,
      `${withCheck("202520000096")},,李国强,2025-02-30,,,,`,
    ].join("\n");
    const before = await countPatents();
    const res = await keyuan.upload("/api/patents/import", "专利.csv", Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.rows).toEqual([
      { row: 3, column: "申请号", message: "校验位应为“3”，不是“4”" },
      { row: 4, column: "专利类型", message: "与申请号表示的类型（实用新型）不一致" },
      { row: 5, column: "申请日", message: "与申请号中的年份（2025）不一致" },
      { row: 5, column: "授权公告日", message: "不能早于申请日" },
      { row: 6, column: "申请日", message: "“2025-02-30”不是有效的日期" },
      // A row is checked to the end: its empty title is reported with its bad date.
      { row: 6, column: "专利名称", message: "必填" },
    ]);
    expect(await countPatents()).toBe(before);
  });

  it("reads a GB18030 CSV as a county office saves it", async () => {
    const n = withCheck("202530000123");
    const csv = `${HEAD}\r\n${n},瓷砖（大理石纹）,夹江县陶瓷研究所,2025-06-18,2025-11-02,专利权维持,,外观设计\r\n`;
    const res = await keyuan.upload(
      "/api/patents/import",
      "专利清单.csv",
      iconv.encode(csv, "gb18030"),
    );
    expect(res.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
    const row = await t.db
      .selectFrom("patents")
      .select(["title", "applicants", "applicant_type", "legal_status"])
      .where("application_no", "=", n)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      title: "瓷砖（大理石纹）",
      applicants: "夹江县陶瓷研究所",
      applicant_type: "科研单位",
      legal_status: "有效",
    });
    // Lapsed, then restored (恢复): in force again, the lapse date no longer applies.
    const line = (status: string, lapsed: string) =>
      Buffer.from(
        `${HEAD}\n${n},瓷砖（大理石纹）,夹江县陶瓷研究所,2025-06-18,2025-11-02,${status},${lapsed},`,
      );
    await keyuan.upload("/api/patents/import", "a.csv", line("专利权终止", "2026-03-01"));
    const design = metricScope(county, { from: "2026-03-01", to: "2026-03-01" });
    expect((await registry.evaluate(t.db, "patents.valid", design)).value).toBe(2);
    await keyuan.upload("/api/patents/import", "b.csv", line("专利权恢复", ""));
    expect((await registry.evaluate(t.db, "patents.valid", design)).value).toBe(3);
  });

  it("records a patent by form, with field-named errors and version checks", async () => {
    const bad = await keyuan.post("/api/patents", {
      applicationNo: "202520000555.1",
      title: "一种手工录入装置",
      applicants: "李国强",
      filedOn: "2025-05-05",
      regionId: county.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(
      `申请号：校验位应为“${withCheck("202520000555").slice(-1)}”，不是“1”`,
    );
    const n = withCheck("202520000555");
    const created = await keyuan.post("/api/patents", {
      applicationNo: `CN${n}`,
      title: "一种手工录入装置",
      applicants: "李国强",
      filedOn: "2025-05-05",
      grantedOn: "2025-12-01",
      legalStatus: "有效",
      regionId: county.id,
    });
    expect(created.statusCode).toBe(200);
    const p = created.json();
    expect(p).toMatchObject({ applicationNo: n, patentType: "实用新型", applicantType: "个人" });
    expect((await keyuan.post("/api/patents", { ...p, applicationNo: n })).statusCode).toBe(409);
    const lapse = { ...p, legalStatus: "失效", lapsedOn: "2026-06-01" };
    const ok = await keyuan.put(`/api/patents/${p.id}`, lapse);
    expect(ok.json()).toMatchObject({ legalStatus: "失效", lapsedOn: "2026-06-01", version: 2 });
    expect((await keyuan.put(`/api/patents/${p.id}`, lapse)).statusCode).toBe(409);
    expect((await jingyan.put(`/api/patents/${p.id}`, { ...lapse, version: 2 })).statusCode).toBe(
      404,
    );
  });

  it("lists one enterprise's patents for its page, inside the user's scope only", async () => {
    const linked = await t.db
      .selectFrom("patents")
      .select("application_no")
      .where("enterprise_id", "=", firm.id)
      .orderBy("application_no")
      .execute();
    expect(linked.length).toBeGreaterThan(0);
    const res = await keyuan.get(`/api/patents?enterpriseId=${firm.id}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(linked.length);
    expect(page.items.map((p: { applicationNo: string }) => p.applicationNo).sort()).toEqual(
      linked.map((p) => p.application_no),
    );
    expect(page.items.every((p: { enterpriseId: number }) => p.enterpriseId === firm.id)).toBe(
      true,
    );
    // Another county's user sees none of them; a bad id is named in Chinese.
    expect((await jingyan.get(`/api/patents?enterpriseId=${firm.id}`)).json().total).toBe(0);
    const bad = await keyuan.get("/api/patents?enterpriseId=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("关联企业：应为企业编号（正整数）");
  });

  it("keeps each county to its own patents; the city sees both", async () => {
    const j1 = withCheck("202620000777");
    const res = await jingyan.upload(
      "/api/patents/import",
      "井研.csv",
      Buffer.from(`${HEAD}\n${j1},一种井研装置,赵六,2026-02-01,,,,`),
    );
    expect(res.json()).toMatchObject({ created: 1 });
    const mine = (await jingyan.get("/api/patents?pageSize=200")).json();
    expect(mine.items.map((p: { applicationNo: string }) => p.applicationNo)).toEqual([j1]);
    const jiajiang = (await keyuan.get("/api/patents?pageSize=200")).json();
    expect(jiajiang.items.some((p: { applicationNo: string }) => p.applicationNo === j1)).toBe(
      false,
    );
    const city = (await shiju.get("/api/patents?pageSize=200")).json();
    expect(city.total).toBe(jiajiang.total + 1);
    const i1 = await t.db
      .selectFrom("patents")
      .select(["id", "version"])
      .where("application_no", "=", no.I1)
      .executeTakeFirstOrThrow();
    expect((await jingyan.get(`/api/patents/${i1.id}`)).statusCode).toBe(404);
    expect((await jingyan.del(`/api/patents/${i1.id}?version=${i1.version}`)).statusCode).toBe(404);
    const steal = await jingyan.upload(
      "/api/patents/import",
      "井研.csv",
      Buffer.from(`${HEAD}\n${no.I1},改名,赵六,2024-03-01,,,,`),
    );
    expect(steal.statusCode).toBe(409);
    expect(steal.json().error.message).toMatch(/数据范围之外/);
    const after = await t.db
      .selectFrom("patents")
      .select(["title", "version"])
      .where("application_no", "=", no.I1)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ title: "一种陶瓷砖坯体配方", version: i1.version });
    expect(await value("patents.applications", t.demo.neighbour)).toBe(1);
    expect(await value("patents.applications", t.demo.city)).toBe(6);
    expect((await shiju.upload("/api/patents/import", "x.csv", Buffer.from(HEAD))).statusCode).toBe(
      403,
    );
  });
});
