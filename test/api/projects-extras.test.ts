import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { investmentsReport } from "../../src/modules/investments/investments.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";
import { errorOf, makeProject, metricValues, type ProjectRef } from "./projects-fixture.ts";

const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));
interface RowIssue {
  row: number;
  column: string;
  message: string;
}
const rowsOf = (body: string) => (JSON.parse(body) as { error: { rows: RowIssue[] } }).error.rows;

// 2022–2024 fixture; the demo seed's projects and payments are 2025–2026.
describe.each(engines)("project extras on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;

  const approved = (name: string, over: Record<string, unknown> = {}) =>
    makeProject(
      editor,
      {
        regionId: t.demo.county.id,
        collectedOn: "2024-01-02",
        name,
        fundCounty: 100000,
        endOn: "2024-06-30",
        ...over,
      },
      [
        ["推荐申报", "2024-01-10"],
        ["立项", "2024-02-01"],
        ["实施中", "2024-02-10"],
      ],
    );
  const pay = (c: Client, body: Record<string, unknown>) =>
    c.post("/api/fund-payments", {
      kind: "项目经费拨付",
      paidOn: "2024-03-01",
      source: "县级",
      ...body,
    });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
  });
  afterAll(async () => t.close());

  it("records a 延期 that moves the end date and takes the project out of overdue", async () => {
    const p = await approved("延期测试项目");
    const before = (await editor.get(`/api/projects/${p.id}`)).json();
    expect(before.overdue).toBe(true);
    const noDate = await editor.post(`/api/projects/${p.id}/changes`, {
      version: p.version,
      kind: "延期",
      changedOn: "2024-06-20",
    });
    expect(noDate.statusCode).toBe(400);
    expect(errorOf(noDate.body)).toBe("新结束日期：延期须填写新的结束日期");
    const res = await editor.post(`/api/projects/${p.id}/changes`, {
      version: p.version,
      kind: "延期",
      changedOn: "2024-06-20",
      newEndOn: "2099-12-31",
      documentNo: "夹科〔2024〕12号",
      reason: "设备到货延迟",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect([res.json().endOn, res.json().overdue, res.json().version]).toEqual([
      "2099-12-31",
      false,
      p.version + 1,
    ]);
    const stale = await editor.post(`/api/projects/${p.id}/changes`, {
      version: p.version,
      kind: "备案",
      changedOn: "2024-07-01",
    });
    expect(stale.statusCode).toBe(409);
    const list = (await city.get(`/api/projects/${p.id}/changes`)).json();
    expect(list).toMatchObject([
      {
        kind: "延期",
        changedOn: "2024-06-20",
        documentNo: "夹科〔2024〕12号",
        beforeText: "2024-06-30",
        afterText: "2099-12-31",
        reason: "设备到货延迟",
      },
    ]);
    expect((await jingyan.get(`/api/projects/${p.id}/changes`)).statusCode).toBe(404);
    const hostile = await jingyan.post(`/api/projects/${p.id}/changes`, {
      version: p.version + 1,
      kind: "备案",
      changedOn: "2024-07-01",
    });
    expect(hostile.statusCode).toBe(404);
    const readOnly = await city.post(`/api/projects/${p.id}/changes`, {
      version: p.version + 1,
      kind: "备案",
      changedOn: "2024-07-01",
    });
    expect(readOnly.statusCode).toBe(403);
  });

  it("attaches files to one lifecycle step, scoped like its project", async () => {
    const p = await approved("附件测试项目");
    const h = (await editor.get(`/api/projects/${p.id}/history`)).json();
    const step = (h.transitions as { id: number; to: string }[]).find((x) => x.to === "立项");
    if (!step) throw new Error("no 立项 step");
    const url = `/api/attachments?ownerType=project-transition&ownerId=${step.id}`;
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(512, 0x20)]);
    const up = await editor.upload(url, "立项批复.pdf", pdf);
    expect(up.statusCode, up.body).toBe(201);
    expect((await city.get(url)).json()).toMatchObject([{ filename: "立项批复.pdf" }]);
    expect((await jingyan.get(url)).statusCode).toBe(404);
    expect((await jingyan.upload(url, "x.pdf", pdf)).statusCode).toBe(404);
    expect((await city.upload(url, "x.pdf", pdf)).statusCode).toBe(403);
  });

  it("adjusts approved funds per source, never below what was paid", async () => {
    const p = await approved("经费调整测试项目", { endOn: "2099-01-01" });
    expect((await pay(editor, { projectId: p.id, amount: 60000 })).statusCode).toBe(200);
    const change = (fundCounty: number, version: number) =>
      editor.post(`/api/projects/${p.id}/changes`, {
        version,
        kind: "经费调整",
        changedOn: "2024-05-01",
        fundCounty,
        fundProvincial: 20000,
      });
    const low = await change(30000, p.version);
    expect(low.statusCode).toBe(400);
    expect(errorOf(low.body)).toContain("已拨付6万元");
    const ok = await change(80000, p.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect([ok.json().fundCounty, ok.json().fundProvincial, ok.json().fiscalTotal]).toEqual([
      80000, 20000, 100000,
    ]);
    const rec = (await editor.get(`/api/projects/${p.id}/changes`)).json()[0];
    expect(rec.beforeText).toBe("国拨0万元，省拨0万元，市级0万元，县级10万元，自筹0万元");
    expect(rec.afterText).toBe("国拨0万元，省拨2万元，市级0万元，县级8万元，自筹0万元");
  });

  it("imports projects all-or-nothing, reports every bad row, and re-imports idempotently", async () => {
    const firm = (await editor.get("/api/enterprises?pageSize=1")).json().items[0] as {
      name: string;
    };
    const header =
      "项目名称,级别,计划类别,承担企业,承担单位,立项编号,结束日期,县级经费（元）,申报年度";
    const good = [
      "导入测试甲,县,县级重点科技计划,,四川农业大学,IMP-2023-001,2024-12-31,50000,2023",
      `导入测试乙,省,科技支撑,${firm.name},,,2025-06-30,0,2023`,
    ];
    const bad = await editor.upload(
      "/api/projects/import",
      "项目.csv",
      csv([
        header,
        ...good,
        "导入测试丙,县,不存在的计划,,某研究所,,,0,2023",
        "导入测试丁,县,科技支撑,不存在的企业有限公司,,,,0,2023",
        "导入测试戊,乡,科技支撑,,某研究所,,,0,2023",
      ]),
    );
    expect(bad.statusCode).toBe(422);
    const rows = rowsOf(bad.body);
    expect(rows.map((r) => [r.row, r.column])).toEqual([
      [4, "计划类别"],
      [5, "承担企业"],
      [6, "级别"],
    ]);
    expect(rows[1]?.message).toBe("企业库中没有“不存在的企业有限公司”（或不在您的数据范围内）");
    expect((await editor.get("/api/projects?q=导入测试")).json().total).toBe(0);

    const first = await editor.upload("/api/projects/import", "项目.csv", csv([header, ...good]));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/projects/import", "项目.csv", csv([header, ...good]));
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const changed = await editor.upload(
      "/api/projects/import",
      "项目.csv",
      csv([header, good[0]?.replace("50000", "60000") ?? "", good[1] ?? ""]),
    );
    expect(changed.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    const list = (
      (await editor.get("/api/projects?q=导入测试")).json().items as {
        name: string;
        status: string;
      }[]
    ).sort((x, y) => x.name.localeCompare(y.name, "zh-CN"));
    expect(list.map((p) => [p.name, p.status])).toEqual([
      ["导入测试甲", "储备"],
      ["导入测试乙", "储备"],
    ]);
    const [jia, yi] = list as unknown as {
      undertakerName: string;
      enterpriseId: number | null;
      fundCounty: number;
    }[];
    expect([yi?.undertakerName, (yi?.enterpriseId ?? 0) > 0]).toEqual([firm.name, true]);
    expect([jia?.enterpriseId, jia?.fundCounty]).toEqual([null, 60000]);
    // 井研 cannot see 夹江's enterprise, so the same file is refused row by row there.
    const foreign = await jingyan.upload(
      "/api/projects/import",
      "项目.csv",
      csv([header, ...good]),
    );
    expect(foreign.statusCode).toBe(422);
    expect(rowsOf(foreign.body).map((r) => r.column)).toEqual(["承担企业"]);
    expect((await city.upload("/api/projects/import", "项目.csv", csv([header]))).statusCode).toBe(
      403,
    );
    const tpl = await editor.get("/api/projects/template");
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers["content-type"]).toContain("spreadsheetml");
  });

  it("imports payments by voucher and date, refusing an overpayment as a row error", async () => {
    const p = await approved("拨付导入测试项目", { approvalNo: "PAY-IMP-01", endOn: "2099-01-01" });
    const header = "拨付日期,类别,金额（元）,资金来源,凭证号,项目";
    const a = "2024-03-05,项目经费拨付,70000,县级,记-001,PAY-IMP-01";
    const bad = await editor.upload(
      "/api/fund-payments/import",
      "拨付.csv",
      csv([
        header,
        a,
        "2024-04-05,项目经费拨付,40000,县级,记-002,PAY-IMP-01",
        "2024-04-06,项目经费拨付,100,县级,记-003,没有这个项目",
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(rowsOf(bad.body)).toEqual([
      {
        row: 3,
        column: "金额（元）",
        message: "该项目批准财政经费10万元，已拨付7万元，本次拨付4万元将超出批准金额",
      },
      { row: 4, column: "项目", message: "没有找到项目“没有这个项目”（或不在您的数据范围内）" },
    ]);
    expect((await editor.get(`/api/projects/${p.id}`)).json().paid).toBe(0);
    const ok = await editor.upload("/api/fund-payments/import", "拨付.csv", csv([header, a]));
    expect(ok.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
    // Re-importing the same voucher does not count it twice against the ceiling.
    const again = await editor.upload("/api/fund-payments/import", "拨付.csv", csv([header, a]));
    expect(again.json()).toEqual({ total: 1, created: 0, updated: 0, unchanged: 1 });
    const more = await editor.upload(
      "/api/fund-payments/import",
      "拨付.csv",
      csv([header, a.replace("70000", "100000")]),
    );
    expect(more.json()).toEqual({ total: 1, created: 0, updated: 1, unchanged: 0 });
    expect((await editor.get(`/api/projects/${p.id}`)).json().paid).toBe(100000);
    expect((await editor.get("/api/fund-payments/template")).statusCode).toBe(200);
  });

  it("edits a payment with a version check and the ceiling re-checked", async () => {
    const p = await approved("拨付修改测试项目", { endOn: "2099-01-01" });
    const first = (await pay(editor, { projectId: p.id, amount: 60000 })).json();
    expect((await pay(editor, { projectId: p.id, amount: 30000 })).statusCode).toBe(200);
    const edit = (c: Client, amount: number, version: number) =>
      c.put(`/api/fund-payments/${first.id}`, {
        version,
        kind: "项目经费拨付",
        paidOn: "2024-03-01",
        source: "县级",
        projectId: p.id,
        amount,
      });
    const over = await edit(editor, 80000, first.version);
    expect(over.statusCode).toBe(409);
    expect(errorOf(over.body)).toBe(
      "该项目批准财政经费10万元，已拨付3万元，本次拨付8万元将超出批准金额",
    );
    const ok = await edit(editor, 70000, first.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect([ok.json().amount, ok.json().version]).toEqual([70000, first.version + 1]);
    const stale = await edit(editor, 65000, first.version);
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale.body)).toContain("已被他人修改");
    expect((await edit(jingyan, 65000, first.version + 1)).statusCode).toBe(404);
    expect((await edit(city, 65000, first.version + 1)).statusCode).toBe(403);
    expect((await editor.get(`/api/projects/${p.id}`)).json().paid).toBe(100000);
  });

  it("keeps investment projects with dated arrivals, scoped, and measures them", async () => {
    const county = t.demo.county.id;
    const create = async (body: Record<string, unknown>) => {
      const res = await editor.post("/api/investments", { regionId: county, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ProjectRef;
    };
    const arrive = async (id: number, arrivedOn: string, amount: number) => {
      const res = await editor.post(`/api/investments/${id}/arrivals`, { arrivedOn, amount });
      expect(res.statusCode, res.body).toBe(200);
    };
    const noDate = await editor.post("/api/investments", {
      regionId: county,
      name: "缺签约日期",
      kind: "招商引资",
      partnerName: "某公司",
      status: "签约",
    });
    expect(noDate.statusCode).toBe(400);
    expect(errorOf(noDate.body)).toBe("签约日期：状态为签约时须填写签约日期");
    const i1 = await create({
      name: "竹纤维新材料生产线",
      kind: "招商引资",
      partnerName: "成都某新材料有限公司",
      partnerOrigin: "成都",
      signedOn: "2023-03-01",
      contractAmount: 5000000,
      status: "签约",
    });
    const i2 = await create({
      name: "茶叶深加工技术合作",
      kind: "产学研合作",
      partnerName: "四川农业大学",
      signedOn: "2023-09-15",
      contractAmount: 300000,
      status: "在建",
    });
    const i3 = await create({
      name: "洽谈中项目",
      kind: "技术引进",
      partnerName: "某院所",
      status: "洽谈",
    });
    const i4 = await create({
      name: "陶瓷窑炉节能技术引进",
      kind: "技术引进",
      partnerName: "景德镇某研究院",
      signedOn: "2022-12-31",
      contractAmount: 1000000,
      status: "投产",
    });
    await arrive(i1.id, "2023-04-01", 1000000);
    await arrive(i1.id, "2023-08-01", 500000);
    await arrive(i1.id, "2024-01-10", 2000000);
    await arrive(i2.id, "2023-10-01", 100000);
    await arrive(i4.id, "2023-02-01", 200000);
    const talks = await editor.post(`/api/investments/${i3.id}/arrivals`, {
      arrivedOn: "2023-05-01",
      amount: 1,
    });
    expect(talks.statusCode).toBe(409);
    const ids = [
      "investment.signed.count",
      "investment.contract_amount",
      "investment.arrived_amount",
    ];
    expect(await metricValues(editor, ids, "2023", county)).toEqual({
      "investment.signed.count": 2,
      "investment.contract_amount": 5300000,
      "investment.arrived_amount": 1800000,
    });
    expect(await metricValues(editor, ids, "2023H1", county)).toEqual({
      "investment.signed.count": 1,
      "investment.contract_amount": 5000000,
      "investment.arrived_amount": 1200000,
    });
    const registry = buildMetricRegistry();
    const period = parsePeriod("2023");
    const section = await investmentsReport.contribute(
      createReportContext({
        db: t.db,
        registry,
        scope: metricScope(t.demo.county, period),
        period,
      }),
    );
    if (!section) throw new Error("expected a section");
    const texts = section.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toEqual([
      "2023年，全县促成签约招商引资与合作项目2个，合同资金530万元，到位资金180万元。其中，与成都某新材料有限公司签约“竹纤维新材料生产线”，合同资金500万元；与四川农业大学签约“茶叶深加工技术合作”，合同资金30万元。",
    ]);
    const check = await verifyNumberRuns(t.db, { title: "t", blocks: section.blocks }, registry);
    expect(check.mismatches).toEqual([]);
    const one = (await city.get(`/api/investments/${i1.id}`)).json();
    expect([one.arrivedAmount, one.version]).toEqual([3500000, i1.version + 3]);
    expect((await jingyan.get(`/api/investments/${i1.id}`)).statusCode).toBe(404);
    expect((await jingyan.get("/api/investments")).json().total).toBe(0);
    expect((await city.get("/api/investments")).json().total).toBe(4);
    expect(
      (
        await city.post(`/api/investments/${i1.id}/arrivals`, {
          arrivedOn: "2023-05-01",
          amount: 1,
        })
      ).statusCode,
    ).toBe(403);
    const stale = await editor.put(`/api/investments/${i2.id}`, {
      ...((await editor.get(`/api/investments/${i2.id}`)).json() as Record<string, unknown>),
      // The arrival booked above moved the version on: the one from creation is stale.
      version: i2.version,
      status: "投产",
    });
    expect(stale.statusCode).toBe(409);
    const del = await editor.del(`/api/investments/${i3.id}?version=${i3.version}`);
    expect(del.statusCode).toBe(204);

    const header = "项目名称,类别,合作方,状态,签约日期,合同资金（元）";
    const row = "光伏组件配套项目,招商引资,乐山某光伏公司,签约,2023-11-11,800000";
    const bad = await editor.upload(
      "/api/investments/import",
      "招商.csv",
      csv([header, row, "坏行,招商引资,某公司,未知,2023-11-11,1"]),
    );
    expect(bad.statusCode).toBe(422);
    expect(rowsOf(bad.body).map((r) => [r.row, r.column])).toEqual([[3, "状态"]]);
    const ok = await editor.upload("/api/investments/import", "招商.csv", csv([header, row]));
    expect(ok.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
    const again = await editor.upload("/api/investments/import", "招商.csv", csv([header, row]));
    expect(again.json()).toEqual({ total: 1, created: 0, updated: 0, unchanged: 1 });
    expect((await metricValues(editor, ids, "2023", county))["investment.signed.count"]).toBe(3);
  });
});
