import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

const KINDS = "/api/enterprises/qualification-kinds";
const newKind = {
  code: "county_gazelle",
  name: "县级瞪羚企业",
  category: "other",
  validYears: 2,
  byYear: false,
  numberLabel: "认定文号",
  sort: 20,
};

describe.each(engines)("enterprises: qualification-kind dictionary on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let keyuan: Client;
  let juzhang: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [admin, keyuan, juzhang] = await Promise.all([
      t.login("admin"),
      t.login("keyuan"),
      t.login("juzhang"),
    ]);
  });
  afterAll(async () => t.close());

  it("lets an admin add a kind that is then usable for a qualification", async () => {
    const created = await admin.post(KINDS, newKind);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ code: "county_gazelle", validYears: 2, active: true });
    const list = (await juzhang.get(KINDS)).json().items as { code: string }[];
    expect(list.map((k) => k.code)).toContain("county_gazelle");

    const town = await t.db
      .selectFrom("regions")
      .select("id")
      .where("parent_id", "=", t.demo.county.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const e = await keyuan.post("/api/enterprises", {
      name: "瞪羚测试有限公司",
      creditCode: withCheckChar("92511124MA7900001"),
      regionId: town.id,
    });
    expect(e.statusCode).toBe(200);
    const q = await keyuan.post("/api/enterprise-qualifications", {
      enterpriseId: e.json().id,
      kindCode: "county_gazelle",
      number: "夹科〔2026〕3号",
      issuedOn: "2026-03-10",
    });
    expect(q.statusCode).toBe(200);
    // Two-year validity from the issue date, as the new kind says.
    expect(q.json()).toMatchObject({ kindCode: "county_gazelle", year: 2026 });
    expect(q.json().expiresOn).toBe("2028-03-09");

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "record_id"])
      .where("entity", "=", "qualification_kinds")
      .execute();
    expect(audit).toEqual([{ action: "create", record_id: "county_gazelle" }]);
  });

  it("lets an admin rename a kind and retire it from new qualifications", async () => {
    const put = await admin.put(`${KINDS}/zjtx`, {
      name: "省级专精特新中小企业（新）",
      category: "other",
      validYears: 3,
      byYear: false,
      active: false,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ code: "zjtx", name: "省级专精特新中小企业（新）" });
    expect(put.json().active).toBe(false);
    const missing = await admin.put(`${KINDS}/no_such_kind`, newKind);
    expect(missing.statusCode).toBe(404);
  });

  it("refuses editors and viewers with 403", async () => {
    for (const c of [keyuan, juzhang]) {
      expect((await c.post(KINDS, { ...newKind, code: "other_kind" })).statusCode).toBe(403);
      expect((await c.put(`${KINDS}/hte`, newKind)).statusCode).toBe(403);
    }
    const hte = await t.db
      .selectFrom("qualification_kinds")
      .select("name")
      .where("code", "=", "hte")
      .executeTakeFirstOrThrow();
    expect(hte.name).toBe("国家高新技术企业");
  });

  it("answers a duplicate code with 409", async () => {
    const dup = await admin.post(KINDS, { ...newKind, code: "hte" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe("该资质类型代码已存在，不能重复");
  });

  it("names bad fields in Chinese", async () => {
    const bad = await admin.post(KINDS, {
      code: "Bad Code",
      name: "",
      category: "x",
      validYears: 20,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields as { field: string; label: string }[];
    expect(fields.map((f) => f.label).sort()).toEqual(
      ["代码", "名称", "类别", "有效年限", "按年度有效"].sort(),
    );
    const msg = fields.find((f) => f.field === "code") as { message: string } | undefined;
    expect(msg?.message).toBe("应为 2—40 位小写字母、数字或下划线，以字母开头");
  });
});
