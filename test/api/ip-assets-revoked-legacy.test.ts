import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { validDesignations } from "../../src/modules/ip-assets/ip-assets.metrics.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const BASE = "/api/ip/designations";
const MISSING = "未填写（不计入有效）";
const csv = (lines: string[]) => Buffer.from(lines.join("\r\n"));

// 撤销 rows saved before 撤销日期 existed (migration 170): shown, edited, re-imported, counted.
describe.each(engines)("IP designations revoked without a date on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let firmId = 0;
  const firmName = "夹江旧撤销示范有限公司";
  let legacyId = 0;

  const at = (day: string) => {
    const r = t.demo.county;
    return validDesignations(
      t.db,
      { regionId: r.id, regionPath: r.path, regionName: r.name, from: day, to: day },
      day,
    );
  };
  const get = async (id: number) => {
    const res = await editor.get(`${BASE}/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body: Record<string, unknown> = res.json();
    return body;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    editor = await t.login("keyuan");
    const res = await editor.post("/api/enterprises", {
      name: firmName,
      creditCode: withCheckChar("91511126MA7R2000X"),
      regionId: t.demo.county.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    firmId = res.json().id;
    // Written directly: the screens no longer let a 撤销 row go without its date.
    const row = await t.db
      .insertInto("ip_designations")
      .values({
        region_id: t.demo.county.id,
        region_path: t.demo.county.path,
        kind: "市知识产权示范企业",
        level: "市",
        year: 2022,
        enterprise_id: firmId,
        recognised_on: "2022-03-01",
        document_no: "乐市知发〔2022〕3号",
        status: "撤销",
        expires_on: null,
        revoked_on: null,
        notes: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    legacyId = row.id;
  });
  afterAll(async () => t.close());

  it("says 未填写 in list and detail where the date is missing, the date where it is not", async () => {
    expect(await get(legacyId)).toMatchObject({
      status: "撤销",
      revokedOn: null,
      revokedOnText: MISSING,
    });
    const dated = await editor.post(BASE, {
      kind: "省知识产权优势企业",
      enterpriseId: firmId,
      recognisedOn: "2022-05-01",
      status: "撤销",
      revokedOn: "2022-09-01",
    });
    expect(dated.statusCode, dated.body).toBe(200);
    expect(dated.json()).toMatchObject({ revokedOn: "2022-09-01", revokedOnText: "2022-09-01" });
    const list = (await editor.get(`${BASE}?recognisedOn_to=2022-12-31&sort=recognisedOn`)).json();
    expect(
      list.items.map((d: Record<string, unknown>) => [d.kind, d.status, d.revokedOnText]),
    ).toEqual([
      ["市知识产权示范企业", "撤销", MISSING],
      ["省知识产权优势企业", "撤销", "2022-09-01"],
    ]);
    const active = (await editor.get(`${BASE}?recognisedOn_from=2024-01-01`)).json().items;
    expect(active.length).toBeGreaterThan(0);
    for (const d of active) expect(d.revokedOnText).toBeNull();
    // The list column sorts by the stored date.
    const sorted = await editor.get(`${BASE}?sort=-revokedOnText`);
    expect(sorted.statusCode, sorted.body).toBe(200);
    await editor.del(`${BASE}/${dated.json().id}?version=${dated.json().version}`);
  });

  it("never counts it valid; counts it up to the eve once a date is given", async () => {
    // Nothing else in 夹江 was designated before 2024 (demo rows start 2024-09-20).
    expect(await at("2022-03-01")).toBe(0);
    expect(await at("2022-12-31")).toBe(0);
    const res = await editor.get(
      `/api/metrics?ids=ip.designations.valid&period=2022&regionId=${t.demo.county.id}`,
    );
    expect((res.json().values as { value: number }[])[0]?.value).toBe(0);
  });

  it("stays editable without inventing a date; a new 撤销 still needs one", async () => {
    const before = await get(legacyId);
    const edited = await editor.put(`${BASE}/${legacyId}`, { ...before, notes: "旧数据核对" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ notes: "旧数据核对", revokedOn: null });

    const live = await editor.post(BASE, {
      kind: "国家知识产权优势企业",
      enterpriseId: firmId,
      recognisedOn: "2022-06-01",
    });
    expect(live.statusCode, live.body).toBe(200);
    const liveBody: Record<string, unknown> = live.json();
    const revoke = await editor.put(`${BASE}/${liveBody.id}`, { ...liveBody, status: "撤销" });
    expect(revoke.statusCode).toBe(400);
    expect(revoke.json().error.fields).toEqual([
      { field: "revokedOn", label: "撤销日期", message: "状态为撤销时必填" },
    ]);
    await editor.del(`${BASE}/${live.json().id}?version=${live.json().version}`);
  });

  it("re-imports an exported file holding it; a new dateless 撤销 row is refused", async () => {
    const exported = await editor.get(`${BASE}/export`);
    expect(exported.statusCode).toBe(200);
    const total = (await editor.get(BASE)).json().total;
    const again = await editor.upload(`${BASE}/import`, "荣誉.xlsx", exported.rawPayload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ total, created: 0, updated: 0, unchanged: total });

    const head = "类别,企业,认定日期,状态,撤销日期,备注";
    const file = (notes: string) =>
      csv([
        head,
        `市知识产权示范企业,${firmName},2022-03-01,撤销,,${notes}`,
        `省知识产权示范企业,${firmName},2022-04-01,撤销,,`,
      ]);
    const bad = await editor.upload(`${BASE}/import`, "荣誉.csv", file("再次核对"));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.rows).toEqual([
      { row: 3, column: "撤销日期", message: "状态为撤销时必填" },
    ]);
    const ok = await editor.upload(
      `${BASE}/import`,
      "荣誉.csv",
      csv([head, `市知识产权示范企业,${firmName},2022-03-01,撤销,,再次核对`]),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ total: 1, created: 0, updated: 1, unchanged: 0 });
    expect(await get(legacyId)).toMatchObject({ notes: "再次核对", revokedOnText: MISSING });
    expect(await at("2022-12-31")).toBe(0);
  });
});
