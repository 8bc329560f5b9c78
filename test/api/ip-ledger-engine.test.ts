import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// IP work and IP-asset imports run on the shared ledger engine: what its ip-specific options
// (typed presenter, derived columns, refused updates, kept columns) must preserve.
describe.each(engines)("IP ledgers on the ledger engine on %s", (engine) => {
  let t: TestApp;
  let editor: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
  });
  afterAll(async () => t.close());

  const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));
  const audits = (entity: string, recordId?: number) => {
    let q = t.db
      .selectFrom("audit_log")
      .select(["action", "record_id", "after"])
      .where("entity", "=", entity);
    if (recordId !== undefined) q = q.where("record_id", "=", String(recordId));
    return q.orderBy("id").execute();
  };

  it("keeps number-like text as text and stores blank optional text as null", async () => {
    const res = await editor.post("/api/ip/enforcement", {
      heldOn: "2021-04-26",
      name: "3.15",
      campaign: "4.26",
      place: "  ",
      regionId: t.demo.county.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: "3.15", campaign: "4.26", place: null, officers: 0 });
    expect(Object.keys(res.json()).sort()).toEqual(
      [
        "id",
        "heldOn",
        "name",
        "campaign",
        "place",
        "partners",
        "officers",
        "inspections",
        "shops",
        "goods",
        "casesFiled",
        "casesClosed",
        "regionId",
        "regionName",
        "notes",
        "version",
        "updatedAt",
      ].sort(),
    );
    const listed = (await editor.get("/api/ip/enforcement?q=4.26")).json();
    expect(listed.items).toMatchObject([{ campaign: "4.26", regionName: "夹江县" }]);
  });

  it("drops an outcome from an open case and words a refused step back for the form", async () => {
    const res = await editor.post("/api/ip/disputes", {
      caseNo: "2021.7",
      type: "假冒专利",
      receivedOn: "2021-05-01",
      parties: "丁",
      status: "调解中",
      outcome: "撤诉",
      regionId: t.demo.county.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ caseNo: "2021.7", outcome: null, closedOn: null });
    const open = res.json() as Record<string, unknown>;
    const back = await editor.put(`/api/ip/disputes/${open.id}`, { ...open, status: "受理" });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.message).toBe("案件已处于“调解中”，办理状态不能退回“受理”");
  });

  it("audits each created and updated row and the import, and names a refused case", async () => {
    const file = (status: string, closedOn: string, outcome: string) =>
      csv([
        "案件编号,案件类型,受理日期,当事人,办理状态,结案日期,结案方式",
        `夹知纠〔2020〕1号,专利侵权纠纷,2020-03-01,甲诉乙,${status},${closedOn},${outcome}`,
      ]);
    const up = (f: Buffer) => editor.upload("/api/ip/disputes/import", "案件.csv", f);
    expect((await up(file("调解中", "", ""))).json()).toMatchObject({ created: 1 });
    expect((await up(file("调解中", "", ""))).json()).toMatchObject({ unchanged: 1 });
    expect((await up(file("结案", "2020-06-01", "调解成功"))).json()).toMatchObject({
      updated: 1,
    });
    const id = (await editor.get("/api/ip/disputes?q=〔2020〕1号")).json().items[0].id as number;
    expect((await audits("ip_dispute", id)).map((a) => a.action)).toEqual(["create", "update"]);
    const imports = (await audits("ip_dispute")).filter((a) => a.action === "import");
    expect(imports.map((a) => a.after)).toEqual([
      { filename: "案件.csv", total: 1, created: 1, updated: 0, unchanged: 0 },
      { filename: "案件.csv", total: 1, created: 0, updated: 0, unchanged: 1 },
      { filename: "案件.csv", total: 1, created: 0, updated: 1, unchanged: 0 },
    ]);
    const back = await up(file("受理", "", ""));
    expect(back.statusCode).toBe(422);
    expect(back.json().error.rows).toEqual([
      {
        row: 0,
        column: "办理状态",
        message: "案件“夹知纠〔2020〕1号”已结案，办理状态不能退回“受理”",
      },
    ]);
    expect((await audits("ip_dispute")).filter((a) => a.action === "import")).toHaveLength(3);
  });

  it("keeps a pledge's subsidy link, set on screen, through re-imports", async () => {
    const firm = (await editor.get("/api/enterprises?q=四川明珠陶瓷有限公司")).json().items[0];
    const pay = await editor.post("/api/fund-payments", {
      kind: "贷款贴息",
      paidOn: "2020-12-01",
      amount: 32_000,
      source: "县级",
      enterpriseId: firm.id,
      regionId: t.demo.county.id,
    });
    expect(pay.statusCode, pay.body).toBe(200);
    const p = await editor.post("/api/ip/pledges", {
      enterpriseId: firm.id,
      bank: "夹江农商银行",
      registeredOn: "2020-03-05",
      amount: 1_000_000,
      patentCount: 1,
      applicationNos: "",
      paymentId: pay.json().id,
    });
    expect(p.statusCode, p.body).toBe(200);
    const file = (amount: number) =>
      csv([
        "出质企业,质权人,登记日期,融资金额（元）,质押专利数",
        `四川明珠陶瓷有限公司,夹江农商银行,2020-03-05,${amount},1`,
      ]);
    const up = (f: Buffer) => editor.upload("/api/ip/pledges/import", "质押.csv", f);
    expect((await up(file(1_000_000))).json()).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await up(file(1_200_000))).json()).toMatchObject({ unchanged: 0, updated: 1 });
    const after = (await editor.get(`/api/ip/pledges/${p.json().id}`)).json();
    expect(after).toMatchObject({ amount: 1_200_000, paymentId: pay.json().id, version: 2 });
    expect((await audits("ip_pledge", p.json().id)).map((a) => a.action)).toEqual([
      "create",
      "update",
    ]);
  });
});
