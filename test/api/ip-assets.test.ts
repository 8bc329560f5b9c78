import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { ipAssetsReport } from "../../src/modules/ip-assets/ip-assets.report.ts";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const IDS = [
  "ip.pledges.count",
  "ip.pledges.amount",
  "ip.pledges.enterprises",
  "ip.pledges.patents",
  "ip.designations.new",
  "ip.designations.new.national",
  "ip.designations.new.provincial",
  "ip.designations.new.provincial_demo",
  "ip.designations.valid",
];

// 2022–2023 fixture; the demo seed's pledges and designations are 2024–2026.
describe.each(engines)("IP pledges and designations on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const firm: Record<string, number> = {};
  const pledge: Record<string, { id: number; version: number }> = {};
  const no1 = withCheck("202310123456");
  const no2 = withCheck("202320654321");

  async function metrics(c: Client, period: string, regionId: number) {
    const res = await c.get(
      `/api/metrics?ids=${IDS.join(",")}&period=${period}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().values as { id: string; value: number }[]).map((v) => [
        v.id.replace("ip.", ""),
        v.value,
      ]),
    );
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const firms: [Client, string, string, number][] = [
      [editor, "A", "夹江质押甲科技有限公司", t.demo.county.id],
      [editor, "B", "夹江质押乙陶瓷有限公司", t.demo.county.id],
      [jingyan, "C", "井研质押丙机械有限公司", t.demo.neighbour.id],
    ];
    for (const [c, key, name, regionId] of firms) {
      const res = await c.post("/api/enterprises", {
        name,
        creditCode: withCheckChar(
          `91511${regionId === t.demo.county.id ? "126" : "124"}MA7Q0000${key}`,
        ),
        regionId,
      });
      expect(res.statusCode, res.body).toBe(200);
      firm[key] = res.json().id;
    }
    const pledges: [Client, string, Record<string, unknown>][] = [
      [
        editor,
        "P1",
        {
          enterpriseId: firm.A,
          bank: "银行甲",
          registeredOn: "2023-03-15",
          amount: 1_000_000,
          applicationNos: `ZL${no1}、CN${no2.replace(".", "")}`,
        },
      ],
      // Registered on the last day of 2023H1: inside it.
      [
        editor,
        "P2",
        {
          enterpriseId: firm.B,
          bank: "银行乙",
          registeredOn: "2023-06-30",
          amount: 2_500_000.5,
          patentCount: 3,
          termMonths: 12,
        },
      ],
      // The first day after it: outside.
      [
        editor,
        "P3",
        {
          enterpriseId: firm.A,
          bank: "银行乙",
          registeredOn: "2023-07-01",
          amount: 500_000,
          patentCount: 1,
        },
      ],
      [
        jingyan,
        "P4",
        {
          enterpriseId: firm.C,
          bank: "银行丙",
          registeredOn: "2023-05-01",
          amount: 9_000_000,
          patentCount: 1,
        },
      ],
    ];
    for (const [c, key, body] of pledges) {
      const res = await c.post("/api/ip/pledges", body);
      expect(res.statusCode, res.body).toBe(200);
      pledge[key] = res.json();
    }
    const designations: Record<string, unknown>[] = [
      {
        kind: "省知识产权示范企业",
        enterpriseId: firm.A,
        recognisedOn: "2023-06-30",
        expiresOn: "2026-06-29",
        documentNo: "川知发〔2023〕9号",
      },
      // Expires on the last day of 2023H1: valid at its end, not at the year's end.
      {
        kind: "国家知识产权优势企业",
        enterpriseId: firm.B,
        recognisedOn: "2023-01-10",
        expiresOn: "2023-06-30",
      },
      { kind: "省知识产权强县", regionId: t.demo.county.id, recognisedOn: "2023-07-01" },
      {
        kind: "市知识产权示范企业",
        enterpriseId: firm.B,
        recognisedOn: "2022-05-01",
        status: "撤销",
        revokedOn: "2022-12-31",
      },
    ];
    for (const body of designations) {
      const res = await editor.post("/api/ip/designations", body);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  it("stores the pledge with normalised numbers and the enterprise's region", async () => {
    const res = await editor.get(`/api/ip/pledges/${pledge.P1?.id}`);
    expect(res.json()).toMatchObject({
      enterpriseName: "夹江质押甲科技有限公司",
      applicationNos: `${no1}、${no2}`,
      patentCount: 2,
      amount: 1_000_000,
      regionName: "夹江县",
    });
    const d = (
      await editor.get(
        "/api/ip/designations?kind=省知识产权强县&recognisedOn_from=2023-01-01&recognisedOn_to=2023-12-31",
      )
    ).json();
    expect(d.items).toMatchObject([
      { level: "省", year: 2023, enterpriseId: null, status: "有效" },
    ]);
  });

  it("computes pledge and designation metrics with the period edges", async () => {
    expect(await metrics(editor, "2023H1", t.demo.county.id)).toEqual({
      "pledges.count": 2,
      "pledges.amount": 3_500_000.5,
      "pledges.enterprises": 2,
      "pledges.patents": 5,
      "designations.new": 2,
      "designations.new.national": 1,
      "designations.new.provincial": 1,
      "designations.new.provincial_demo": 1,
      "designations.valid": 2,
    });
    expect(await metrics(editor, "2023", t.demo.county.id)).toMatchObject({
      "pledges.count": 3,
      "pledges.amount": 4_000_000.5,
      "pledges.enterprises": 2,
      "pledges.patents": 6,
      "designations.new": 3,
      "designations.new.provincial": 2,
      // The 2023-06-30 expiry has passed; the revoked one never counts.
      "designations.valid": 2,
    });
    expect(await metrics(editor, "2022", t.demo.county.id)).toMatchObject({
      "designations.new": 1,
      "designations.valid": 0,
    });
    expect(await metrics(city, "2023H1", t.demo.city.id)).toMatchObject({
      "pledges.count": 3,
      "pledges.amount": 12_500_000.5,
      "pledges.enterprises": 3,
    });
  });

  it("writes the report paragraph from the metrics", async () => {
    const registry = buildMetricRegistry();
    const doc = await composeReport({
      db: t.db,
      registry,
      contributors: [ipAssetsReport],
      region: t.demo.county,
      period: parsePeriod("2023H1"),
    });
    expect((await verifyNumberRuns(t.db, doc, registry)).mismatches).toEqual([]);
    const text = doc.blocks
      .map((b) => (b.type === "paragraph" && b.key.startsWith("ipassets") ? runsText(b.runs) : ""))
      .join("");
    expect(text).toBe(
      "今年上半年，全县2家企业通过知识产权质押融资350万元（2笔，质押专利5件）；" +
        "新增国家知识产权优势企业1家（夹江质押乙陶瓷有限公司）；" +
        "新增省知识产权示范企业1家（夹江质押甲科技有限公司）。" +
        "截至2023年6月底，全县有效知识产权荣誉与试点示范共2项。",
    );
  });

  it("names bad fields in Chinese and refuses a stale version with 409", async () => {
    const bad = await editor.post("/api/ip/pledges", {
      enterpriseId: firm.A,
      registeredOn: "2023-02-30",
      amount: -1,
      applicationNos: "201710601862.4",
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields as { label: string; message: string }[];
    const labels = fields.map((f) => f.label);
    expect(labels).toEqual(
      expect.arrayContaining(["登记日期", "质权人", "融资金额（元）", "质押专利申请号"]),
    );
    expect(fields.find((f) => f.label === "质押专利申请号")?.message).toContain("201710601862.4");
    const noFirm = await editor.post("/api/ip/designations", {
      kind: "省知识产权示范企业",
      recognisedOn: "2023-01-01",
    });
    expect(noFirm.statusCode).toBe(400);
    expect(noFirm.json().error.fields[0]).toMatchObject({
      label: "企业",
      message: "“省知识产权示范企业”须选择企业",
    });

    const p = pledge.P3;
    if (!p) throw new Error("fixture");
    const body = {
      enterpriseId: firm.A,
      bank: "银行乙",
      registeredOn: "2023-07-01",
      amount: 600_000,
      patentCount: 1,
    };
    const ok = await editor.put(`/api/ip/pledges/${p.id}`, { ...body, version: p.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ amount: 600_000, version: p.version + 1 });
    const stale = await editor.put(`/api/ip/pledges/${p.id}`, { ...body, version: p.version });
    expect(stale.statusCode).toBe(409);
    const dup = await editor.post("/api/ip/pledges", { ...body, amount: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain("该企业同一日期在同一质权人的质押登记");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "ip_pledge")
      .where("record_id", "=", String(p.id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "update"]);
  });

  it("links an interest-subsidy payment and shows it on the record", async () => {
    const pay = (kind: string) =>
      editor.post("/api/fund-payments", {
        kind,
        paidOn: "2023-12-01",
        amount: 32_000,
        source: "县级",
        enterpriseId: firm.A,
        regionId: t.demo.county.id,
        voucherNo: "记-0123",
      });
    const subsidy = await pay("贷款贴息");
    expect(subsidy.statusCode, subsidy.body).toBe(200);
    const other = await pay("科技奖励");
    const current = (await editor.get(`/api/ip/pledges/${pledge.P1?.id}`)).json();
    const body = {
      enterpriseId: firm.A,
      bank: "银行甲",
      registeredOn: "2023-03-15",
      amount: 1_000_000,
      applicationNos: current.applicationNos,
      version: current.version,
    };
    const wrong = await editor.put(`/api/ip/pledges/${current.id}`, {
      ...body,
      paymentId: other.json().id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ field: "paymentId", label: "贴息拨付" });
    expect(wrong.body).toContain("贷款贴息");
    const linked = await editor.put(`/api/ip/pledges/${current.id}`, {
      ...body,
      paymentId: subsidy.json().id,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().paymentInfo).toBe("2023-12-01 拨付贴息 3.20万元（凭证号 记-0123）");
  });

  it("keeps 井研 and 夹江 apart; the city reads both and writes neither", async () => {
    const own = (
      await jingyan.get("/api/ip/pledges?registeredOn_from=2023-01-01&registeredOn_to=2023-12-31")
    ).json();
    expect(own.items.map((p: { bank: string }) => p.bank)).toEqual(["银行丙"]);
    const p1 = pledge.P1;
    if (!p1) throw new Error("fixture");
    expect((await jingyan.get(`/api/ip/pledges/${p1.id}`)).statusCode).toBe(404);
    const put = await jingyan.put(`/api/ip/pledges/${p1.id}`, {
      enterpriseId: firm.A,
      bank: "x",
      registeredOn: "2023-03-15",
      amount: 1,
      patentCount: 1,
      version: 1,
    });
    expect(put.statusCode).toBe(404);
    const foreign = await jingyan.post("/api/ip/pledges", {
      enterpriseId: firm.A,
      bank: "银行丁",
      registeredOn: "2023-08-01",
      amount: 1,
      patentCount: 1,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain("不在您的数据范围内");
    expect((await jingyan.del(`/api/ip/pledges/${p1.id}?version=1`)).statusCode).toBe(404);
    const all = (
      await city.get("/api/ip/pledges?registeredOn_from=2023-01-01&registeredOn_to=2023-12-31")
    ).json();
    expect(all.total).toBe(4);
    const write = await city.post("/api/ip/pledges", {
      enterpriseId: firm.C,
      bank: "银行戊",
      registeredOn: "2023-08-01",
      amount: 1,
      patentCount: 1,
    });
    expect(write.statusCode).toBe(403);
  });

  it("deletes with the current version only", async () => {
    const p = pledge.P2;
    if (!p) throw new Error("fixture");
    expect((await editor.del(`/api/ip/pledges/${p.id}?version=${p.version + 5}`)).statusCode).toBe(
      409,
    );
    expect((await editor.del(`/api/ip/pledges/${p.id}?version=${p.version}`)).statusCode).toBe(204);
    expect((await editor.get(`/api/ip/pledges/${p.id}`)).statusCode).toBe(404);
  });
});
