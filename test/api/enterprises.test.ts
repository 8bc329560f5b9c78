import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

let serial = 0;
/** A fresh valid credit code (body digits are unique per test run). */
function code(): string {
  serial += 1;
  return withCheckChar(`92511124MA7${String(serial).padStart(6, "0")}`);
}

describe.each(engines)("enterprises: registry, records and scope on %s", (engine) => {
  let t: TestApp;
  let keyuan: Client;
  let jingyan: Client;
  let shiju: Client;
  let juzhang: Client;
  let jingyanTown: number;
  let jiajiangTown: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [keyuan, jingyan, shiju, juzhang] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
      t.login("juzhang"),
    ]);
    const town = (parent: number) =>
      t.db
        .selectFrom("regions")
        .select("id")
        .where("parent_id", "=", parent)
        .orderBy("id")
        .executeTakeFirstOrThrow();
    jingyanTown = (await town(t.demo.neighbour.id)).id;
    jiajiangTown = (await town(t.demo.county.id)).id;
  });
  afterAll(async () => t.close());

  const create = (c: Client, body: Record<string, unknown>) =>
    c.post("/api/enterprises", { name: "测试企业有限公司", industry: "C", ...body });

  it("checks the credit code and names the field in Chinese", async () => {
    const bad = await create(keyuan, { creditCode: "91512081MA62K0260F", regionId: jiajiangTown });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("统一社会信用代码：校验位不正确");
    const short = await create(keyuan, { creditCode: "9151208", regionId: jiajiangTown });
    expect(short.json().error.message).toBe("统一社会信用代码：应为18位，当前为7位");
    const fields = (
      await keyuan.post("/api/enterprises", {
        name: "",
        creditCode: "",
        industry: "Z",
        regionId: "x",
      })
    ).json().error.fields as { label: string }[];
    expect(fields.map((f) => f.label).sort()).toEqual(
      ["企业名称", "乡镇（街道）", "所属行业", "统一社会信用代码"].sort(),
    );
  });

  it("stores the normal form and refuses a duplicate code with 409", async () => {
    const ok = await create(keyuan, {
      name: "夹江（测试）陶瓷有限责任公司",
      creditCode: " 91512081ma62k0260e ",
      regionId: jiajiangTown,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ creditCode: "91512081MA62K0260E", industry: "C" });
    const row = await t.db
      .selectFrom("enterprises")
      .select("name_norm")
      .where("id", "=", ok.json().id)
      .executeTakeFirstOrThrow();
    expect(row.name_norm).toBe("夹江(测试)陶瓷有限公司");
    const dup = await create(keyuan, { creditCode: "91512081MA62K0260E", regionId: jiajiangTown });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain("该统一社会信用代码已存在");
  });

  it("accepts a town or the county but not a village", async () => {
    const village = await t.db
      .selectFrom("regions")
      .select("id")
      .where("level", "=", 5)
      .where("path", "like", `${t.demo.county.path}%`)
      .executeTakeFirstOrThrow();
    const res = await create(keyuan, { creditCode: code(), regionId: village.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe("乡镇（街道）：应选择乡镇（街道）或本县（区）");
    const county = await create(keyuan, { creditCode: code(), regionId: t.demo.county.id });
    expect(county.statusCode).toBe(200);
  });

  it("keeps 井研 and 夹江 apart; the city reads both and writes neither", async () => {
    const mine = (
      await create(keyuan, {
        name: "夹江范围测试有限公司",
        creditCode: code(),
        regionId: jiajiangTown,
      })
    ).json();
    const theirs = (
      await create(jingyan, {
        name: "井研范围测试有限公司",
        creditCode: code(),
        regionId: jingyanTown,
      })
    ).json();
    expect((await jingyan.get(`/api/enterprises/${mine.id}`)).statusCode).toBe(404);
    expect(
      (await jingyan.put(`/api/enterprises/${mine.id}`, { ...mine, phone: "1" })).statusCode,
    ).toBe(404);
    expect(
      (await jingyan.del(`/api/enterprises/${mine.id}?version=${mine.version}`)).statusCode,
    ).toBe(404);
    expect((await create(jingyan, { creditCode: code(), regionId: jiajiangTown })).statusCode).toBe(
      403,
    );
    const list = (await jingyan.get("/api/enterprises?pageSize=200")).json();
    expect(list.items.map((e: { name: string }) => e.name)).toEqual(["井研范围测试有限公司"]);
    const q = await jingyan.post("/api/enterprise-qualifications", {
      enterpriseId: mine.id,
      kindCode: "tsme",
      year: 2026,
    });
    expect(q.statusCode).toBe(404);
    const city = (await shiju.get("/api/enterprises?q=范围测试")).json();
    expect(city.total).toBe(2);
    expect((await create(shiju, { creditCode: code(), regionId: jiajiangTown })).statusCode).toBe(
      403,
    );
    expect((await create(juzhang, { creditCode: code(), regionId: jiajiangTown })).statusCode).toBe(
      403,
    );
    expect((await keyuan.get(`/api/enterprises/${theirs.id}`)).statusCode).toBe(404);
  });

  it("computes certificate expiry, keeps a timeline and names bad fields", async () => {
    const e = (
      await create(keyuan, {
        name: "资质时间线测试有限公司",
        creditCode: code(),
        regionId: jiajiangTown,
      })
    ).json();
    const noNumber = await keyuan.post("/api/enterprise-qualifications", {
      enterpriseId: e.id,
      kindCode: "hte",
      issuedOn: "2024-12-06",
    });
    expect(noNumber.json().error.message).toBe("证书（入库）编号：必填");
    const first = await keyuan.post("/api/enterprise-qualifications", {
      enterpriseId: e.id,
      kindCode: "hte",
      number: "GR202451000001",
      issuedOn: "2023-10-16",
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ year: 2023, expiresOn: "2026-10-15" });
    await keyuan.post("/api/enterprise-qualifications", {
      enterpriseId: e.id,
      kindCode: "hte",
      number: "GR202651000009",
      issuedOn: "2026-10-10",
    });
    const tsme = await keyuan.post("/api/enterprise-qualifications", {
      enterpriseId: e.id,
      kindCode: "tsme",
      number: "2026511126A00001",
      year: 2026,
    });
    expect(tsme.json()).toMatchObject({ expiresOn: "2026-12-31" });
    const again = await keyuan.post("/api/enterprise-qualifications", {
      enterpriseId: e.id,
      kindCode: "tsme",
      year: 2026,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe("该企业同一年度的同类资质已存在，不能重复");
    const y = await keyuan.post("/api/enterprise-yearly", {
      enterpriseId: e.id,
      year: 2025,
      revenue: 80_000_000,
      rdExpense: 3_600_000,
      employees: 100,
      stStaff: 120,
    });
    expect(y.json().error.message).toBe("科技人员数：不能多于职工总数");
    const yOk = await keyuan.post("/api/enterprise-yearly", {
      enterpriseId: e.id,
      year: 2025,
      revenue: 80_000_000,
      rdExpense: 3_600_000,
      employees: 100,
      stStaff: 12,
      aboveScale: true,
    });
    expect(yOk.statusCode).toBe(200);
    const saved = yOk.json<Record<string, unknown>>();
    const stale = await keyuan.put(`/api/enterprise-yearly/${saved.id}`, {
      ...saved,
      rdExpense: 4_000_000,
    });
    expect(stale.statusCode).toBe(200);
    const conflict = await keyuan.put(`/api/enterprise-yearly/${saved.id}`, {
      ...saved,
      rdExpense: 5_000_000,
    });
    expect(conflict.statusCode).toBe(409);
    const detail = (await keyuan.get(`/api/enterprises/${e.id}`)).json();
    expect(
      detail.qualificationRecords.map(
        (q: { year: number; kindName: string }) => `${q.year}${q.kindName}`,
      ),
    ).toEqual(["2026国家高新技术企业", "2026科技型中小企业", "2023国家高新技术企业"]);
    expect(detail.yearly).toMatchObject([{ year: 2025, rdExpense: 4_000_000, aboveScale: true }]);
    expect(detail.scale).toBe("above");
  });

  it("filters the list by town, industry, scale, qualification and year", async () => {
    const all = (await keyuan.get("/api/enterprises?pageSize=1")).json();
    expect(all.total).toBeGreaterThan(150);
    const above = (await keyuan.get("/api/enterprises?scale=above&year=2025&pageSize=200")).json();
    const below = (await keyuan.get("/api/enterprises?scale=below&year=2025&pageSize=1")).json();
    const counted = await t.db
      .selectFrom("enterprise_yearly")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("year", "=", 2025)
      .where("above_scale", "=", true)
      .where("region_path", "like", `${t.demo.county.path}%`)
      .executeTakeFirstOrThrow();
    expect(above.total).toBe(Number(counted.n));
    expect(above.total + below.total).toBeLessThanOrEqual(all.total);
    const hte = (
      await keyuan.get("/api/enterprises?qualification=hte&year=2025&pageSize=200")
    ).json();
    expect(hte.total).toBeGreaterThan(5);
    for (const e of hte.items) expect(e.qualifications).toContain("国家高新技术企业");
    const agri = (await keyuan.get("/api/enterprises?industry=A&pageSize=200")).json();
    expect(agri.items.every((e: { industry: string }) => e.industry === "A")).toBe(true);
    const inTown = (
      await keyuan.get(`/api/enterprises?regionId=${jiajiangTown}&pageSize=200`)
    ).json();
    expect(inTown.items.every((e: { regionId: number }) => e.regionId === jiajiangTown)).toBe(true);
    expect((await keyuan.get("/api/enterprises?year=20x6")).statusCode).toBe(400);
  });

  it("serves the list metadata and documents the routes", async () => {
    const meta = (await keyuan.get("/api/meta/entities/enterprise")).json();
    const filters = meta.fields
      .filter((f: { filter: string | null }) => f.filter)
      .map((f: { key: string }) => f.key);
    expect(filters).toEqual(["regionId", "industry", "scale", "qualification", "year"]);
    const doc = await keyuan.get("/api/openapi.json");
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain("/api/enterprises/recognitions/import");
  });
});
