import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";
import { errorOf, makeProject, metricValues, move, type ProjectRef } from "./projects-fixture.ts";

// 2024 fixture; the demo seed's payments are 2025–2026.
describe.each(engines)("funds ledger on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let q: ProjectRef;

  const pay = (c: Client, over: Record<string, unknown>) =>
    c.post("/api/fund-payments", {
      kind: "项目经费拨付",
      paidOn: "2024-03-01",
      source: "县级",
      voucherNo: "记-2024-001",
      ...over,
    });
  const funded = (name: string) =>
    makeProject(
      editor,
      {
        regionId: t.demo.county.id,
        collectedOn: "2024-01-02",
        name,
        fundCounty: 100000,
        fundSelf: 50000,
      },
      [
        ["推荐申报", "2024-01-10"],
        ["立项", "2024-02-01"],
        ["实施中", "2024-02-10"],
      ],
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan] = await Promise.all([t.login("keyuan"), t.login("jingyan")]);
    q = await funded("拨付上限测试项目");
  });
  afterAll(async () => t.close());

  it("refuses a payment that would exceed the approved fiscal funds, naming both in 万元", async () => {
    expect((await pay(editor, { projectId: q.id, amount: 60000 })).statusCode).toBe(200);
    const over = await pay(editor, { projectId: q.id, amount: 50000 });
    expect(over.statusCode).toBe(409);
    expect(errorOf(over.body)).toBe(
      "该项目批准财政经费10万元，已拨付6万元，本次拨付5万元将超出批准金额",
    );
    const rest = await pay(editor, { projectId: q.id, amount: 40000, paidOn: "2024-06-01" });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().payeeName).toBe("四川农业大学");
    const cent = await pay(editor, { projectId: q.id, amount: 0.01 });
    expect(cent.statusCode).toBe(409);
    const p = (await editor.get(`/api/projects/${q.id}`)).json();
    expect([p.paid, p.fiscalTotal]).toEqual([100000, 100000]);
  });

  it("lets only one of two concurrent payments through", async () => {
    const r = await funded("并发拨付测试项目");
    const results = await Promise.all([
      pay(editor, { projectId: r.id, amount: 60000, voucherNo: "A" }),
      pay(editor, { projectId: r.id, amount: 60000, voucherNo: "B" }),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const list = (await editor.get(`/api/fund-payments?projectId=${r.id}`)).json();
    expect(list.total).toBe(1);
    expect((await editor.get(`/api/projects/${r.id}`)).json().paid).toBe(60000);
  });

  it("pays only approved projects and recovers only from stopped ones", async () => {
    const pending = await makeProject(
      editor,
      {
        regionId: t.demo.county.id,
        collectedOn: "2024-01-02",
        name: "未立项不能拨付",
        fundCounty: 1000,
      },
      [["推荐申报", "2024-01-10"]],
    );
    const early = await pay(editor, { projectId: pending.id, amount: 100 });
    expect(errorOf(early.body)).toBe("项目状态为“推荐申报”，不能拨付经费");
    const s = await funded("终止追回测试项目");
    expect((await pay(editor, { projectId: s.id, amount: 50000 })).statusCode).toBe(200);
    const back = { kind: "追回", projectId: s.id, amount: 30000, paidOn: "2024-09-01" };
    expect(errorOf((await pay(editor, back)).body)).toBe(
      "项目状态为“实施中”，只有终止或撤销的项目才能登记追回",
    );
    await move(editor, s, "终止", "2024-08-01");
    const tooMuch = await pay(editor, { ...back, amount: 60000 });
    expect(errorOf(tooMuch.body)).toBe("追回金额6万元超过该项目已拨付的5万元");
    const ok = await pay(editor, back);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().amount).toBe(-30000);
    expect((await editor.get(`/api/projects/${s.id}`)).json().paid).toBe(20000);
  });

  it("records other kinds without a project and totals by kind in the period", async () => {
    const patent = await pay(editor, {
      kind: "专利资助",
      amount: 5000,
      payeeName: "夹江县某陶瓷有限公司",
      regionId: t.demo.county.id,
      paidOn: "2024-04-01",
    });
    expect(patent.statusCode, patent.body).toBe(200);
    const award = await pay(editor, {
      kind: "科技奖励",
      amount: 20000,
      payeeName: "夹江县某茶业有限公司",
      regionId: t.demo.county.id,
      paidOn: "2024-12-31",
    });
    expect(award.statusCode).toBe(200);
    const noProject = await pay(editor, { amount: 100, regionId: t.demo.county.id });
    expect(noProject.statusCode).toBe(400);
    expect(errorOf(noProject.body)).toBe("项目编号：项目经费拨付须选择项目");
    const negative = await pay(editor, {
      kind: "其他",
      amount: -5,
      payeeName: "x",
      regionId: t.demo.county.id,
    });
    expect(errorOf(negative.body)).toBe("金额（元）：应大于0");
    // 60000 + 40000 + 60000 + 50000 project, 5000 patent, 20000 award; 30000 back.
    expect(
      await metricValues(
        editor,
        [
          "funds.paid",
          "funds.paid.project",
          "funds.paid.patent",
          "funds.paid.award",
          "funds.paid.interest",
          "funds.recovered",
        ],
        "2024",
        t.demo.county.id,
      ),
    ).toEqual({
      "funds.paid": 235000,
      "funds.paid.project": 210000,
      "funds.paid.patent": 5000,
      "funds.paid.award": 20000,
      "funds.paid.interest": 0,
      "funds.recovered": 30000,
    });
    expect(await metricValues(editor, ["funds.paid"], "2024H1", t.demo.county.id)).toEqual({
      "funds.paid": 215000,
    });
    const totals = (await editor.get(`/api/fund-payments/totals?projectId=${q.id}`)).json();
    expect(totals).toEqual([{ kind: "项目经费拨付", amount: 100000, n: 2 }]);
  });

  it("keeps scopes apart", async () => {
    const steal = await pay(jingyan, { projectId: q.id, amount: 1 });
    expect(steal.statusCode).toBe(404);
    expect(errorOf(steal.body)).toBe("所选项目不存在，或不在您的数据范围内");
    const mine = (
      await jingyan.get("/api/fund-payments?paidOn_from=2024-01-01&paidOn_to=2024-12-31")
    ).json();
    expect(mine.total).toBe(0);
    const ours = (
      await editor.get("/api/fund-payments?paidOn_from=2024-01-01&paidOn_to=2024-12-31")
    ).json();
    expect(ours.total).toBe(7);
    expect((await jingyan.get(`/api/fund-payments/${ours.items[0].id}`)).statusCode).toBe(404);
    const del = await jingyan.del(`/api/fund-payments/${ours.items[0].id}?version=1`);
    expect(del.statusCode).toBe(404);
    expect(
      (await jingyan.get(`/api/metrics?ids=funds.paid&regionId=${t.demo.county.id}`)).statusCode,
    ).toBe(403);
  });
});
