import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const OPTIONS = "/api/ip/pledges/subsidy-options";
const PLEDGES = "/api/ip/pledges";
const A1_TEXT = "2024-03-01 拨付贴息 3.20万元（凭证号 记-0301）";
const TAKEN_BY_P1 = "（已关联：夹江农商银行 2024-04-01）";

interface Option {
  value: number;
  label: string;
  disabled?: boolean;
}

async function firstSheet(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const headers = (sheet.getRow(1).values as unknown[]).map((h) => String(h ?? ""));
  return { book, sheet, headers };
}

/** Rows of the first sheet keyed by the header row. */
async function sheetRows(payload: Buffer): Promise<Record<string, unknown>[]> {
  const { sheet, headers } = await firstSheet(payload);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const out: Record<string, unknown> = {};
    (row.values as unknown[]).forEach((v, i) => {
      const h = headers[i];
      if (h) out[h] = v;
    });
    rows.push(out);
  });
  return rows;
}

// The 贴息拨付 link of a pledge: shown and exported as text, one pledge per payment.
describe.each(engines)("IP pledge subsidy link text and uniqueness on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  const firm: Record<string, number> = {};
  const pay: Record<string, number> = {};
  let p1 = 0;

  const id = (m: Record<string, number>, key: string) => {
    const v = m[key];
    if (v === undefined) throw new Error(`fixture ${key}`);
    return v;
  };
  const options = async (c: Client, enterpriseId: number) => {
    const res = await c.get(`${OPTIONS}?enterpriseId=${enterpriseId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Option[];
  };
  const pledge = (over: Record<string, unknown>) => ({
    enterpriseId: id(firm, "A"),
    bank: "夹江农商银行",
    registeredOn: "2024-04-01",
    amount: 2_000_000,
    patentCount: 2,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const firms: [Client, string, string, number, string][] = [
      [editor, "A", "夹江关联甲机械有限公司", t.demo.county.id, "126"],
      [editor, "B", "夹江关联乙竹业有限公司", t.demo.county.id, "126"],
      [jingyan, "C", "井研关联丙化工有限公司", t.demo.neighbour.id, "124"],
    ];
    for (const [c, key, name, regionId, area] of firms) {
      const creditCode = withCheckChar(`91511${area}MA7R1000${key}`);
      const res = await c.post("/api/enterprises", { name, creditCode, regionId });
      expect(res.statusCode, res.body).toBe(200);
      firm[key] = res.json().id;
    }
    const payments: [Client, string, Record<string, unknown>][] = [
      [editor, "A1", { enterpriseId: id(firm, "A"), paidOn: "2024-03-01", voucherNo: "记-0301" }],
      [editor, "A2", { enterpriseId: id(firm, "A"), paidOn: "2024-08-01", amount: 15_500 }],
      [editor, "B1", { enterpriseId: id(firm, "B"), paidOn: "2024-05-01" }],
      [
        jingyan,
        "C1",
        { enterpriseId: id(firm, "C"), paidOn: "2024-06-01", regionId: t.demo.neighbour.id },
      ],
    ];
    for (const [c, key, body] of payments) {
      const res = await c.post("/api/fund-payments", {
        kind: "贷款贴息",
        source: "县级",
        amount: 32_000,
        regionId: t.demo.county.id,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
      pay[key] = res.json().id;
    }
    const res = await editor.post(PLEDGES, pledge({ paymentId: id(pay, "A1") }));
    expect(res.statusCode, res.body).toBe(200);
    p1 = res.json().id;
  });
  afterAll(async () => t.close());

  it("shows the linked payment as text in list, detail and export; template leaves it out", async () => {
    const detail = (await editor.get(`${PLEDGES}/${p1}`)).json();
    expect(detail).toMatchObject({ paymentId: id(pay, "A1"), paymentInfo: A1_TEXT });
    const list = (await editor.get(`${PLEDGES}?q=${encodeURIComponent("关联甲机械")}`)).json();
    expect(list.items).toMatchObject([{ id: p1, paymentInfo: A1_TEXT }]);
    const meta = (await editor.get("/api/meta/entities/ip_pledge")).json();
    const column = (meta.fields as { key: string; list: boolean }[]).find(
      (f) => f.key === "paymentInfo",
    );
    expect(column?.list).toBe(true);

    const exported = await editor.get(`${PLEDGES}/export`);
    expect(exported.statusCode).toBe(200);
    const rows = await sheetRows(exported.rawPayload);
    const mine = rows.find((r) => r.出质企业 === "夹江关联甲机械有限公司");
    expect(mine).toMatchObject({ 质权人: "夹江农商银行", 贴息拨付: A1_TEXT });
    expect(mine).not.toHaveProperty("paymentId");

    const { headers } = await firstSheet((await editor.get(`${PLEDGES}/template`)).rawPayload);
    expect(headers).toContain("出质企业");
    expect(headers).not.toContain("贴息拨付");
  });

  it("re-imports the export unchanged and never reads the 贴息拨付 text as a link", async () => {
    const exported = (await editor.get(`${PLEDGES}/export`)).rawPayload;
    const total = (await editor.get(PLEDGES)).json().total;
    const again = await editor.upload(`${PLEDGES}/import`, "质押.xlsx", exported);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ total, created: 0, updated: 0, unchanged: total });

    // Edit the file: another amount and a 贴息拨付 text naming payment A2, plus a new row.
    const { book, sheet, headers } = await firstSheet(exported);
    const col = (h: string) => headers.indexOf(h);
    let edited = 0;
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(col("出质企业")).value !== "夹江关联甲机械有限公司") return;
      row.getCell(col("融资金额（元）")).value = 2_500_000;
      row.getCell(col("贴息拨付")).value = "2024-08-01 拨付贴息 1.55万元";
      edited += 1;
    });
    expect(edited).toBe(1);
    const extra = sheet.addRow([]);
    extra.getCell(col("出质企业")).value = "夹江关联甲机械有限公司";
    extra.getCell(col("质权人")).value = "工商银行夹江支行";
    extra.getCell(col("登记日期")).value = "2024-10-10";
    extra.getCell(col("融资金额（元）")).value = 1_000_000;
    extra.getCell(col("质押专利数（件）")).value = 1;
    extra.getCell(col("贴息拨付")).value = A1_TEXT;
    const changed = await editor.upload(
      `${PLEDGES}/import`,
      "质押.xlsx",
      Buffer.from(await book.xlsx.writeBuffer()),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({
      total: total + 1,
      created: 1,
      updated: 1,
      unchanged: total - 1,
    });
    // The stored link stays; the new row links nothing.
    expect((await editor.get(`${PLEDGES}/${p1}`)).json()).toMatchObject({
      amount: 2_500_000,
      paymentId: id(pay, "A1"),
      paymentInfo: A1_TEXT,
    });
    const added = (await editor.get(`${PLEDGES}?q=${encodeURIComponent("工商银行夹江支行")}`))
      .json()
      .items.find((p: { registeredOn: string }) => p.registeredOn === "2024-10-10");
    expect(added).toMatchObject({ paymentId: null, paymentInfo: null });
  });

  it("marks a payment linked to another pledge in the picker, only within scope", async () => {
    const a1 = id(pay, "A1");
    const a2 = id(pay, "A2");
    expect(await options(editor, id(firm, "A"))).toEqual([
      { value: a2, label: "2024-08-01 拨付贴息 1.55万元" },
      { value: a1, label: `${A1_TEXT}${TAKEN_BY_P1}`, disabled: true },
    ]);
    expect(await options(city, id(firm, "A"))).toContainEqual({
      value: a1,
      label: `${A1_TEXT}${TAKEN_BY_P1}`,
      disabled: true,
    });
    // 井研 never sees 夹江's payments, linked or not; its own is offered plainly.
    expect(await options(jingyan, id(firm, "A"))).toEqual([]);
    expect(await options(jingyan, id(firm, "C"))).toEqual([
      { value: id(pay, "C1"), label: "2024-06-01 拨付贴息 3.20万元" },
    ]);
    // A link held by a pledge outside the reader's scope is named without its bank or date
    // (older data: written directly, as no screen lets 井研 link a 夹江 payment).
    await t.db
      .insertInto("ip_pledges")
      .values({
        region_id: t.demo.neighbour.id,
        region_path: t.demo.neighbour.path,
        enterprise_id: id(firm, "C"),
        patent_count: 1,
        application_nos: [],
        bank: "井研秘密银行",
        amount: 100_000,
        registered_on: "2024-07-07",
        term_months: null,
        payment_id: id(pay, "B1"),
        notes: null,
      })
      .execute();
    const b = await options(editor, id(firm, "B"));
    expect(b).toEqual([
      {
        value: id(pay, "B1"),
        label: "2024-05-01 拨付贴息 3.20万元（已关联：其他地区的质押融资）",
        disabled: true,
      },
    ]);
  });

  it("refuses a second link with 409 naming 贴息拨付; the owner stays editable", async () => {
    const a1 = id(pay, "A1");
    const second = await editor.post(
      PLEDGES,
      pledge({ bank: "建设银行夹江支行", registeredOn: "2024-09-01", paymentId: a1 }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: "BAD_STATE",
      message: `贴息拨付：该拨付记录已关联质押融资（夹江农商银行 2024-04-01），一笔贴息只能关联一笔质押融资；如需改关联，请先在原质押融资中清除`,
    });
    const free = await editor.post(
      PLEDGES,
      pledge({ bank: "建设银行夹江支行", registeredOn: "2024-09-01" }),
    );
    expect(free.statusCode, free.body).toBe(200);
    const p2 = free.json();
    const take = await editor.put(`${PLEDGES}/${p2.id}`, { ...p2, paymentId: a1 });
    expect(take.statusCode).toBe(409);
    expect(take.json().error.message).toContain("贴息拨付：该拨付记录已关联质押融资");

    // The owner edits freely with its link, then gives it up; the other pledge may take it.
    const owner = (await editor.get(`${PLEDGES}/${p1}`)).json();
    const kept = await editor.put(`${PLEDGES}/${p1}`, { ...owner, termMonths: 18 });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ termMonths: 18, paymentId: a1 });
    const keptBody: Record<string, unknown> = kept.json();
    const cleared = await editor.put(`${PLEDGES}/${p1}`, { ...keptBody, paymentId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const moved = await editor.put(`${PLEDGES}/${p2.id}`, { ...p2, paymentId: a1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ paymentId: a1, paymentInfo: A1_TEXT });
    const relabelled = await options(editor, id(firm, "A"));
    expect(relabelled.find((o) => o.value === a1)?.label).toBe(
      `${A1_TEXT}（已关联：建设银行夹江支行 2024-09-01）`,
    );
  });

  it("lets only one of two pledges saved at once take a free payment", async () => {
    const a2 = id(pay, "A2");
    const [x, y] = await Promise.all([
      editor.post(PLEDGES, pledge({ bank: "甲银行", registeredOn: "2024-11-01", paymentId: a2 })),
      editor.post(PLEDGES, pledge({ bank: "乙银行", registeredOn: "2024-11-02", paymentId: a2 })),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const linked = await t.db
      .selectFrom("ip_pledges")
      .select("id")
      .where("payment_id", "=", a2)
      .execute();
    expect(linked).toHaveLength(1);
  });
});
