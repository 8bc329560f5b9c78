import ExcelJS from "exceljs";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { up as resyncChildRegions } from "../../migrations/2026-11-25_190_child_region_paths.ts";
import type { Region } from "../../src/core/db/schema.ts";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { enterpriseRecordsLink } from "../../src/modules/enterprises/list-views.ts";
import { projectRecordsLink } from "../../src/modules/projects/list-views.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";
import { makeProject } from "./projects-fixture.ts";

/*
 * A record moved to another town takes its child rows along: the old town's figure drops,
 * the new town's figure rises, and the new town's dashboard link lists it.
 */

const PERIOD = { from: "2026-01-01", to: "2026-12-31" };
const HTE = "enterprises.hte.valid";
const APPROVALS = "projects.approvals";
const code = (n: number) => withCheckChar(`91511126MA9${String(n).padStart(6, "0")}`);

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名录");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(engines)("moving a record to another town on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let townA: Region;
  let townB: Region;

  const metric = async (id: string, region: Region) => {
    const q = new URLSearchParams({ ids: id, ...PERIOD, regionId: String(region.id) });
    const res = await editor.get(`/api/metrics?${q.toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ values: { id: string; value: number }[] }>().values[0]?.value ?? Number.NaN;
  };
  const both = async (id: string) => [await metric(id, townA), await metric(id, townB)];
  /** Ids listed behind a town's dashboard link for the metric. */
  const listed = async (id: string, region: Region) => {
    const s = metricScope(region, PERIOD);
    const link = enterpriseRecordsLink(id, s) ?? projectRecordsLink(id, s) ?? "";
    const [path, query] = link.split("?");
    const res = await editor.get(`/api${path}?${query}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: number }[] }>().items.map((x) => x.id);
  };
  /** Distinct region paths of the rows of `table` whose `key` column is `id`. */
  const paths = async (table: string, key: string, id: number) => {
    const r = await sql<{ p: string }>`select distinct region_path as p from ${sql.table(table)}
      where ${sql.ref(key)} = ${id}`.execute(t.db);
    return r.rows.map((x) => x.p);
  };

  let serial = 0;
  /** An enterprise in town A holding an HTE certificate valid all 2026, a pledge, a patent… */
  const hteEnterprise = async (name: string) => {
    serial += 1;
    const res = await editor.post("/api/enterprises", {
      name,
      creditCode: code(serial),
      regionId: townA.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json<{ id: number; version: number; creditCode: string }>();
    const q = await editor.post("/api/enterprise-qualifications", {
      enterpriseId: e.id,
      kindCode: "hte",
      number: `GR2025${serial}`,
      issuedOn: "2025-05-01",
    });
    expect(q.statusCode, q.body).toBe(200);
    const at = { id: townA.id, path: townA.path };
    await sql`insert into ip_pledges (region_id, region_path, enterprise_id, patent_count, bank,
        amount, registered_on)
      values (${at.id}, ${at.path}, ${e.id}, 1, '农业银行', 1000000, '2026-03-01')`.execute(t.db);
    await sql`insert into ip_designations (region_id, region_path, kind, level, year,
        enterprise_id, recognised_on)
      values (${at.id}, ${at.path}, '知识产权优势企业', '省', 2026, ${e.id}, '2026-04-01')`.execute(
      t.db,
    );
    await sql`insert into patents (region_id, region_path, application_no, patent_type, title,
        applicants, first_applicant, enterprise_id, applicant_type, service_invention, filed_on,
        legal_status)
      values (${at.id}, ${at.path}, ${`2026100${serial}0000.1`}, '发明', '迁移测试专利', ${name},
        ${name}, ${e.id}, '企业', true, '2026-02-01', '在审')`.execute(t.db);
    return e;
  };
  const expectFollowed = async (id: number, region: Region) => {
    for (const table of ["enterprise_qualifications", "ip_pledges", "ip_designations", "patents"])
      expect(await paths(table, "enterprise_id", id), table).toEqual([region.path]);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
    const towns = await t.db
      .selectFrom("regions")
      .selectAll()
      .where("parent_id", "=", t.demo.county.id)
      .where("level", "=", 4)
      .orderBy("id")
      .limit(2)
      .execute();
    [townA, townB] = towns as [Region, Region];
    expect(townB).toBeDefined();
  });
  afterAll(() => t?.close());

  it("an enterprise moved by the form takes its certificates along", async () => {
    const e = await hteEnterprise("迁移甲科技有限公司");
    const [a0, b0] = await both(HTE);
    expect(await listed(HTE, townA)).toContain(e.id);
    const form = (await editor.get(`/api/enterprises/${e.id}`)).json<Record<string, unknown>>();
    const res = await editor.put(`/api/enterprises/${e.id}`, { ...form, regionId: townB.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(await both(HTE)).toEqual([(a0 ?? 0) - 1, (b0 ?? 0) + 1]);
    expect(await listed(HTE, townB)).toContain(e.id);
    expect(await listed(HTE, townA)).not.toContain(e.id);
    await expectFollowed(e.id, townB);
  });

  it("an enterprise moved by re-importing the list takes its certificates along", async () => {
    const e = await hteEnterprise("迁移乙科技有限公司");
    const [a0, b0] = await both(HTE);
    const file = await xlsx([
      ["企业名称", "统一社会信用代码", "乡镇"],
      ["迁移乙科技有限公司", e.creditCode, townB.name],
    ]);
    const res = await editor.upload("/api/enterprises/import", "名录.xlsx", file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 1, created: 0, updated: 1, unchanged: 0 });
    expect(await both(HTE)).toEqual([(a0 ?? 0) - 1, (b0 ?? 0) + 1]);
    expect(await listed(HTE, townB)).toContain(e.id);
    await expectFollowed(e.id, townB);
  });

  const approvedProject = (name: string, approvalNo: string) =>
    makeProject(
      editor,
      { name, approvalNo, regionId: townA.id, collectedOn: "2026-01-05", fundCounty: 100000 },
      [
        ["推荐申报", "2026-02-01"],
        ["立项", "2026-03-01"],
      ],
    );

  it("a project moved by the form takes its history, payments and files along", async () => {
    const p = await approvedProject("迁移测试项目甲", "QY-2026-001");
    const pay = await editor.post("/api/fund-payments", {
      projectId: p.id,
      kind: "项目经费拨付",
      paidOn: "2026-03-10",
      amount: 30000,
      source: "县级",
    });
    expect(pay.statusCode, pay.body).toBe(200);
    const file = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(512, 0x20)]);
    const up = await editor.upload(
      `/api/attachments?ownerType=project&ownerId=${p.id}`,
      "a.pdf",
      file,
    );
    expect(up.statusCode, up.body).toBe(201);
    const [a0, b0] = await both(APPROVALS);
    const [pa0, pb0] = await both("funds.paid");
    const form = (await editor.get(`/api/projects/${p.id}`)).json<Record<string, unknown>>();
    const res = await editor.put(`/api/projects/${p.id}`, { ...form, regionId: townB.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(await both(APPROVALS)).toEqual([(a0 ?? 0) - 1, (b0 ?? 0) + 1]);
    expect(await both("funds.paid")).toEqual([(pa0 ?? 0) - 30000, (pb0 ?? 0) + 30000]);
    expect(await listed(APPROVALS, townB)).toContain(p.id);
    expect(await listed(APPROVALS, townA)).not.toContain(p.id);
    for (const table of ["project_transitions", "fund_payments"])
      expect(await paths(table, "project_id", p.id), table).toEqual([townB.path]);
    const files = await t.db
      .selectFrom("attachments")
      .select("region_path")
      .where("owner_type", "=", "project")
      .where("owner_id", "=", p.id)
      .execute();
    expect(files.map((f) => f.region_path)).toEqual([townB.path]);
  });

  it("a project moved by re-importing takes its history along", async () => {
    const p = await approvedProject("迁移测试项目乙", "QY-2026-002");
    const [a0, b0] = await both(APPROVALS);
    const csv = [
      "项目名称,级别,计划类别,承担单位,立项编号,县级经费（元）,申报年度,所属地区",
      `迁移测试项目乙,县,县级重点科技计划,四川农业大学,QY-2026-002,100000,2024,${townB.name}`,
    ].join("\r\n");
    const res = await editor.upload("/api/projects/import", "项目.csv", Buffer.from(csv));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ updated: 1, created: 0 });
    expect(await both(APPROVALS)).toEqual([(a0 ?? 0) - 1, (b0 ?? 0) + 1]);
    expect(await paths("project_transitions", "project_id", p.id)).toEqual([townB.path]);
  });

  it("migration 190 re-syncs child rows left behind by earlier moves, idempotently", async () => {
    const e = await hteEnterprise("迁移丙科技有限公司");
    const p = await approvedProject("迁移测试项目丙", "QY-2026-003");
    const [a0, b0] = await both(HTE);
    const [pa0, pb0] = await both(APPROVALS);
    // The parents move without their children, as before the cascade existed.
    await sql`update enterprises set region_id = ${townB.id}, region_path = ${townB.path}
      where id = ${e.id}`.execute(t.db);
    await sql`update projects set region_id = ${townB.id}, region_path = ${townB.path}
      where id = ${p.id}`.execute(t.db);
    expect(await both(HTE)).toEqual([a0, b0]);
    // …and a child row of an enterprise already in B points back at A.
    const moved = await t.db
      .selectFrom("enterprises")
      .select("id")
      .where("name", "=", "迁移甲科技有限公司")
      .executeTakeFirstOrThrow();
    await sql`update enterprise_qualifications set region_id = ${townA.id},
      region_path = ${townA.path} where enterprise_id = ${moved.id}`.execute(t.db);
    expect(await both(HTE)).toEqual([(a0 ?? 0) + 1, (b0 ?? 0) - 1]);
    const db = t.db as unknown as Kysely<unknown>;
    await resyncChildRegions(db);
    expect(await both(HTE)).toEqual([(a0 ?? 0) - 1, (b0 ?? 0) + 1]);
    expect(await both(APPROVALS)).toEqual([(pa0 ?? 0) - 1, (pb0 ?? 0) + 1]);
    await expectFollowed(e.id, townB);
    await expectFollowed(moved.id, townB);
    expect(await paths("project_transitions", "project_id", p.id)).toEqual([townB.path]);
    await resyncChildRegions(db);
    expect(await both(HTE)).toEqual([(a0 ?? 0) - 1, (b0 ?? 0) + 1]);
  });
});
