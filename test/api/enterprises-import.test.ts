import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

async function xlsx(rows: (string | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.addRow(["2026年第一批高新技术企业认定名单"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const c = (n: number) => withCheckChar(`91511126MA8${String(n).padStart(6, "0")}`);

describe.each(engines)("enterprise imports on %s", (engine) => {
  let t: TestApp;
  let keyuan: Client;
  let jingyan: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [keyuan, jingyan] = await Promise.all([t.login("keyuan"), t.login("jingyan")]);
  });
  afterAll(async () => t.close());

  it("imports an enterprise list, resolves towns and industries, and is idempotent", async () => {
    const csv = [
      "企业名称,统一社会信用代码,乡镇,行业,成立日期",
      `导入甲陶瓷有限公司,${c(1)},黄土镇,制造业,2018/3/5`,
      `导入乙茶业有限公司,${c(2).toLowerCase()},,A,2020年1月2日`,
    ].join("\n");
    const first = await keyuan.upload("/api/enterprises/import", "名录.csv", Buffer.from(csv));
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await keyuan.upload("/api/enterprises/import", "名录.csv", Buffer.from(csv));
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const row = await t.db
      .selectFrom("enterprises")
      .innerJoin("regions", "regions.id", "enterprises.region_id")
      .select(["regions.name", "enterprises.industry", "enterprises.founded_on"])
      .where("credit_code", "=", c(1))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "黄土镇", industry: "C", founded_on: "2018-03-05" });
  });

  it("refuses the whole list when a row is malformed, naming row and column", async () => {
    const csv = [
      "企业名称,统一社会信用代码,乡镇",
      `导入丙有限公司,${c(3)},黄土镇`,
      "导入丁有限公司,91512081MA62K0260F,黄土镇",
      `导入戊有限公司,${c(4)},研城街道`,
    ].join("\n");
    const res = await keyuan.upload("/api/enterprises/import", "名录.csv", Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.rows).toEqual([
      { row: 3, column: "统一社会信用代码", message: "校验位不正确" },
      { row: 4, column: "乡镇", message: "“研城街道”不是您数据范围内的乡镇（街道）" },
    ]);
    const n = await t.db
      .selectFrom("enterprises")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("credit_code", "=", c(3))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  describe("recognition lists", () => {
    let byCode: number;
    let byName: number;

    beforeAll(async () => {
      const mk = async (name: string, code: string) =>
        (
          await keyuan.post("/api/enterprises", {
            name,
            creditCode: code,
            regionId: t.demo.county.id,
          })
        ).json().id as number;
      byCode = await mk("认定甲科技有限公司", c(10));
      byName = await mk("认定乙（夹江）材料有限责任公司", c(11));
    });

    const header = ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期"];
    const list = () =>
      xlsx([
        header,
        ["1", "认定甲科技有限公司（曾用名）", c(10), "GR202651000101", "2026-06-18"],
        ["2", "认定乙(夹江)材料有限公司", null, "GR202651000102", "2026/6/18"],
        ["3", "名录外企业有限公司", c(12), "GR202651000103", "2026-06-18"],
      ]);

    const quals = () =>
      t.db
        .selectFrom("enterprise_qualifications")
        .select(["enterprise_id", "number", "expires_on"])
        .where("number", "like", "GR2026510001%")
        .orderBy("number")
        .execute();

    it("returns unmatched rows and writes nothing", async () => {
      const res = await keyuan.upload(
        "/api/enterprises/recognitions/import",
        "认定名单.xlsx",
        await list(),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        total: 3,
        written: false,
        matchedByCode: 1,
        matchedByName: 1,
        unmatched: [
          { row: 5, name: "名录外企业有限公司", creditCode: c(12), reason: "企业名录中没有该企业" },
        ],
      });
      expect(await quals()).toEqual([]);
    });

    it("creates the missing enterprise on request, then stays idempotent", async () => {
      const res = await keyuan.upload(
        "/api/enterprises/recognitions/import?createMissing=true",
        "认定名单.xlsx",
        await list(),
      );
      expect(res.json()).toMatchObject({
        written: true,
        enterprisesCreated: 1,
        created: 3,
        unmatched: [],
      });
      const rows = await quals();
      expect(rows.map((r) => [r.number, r.expires_on])).toEqual([
        ["GR202651000101", "2029-06-17"],
        ["GR202651000102", "2029-06-17"],
        ["GR202651000103", "2029-06-17"],
      ]);
      expect(rows[0]?.enterprise_id).toBe(byCode);
      expect(rows[1]?.enterprise_id).toBe(byName);
      const again = await keyuan.upload(
        "/api/enterprises/recognitions/import",
        "认定名单.xlsx",
        await list(),
      );
      expect(again.json()).toMatchObject({
        written: true,
        created: 0,
        unchanged: 3,
        enterprisesCreated: 0,
      });
      expect(await quals()).toHaveLength(3);
    });

    it("rejects malformed rows whole and never matches across counties", async () => {
      const bad = await keyuan.upload(
        "/api/enterprises/recognitions/import",
        "bad.xlsx",
        await xlsx([header, ["1", "认定甲科技有限公司", c(10), "GR1", "2026-13-01"]]),
      );
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.rows[0]).toMatchObject({ row: 3, column: "发证日期" });
      const twice = await keyuan.upload(
        "/api/enterprises/recognitions/import",
        "twice.xlsx",
        await xlsx([
          header,
          ["1", "认定甲科技有限公司", c(10), "GR202651000201", "2026-07-01"],
          ["2", "认定甲科技有限公司", c(10), "GR202651000202", "2026-08-01"],
        ]),
      );
      expect(twice.statusCode).toBe(422);
      expect(twice.json().error.rows).toEqual([
        { row: 4, column: "证书编号", message: "与第 3 行是同一企业同一年度" },
      ]);
      expect((await quals()).map((q) => q.number)).toContain("GR202651000101");
      const other = await jingyan.upload(
        "/api/enterprises/recognitions/import",
        "认定名单.xlsx",
        await list(),
      );
      expect(other.json()).toMatchObject({ written: false, matchedByCode: 0, matchedByName: 0 });
      expect(other.json().unmatched).toHaveLength(3);
    });
  });
});
