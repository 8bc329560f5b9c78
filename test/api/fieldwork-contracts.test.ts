import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { contractsReport } from "../../src/modules/contracts/contracts.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

// 2024 fixture; the demo seed's contracts are 2025–2026.
describe.each(engines)("technology contracts on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;

  const contract = (over: Record<string, unknown>) => ({
    regNo: "2024511126000901",
    name: "茶叶加工工艺开发",
    type: "技术开发（委托）",
    sellerName: "四川农业大学",
    buyerName: "夹江县某茶业有限公司",
    amount: 500000,
    turnover: 450000,
    signedOn: "2024-02-01",
    registeredOn: "2024-02-10",
    regionId: t.demo.county.id,
    ...over,
  });

  async function metrics(c: Client, ids: string[], period: string, regionId: number) {
    const res = await c.get(
      `/api/metrics?ids=${ids.join(",")}&period=${period}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().values as { id: string; value: number }[]).map((v) => [v.id, v.value]),
    );
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    for (const body of [
      contract({}),
      contract({
        regNo: "2024511126000902",
        type: "技术转让",
        amount: 300000,
        turnover: 300000,
        registeredOn: "2024-07-01",
        signedOn: null,
      }),
      contract({
        regNo: "2024511126000903",
        type: "技术服务",
        amount: 80000.5,
        turnover: 60000,
        registeredOn: "2024-12-31",
        signedOn: null,
      }),
      contract({
        regNo: "2023511126000001",
        type: "技术转让",
        amount: 1000,
        turnover: 1000,
        registeredOn: "2023-12-31",
        signedOn: null,
      }),
    ]) {
      const res = await editor.post("/api/contracts", body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const jy = await jingyan.post(
      "/api/contracts",
      contract({
        regNo: "2024511124000001",
        type: "技术咨询",
        amount: 20000,
        turnover: 20000,
        regionId: t.demo.neighbour.id,
      }),
    );
    expect(jy.statusCode, jy.body).toBe(200);
  });
  afterAll(async () => t.close());

  it("totals count, 登记额 and 技术交易额 in the period, by type", async () => {
    const ids = [
      "contracts.count",
      "contracts.amount",
      "contracts.turnover",
      "contracts.count.dev_commission",
      "contracts.count.transfer",
      "contracts.turnover.service",
      "contracts.count.consulting",
    ];
    expect(await metrics(editor, ids, "2024", t.demo.county.id)).toEqual({
      "contracts.count": 3,
      "contracts.amount": 880000.5,
      "contracts.turnover": 810000,
      "contracts.count.dev_commission": 1,
      "contracts.count.transfer": 1,
      "contracts.turnover.service": 60000,
      "contracts.count.consulting": 0,
    });
    expect(await metrics(editor, ["contracts.count"], "2024H1", t.demo.county.id)).toEqual({
      "contracts.count": 1,
    });
    expect(
      await metrics(
        city,
        ["contracts.count", "contracts.count.consulting"],
        "2024",
        t.demo.city.id,
      ),
    ).toEqual({
      "contracts.count": 4,
      "contracts.count.consulting": 1,
    });
  });

  it("keeps scopes apart", async () => {
    const mine = (
      await jingyan.get("/api/contracts?registeredOn_from=2023-01-01&registeredOn_to=2024-12-31")
    ).json();
    expect(mine.items.map((c: { regNo: string }) => c.regNo)).toEqual(["2024511124000001"]);
    const ours = (
      await editor.get("/api/contracts?registeredOn_from=2023-01-01&registeredOn_to=2024-12-31")
    ).json();
    expect(ours.total).toBe(4);
    expect((await jingyan.get(`/api/contracts/${ours.items[0].id}`)).statusCode).toBe(404);
    expect((await jingyan.del(`/api/contracts/${ours.items[0].id}?version=1`)).statusCode).toBe(
      404,
    );
    const all = (
      await city.get("/api/contracts?registeredOn_from=2023-01-01&registeredOn_to=2024-12-31")
    ).json();
    expect(all.total).toBe(5);
    expect(
      (await jingyan.get(`/api/metrics?ids=contracts.count&regionId=${t.demo.county.id}`))
        .statusCode,
    ).toBe(403);
  });

  it("rejects bad input naming the fields, and a duplicate 登记编号 with 409", async () => {
    const res = await editor.post(
      "/api/contracts",
      contract({
        regNo: "",
        type: "技术赠与",
        amount: -1,
        turnover: "abc",
        registeredOn: "2024-02-30",
      }),
    );
    expect(res.statusCode).toBe(400);
    const labels = (res.json().error.fields as { label: string }[]).map((f) => f.label).sort();
    expect(labels).toEqual(
      ["合同类型", "合同金额（元）", "登记日期", "登记编号", "技术交易额（元）"].sort(),
    );
    const over = await editor.post(
      "/api/contracts",
      contract({ regNo: "X1", amount: 10, turnover: 20 }),
    );
    expect(over.json().error.message).toBe("技术交易额（元）：不能大于合同金额");
    const dup = await editor.post("/api/contracts", contract({}));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("该登记编号的技术合同已存在，不能重复");
  });

  it("imports idempotently on 登记编号 and never overwrites another county's contract", async () => {
    const csv = (amount: string) =>
      [
        "登记编号,合同名称,合同类型,卖方,买方,合同金额,技术交易额,登记日期",
        `2022511126000001,导入合同甲,技术许可,甲公司,乙公司,${amount},10000,2022-03-01`,
        "2022511126000002,导入合同乙,技术咨询,甲公司,丙公司,5000,5000,2022/4/2",
      ].join("\r\n");
    const first = await editor.upload(
      "/api/contracts/import",
      "合同.csv",
      Buffer.from(csv("10000")),
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const again = await editor.upload(
      "/api/contracts/import",
      "合同.csv",
      Buffer.from(csv("10000")),
    );
    expect(again.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    const changed = await editor.upload(
      "/api/contracts/import",
      "合同.csv",
      Buffer.from(csv("12000")),
    );
    expect(changed.json()).toEqual({ total: 2, created: 0, updated: 1, unchanged: 1 });
    expect(await metrics(editor, ["contracts.amount"], "2022", t.demo.county.id)).toEqual({
      "contracts.amount": 17000,
    });
    const hostile = await jingyan.upload(
      "/api/contracts/import",
      "合同.csv",
      Buffer.from(csv("1")),
    );
    expect(hostile.statusCode).toBe(422);
    expect(await metrics(editor, ["contracts.amount"], "2022", t.demo.county.id)).toEqual({
      "contracts.amount": 17000,
    });
  });

  it("states the year's registrations in the report voice", async () => {
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [contractsReport],
      region: t.demo.county,
      period: parsePeriod("2024"),
    });
    const texts = doc.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toContain(
      "2024年，全县登记技术合同3项，合同登记额88万元，实现技术交易额81万元。其中技术开发（委托）合同1项、技术转让合同1项、技术服务合同1项。",
    );
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
  });
});
