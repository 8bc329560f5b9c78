import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { validDesignations } from "../../src/modules/ip-assets/ip-assets.metrics.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const OPTIONS = "/api/ip/pledges/subsidy-options";
const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));

// The subsidy picker, keyword search through the enterprise, and the revocation date.
describe.each(engines)("IP pledge subsidy picker, search and revocation on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const firm: Record<string, { id: number; name: string; creditCode: string }> = {};
  const pay: Record<string, number> = {};

  async function payment(c: Client, key: string, body: Record<string, unknown>) {
    const res = await c.post("/api/fund-payments", { source: "县级", amount: 32_000, ...body });
    expect(res.statusCode, res.body).toBe(200);
    pay[key] = res.json().id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const firms: [Client, string, string, number][] = [
      [editor, "A", "夹江贴息甲新材料有限公司", t.demo.county.id],
      [editor, "B", "夹江贴息乙茶业有限公司", t.demo.county.id],
      [jingyan, "C", "井研贴息丙盐化有限公司", t.demo.neighbour.id],
    ];
    for (const [c, key, name, regionId] of firms) {
      const code = withCheckChar(
        `91511${regionId === t.demo.county.id ? "126" : "124"}MA7R0000${key}`,
      );
      const res = await c.post("/api/enterprises", { name, creditCode: code, regionId });
      expect(res.statusCode, res.body).toBe(200);
      firm[key] = { id: res.json().id, name, creditCode: code };
    }
    const a = firm.A;
    const b = firm.B;
    const c = firm.C;
    if (!a || !b || !c) throw new Error("fixture");
    const county = t.demo.county.id;
    await payment(editor, "A1", {
      kind: "贷款贴息",
      paidOn: "2024-03-01",
      enterpriseId: a.id,
      regionId: county,
      voucherNo: "记-0301",
    });
    // Entered with the payee's name only: still the firm's subsidy.
    await payment(editor, "A2", {
      kind: "贷款贴息",
      paidOn: "2024-09-15",
      amount: 15_500,
      payeeName: a.name,
      regionId: county,
    });
    await payment(editor, "Areward", {
      kind: "科技奖励",
      paidOn: "2024-04-01",
      enterpriseId: a.id,
      regionId: county,
    });
    await payment(editor, "B1", {
      kind: "贷款贴息",
      paidOn: "2024-05-01",
      enterpriseId: b.id,
      regionId: county,
    });
    await payment(jingyan, "C1", {
      kind: "贷款贴息",
      paidOn: "2024-06-01",
      enterpriseId: c.id,
      regionId: t.demo.neighbour.id,
    });
  });
  afterAll(async () => t.close());

  const options = async (c: Client, enterpriseId: number | undefined) => {
    const res = await c.get(`${OPTIONS}?enterpriseId=${enterpriseId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { value: number; label: string }[];
  };

  it("lists the chosen firm's 贷款贴息 payments in scope, newest first", async () => {
    expect(await options(editor, firm.A?.id)).toEqual([
      { value: pay.A2, label: "2024-09-15 拨付贴息 1.55万元" },
      { value: pay.A1, label: "2024-03-01 拨付贴息 3.20万元（凭证号 记-0301）" },
    ]);
    expect((await options(editor, firm.B?.id)).map((o) => o.value)).toEqual([pay.B1]);
    // 井研 never sees 夹江 payments, whichever firm it names.
    expect(await options(jingyan, firm.A?.id)).toEqual([]);
    expect((await options(jingyan, firm.C?.id)).map((o) => o.value)).toEqual([pay.C1]);
    expect((await options(city, firm.A?.id)).map((o) => o.value)).toEqual([pay.A2, pay.A1]);
    const none = await editor.get(OPTIONS);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("请选择出质企业");
  });

  it("refuses a payment of another kind, firm or county on the field, keeps a right one", async () => {
    const body = {
      enterpriseId: firm.A?.id,
      bank: "夹江农商银行",
      registeredOn: "2024-02-20",
      amount: 2_000_000,
      patentCount: 2,
    };
    const cases: [Client, number | undefined, string][] = [
      [editor, pay.Areward, "应为“贷款贴息”拨付记录（该记录为“科技奖励”）"],
      [editor, pay.B1, "该贴息拨付给了其他企业"],
      [editor, pay.C1, "拨付记录不存在，或不在您的数据范围内"],
    ];
    for (const [c, paymentId, message] of cases) {
      const res = await c.post("/api/ip/pledges", { ...body, paymentId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([{ field: "paymentId", label: "贴息拨付", message }]);
    }
    const ok = await editor.post("/api/ip/pledges", { ...body, paymentId: pay.A2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      paymentId: pay.A2,
      paymentInfo: "2024-09-15 拨付贴息 1.55万元",
    });
    const meta = (await editor.get("/api/meta/entities/ip_pledge")).json();
    const field = (meta.fields as { key: string }[]).find((f) => f.key === "paymentId");
    expect(field).toMatchObject({
      type: "remote",
      remote: { url: OPTIONS, dependsOn: "enterpriseId", labelKey: "paymentInfo" },
    });
  });

  it("finds pledges and designations by the enterprise's name or credit code", async () => {
    const a = firm.A;
    if (!a) throw new Error("fixture");
    const d = await editor.post("/api/ip/designations", {
      kind: "省知识产权优势企业",
      enterpriseId: a.id,
      recognisedOn: "2024-01-05",
    });
    expect(d.statusCode, d.body).toBe(200);
    const banks = async (c: Client, q: string) =>
      (await c.get(`/api/ip/pledges?q=${encodeURIComponent(q)}`))
        .json()
        .items.map(
          (p: { enterpriseName: string; bank: string }) => `${p.enterpriseName}/${p.bank}`,
        );
    expect(await banks(editor, "贴息甲新材料")).toEqual([`${a.name}/夹江农商银行`]);
    expect(await banks(editor, a.creditCode.toLowerCase())).toEqual([`${a.name}/夹江农商银行`]);
    // Its own text column still matches; another firm's name does not.
    expect(await banks(editor, "农商银行")).toContain(`${a.name}/夹江农商银行`);
    expect(await banks(editor, "贴息乙茶业")).toEqual([]);
    expect(await banks(jingyan, "贴息甲新材料")).toEqual([]);
    const found = (
      await editor.get(`/api/ip/designations?q=${encodeURIComponent("贴息甲新材料")}`)
    ).json();
    expect(found.items.map((x: { id: number }) => x.id)).toEqual([d.json().id]);
  });

  it("requires 撤销日期 with 撤销 and counts the designation up to the day before", async () => {
    const b = firm.B;
    if (!b) throw new Error("fixture");
    const body = { kind: "市知识产权示范企业", enterpriseId: b.id, recognisedOn: "2023-03-01" };
    const missing = await editor.post("/api/ip/designations", { ...body, status: "撤销" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([
      { field: "revokedOn", label: "撤销日期", message: "状态为撤销时必填" },
    ]);
    const stray = await editor.post("/api/ip/designations", { ...body, revokedOn: "2024-01-01" });
    expect(stray.json().error.fields[0]).toMatchObject({
      label: "撤销日期",
      message: "仅状态为撤销时填写",
    });
    const early = await editor.post("/api/ip/designations", {
      ...body,
      status: "撤销",
      revokedOn: "2023-02-28",
    });
    expect(early.json().error.fields[0]).toMatchObject({ message: "不能早于认定日期" });
    const ok = await editor.post("/api/ip/designations", {
      ...body,
      status: "撤销",
      revokedOn: "2024-07-01",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "撤销", revokedOn: "2024-07-01" });

    const region = t.demo.county;
    const scope = { regionId: region.id, regionPath: region.path, regionName: region.name };
    const at = (day: string) => validDesignations(t.db, { ...scope, from: day, to: day }, day);
    // Relative to whatever else the demo county holds: only this row changes on these days.
    const base = await at("2023-02-28");
    expect(await at("2023-03-01")).toBe(base + 1);
    const onEve = await at("2024-06-30");
    expect(await at("2024-07-01")).toBe(onEve - 1);
    const metric = async (period: string) => {
      const res = await editor.get(
        `/api/metrics?ids=ip.designations.valid&period=${period}&regionId=${region.id}`,
      );
      return (res.json().values as { value: number }[])[0]?.value;
    };
    expect(await metric("2024H1")).toBe(onEve);
    expect(await metric("2024M07")).toBe(await at("2024-07-31"));
  });

  it("rejects an imported 撤销 row without a date and shows the date in list and export", async () => {
    const head = "类别,企业,认定日期,状态,撤销日期";
    const bad = await editor.upload(
      "/api/ip/designations/import",
      "荣誉.csv",
      csv([
        head,
        `省知识产权示范企业,${firm.B?.name},2022-04-01,撤销,2023-04-01`,
        `国家知识产权优势企业,${firm.B?.name},2022-05-01,撤销,`,
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.rows).toEqual([
      { row: 3, column: "撤销日期", message: "状态为撤销时必填" },
    ]);
    const good = await editor.upload(
      "/api/ip/designations/import",
      "荣誉.csv",
      csv([head, `省知识产权示范企业,${firm.B?.name},2022-04-01,撤销,2023-04-01`]),
    );
    expect(good.statusCode, good.body).toBe(200);
    const list = (await editor.get("/api/ip/designations?recognisedOn_to=2022-12-31")).json();
    expect(list.items).toMatchObject([
      { kind: "省知识产权示范企业", status: "撤销", revokedOn: "2023-04-01" },
    ]);
    const template = await editor.get("/api/ip/designations/template");
    expect(template.statusCode).toBe(200);
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("template has no sheet");
    const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toContain("撤销日期");
  });
});
