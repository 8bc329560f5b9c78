import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

/*
 * 井研县 holds nothing in the demo, so its editor's fixture is exactly what the alerts see:
 *   A  高企 2024-03-10 → valid to 2027-03-09
 *   B  高企 2023-11-21 → to 2026-11-20; 重新认定 2026-11-01 (so B never alerts)
 *   C  高企 2023-06-01 → to 2026-05-31 (expired by late 2026)
 *   D  科小 2025 and 2026;  E 科小 2025 only;  F 科小 2026 only
 *   G  培育库 2026 and a pending 2026 application;  H 培育库 2026 only
 */
describe.each(engines)("enterprise alerts and pipeline on %s", (engine) => {
  let t: TestApp;
  let jingyan: Client;
  let keyuan: Client;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    [jingyan, keyuan] = await Promise.all([t.login("jingyan"), t.login("keyuan")]);
    let n = 0;
    for (const key of ["A", "B", "C", "D", "E", "F", "G", "H"]) {
      n += 1;
      const res = await jingyan.post("/api/enterprises", {
        name: `井研${key}企业有限公司`,
        creditCode: withCheckChar(`91511124MA7${String(n).padStart(6, "0")}`),
        regionId: t.demo.neighbour.id,
        foundedOn: "2016-05-01",
      });
      ids[key] = res.json().id;
    }
    const q = async (key: string, body: Record<string, unknown>) => {
      const res = await jingyan.post("/api/enterprise-qualifications", {
        enterpriseId: ids[key],
        ...body,
      });
      if (res.statusCode !== 200) throw new Error(res.body);
    };
    const hte = (key: string, issuedOn: string) =>
      q(key, { kindCode: "hte", number: `GR-${key}-${issuedOn}`, issuedOn });
    await hte("A", "2024-03-10");
    await hte("B", "2023-11-21");
    await hte("B", "2026-11-01");
    await hte("C", "2023-06-01");
    await q("D", { kindCode: "tsme", year: 2025, number: "D25" });
    await q("D", { kindCode: "tsme", year: 2026, number: "D26" });
    await q("E", { kindCode: "tsme", year: 2025, number: "E25" });
    await q("F", { kindCode: "tsme", year: 2026, number: "F26" });
    await q("G", { kindCode: "hte_reserve", year: 2026 });
    await q("H", { kindCode: "hte_reserve", year: 2026 });
    const app = await jingyan.post("/api/enterprise-applications", {
      enterpriseId: ids.G,
      kindCode: "hte",
      year: 2026,
      appliedOn: "2026-06-20",
      result: "申报",
    });
    expect(app.statusCode).toBe(200);
    await jingyan.post("/api/enterprise-yearly", {
      enterpriseId: ids.G,
      year: 2025,
      revenue: 30_000_000,
      rdExpense: 1_800_000,
      hitechIncome: 15_000_000,
      employees: 50,
      stStaff: 8,
    });
  });
  afterAll(async () => t.close());

  const alerts = async (today: string) =>
    (await jingyan.get(`/api/enterprises/alerts?today=${today}`)).json();
  const expiringNames = async (today: string) =>
    (await alerts(today)).expiring.map((a: { enterpriseName: string }) => a.enterpriseName);

  it("finds certificates ending within six months, across a year end", async () => {
    // 2026-11-25 + 6 months = 2027-05-25: A (2027-03-09) is in; B was re-recognised.
    expect(await expiringNames("2026-11-25")).toEqual(["井研A企业有限公司"]);
    expect((await alerts("2026-11-25")).expiring[0]).toMatchObject({
      expiresOn: "2027-03-09",
      kindName: "国家高新技术企业",
    });
    // 2026-09-09 + 6 = 2027-03-09: the last day counts.
    expect(await expiringNames("2026-09-09")).toEqual(["井研A企业有限公司"]);
    expect(await expiringNames("2026-09-08")).toEqual([]);
    // Earlier in 2026, C (2026-05-31) was the one; on 2026-06-01 it has lapsed.
    expect(await expiringNames("2026-01-15")).toEqual(["井研C企业有限公司"]);
    expect(await expiringNames("2026-06-01")).toEqual([]);
    expect(await expiringNames("2027-03-10")).toEqual([]);
  });

  it("finds 科小 not renewed this year", async () => {
    const names = (today: string) =>
      alerts(today).then((a) =>
        a.tsmeNotRenewed.map((x: { enterpriseName: string }) => x.enterpriseName),
      );
    expect(await names("2026-08-01")).toEqual(["井研E企业有限公司"]);
    expect(await names("2027-01-05")).toEqual(["井研D企业有限公司", "井研F企业有限公司"]);
  });

  it("never shows another county's alerts", async () => {
    const mine = await keyuan.get("/api/enterprises/alerts?today=2026-11-25");
    const names: string[] = mine
      .json()
      .expiring.map((a: { enterpriseName: string }) => a.enterpriseName);
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((n) => n.startsWith("井研"))).toBe(false);
    const city = (await t.login("shiju")).get("/api/enterprises/alerts?today=2026-11-25");
    const cityNames: string[] = (await city)
      .json()
      .expiring.map((a: { enterpriseName: string }) => a.enterpriseName);
    expect(cityNames).toContain("井研A企业有限公司");
  });

  it("places each enterprise on the cultivation pipeline with hints", async () => {
    const res = (
      await jingyan.get("/api/enterprises/pipeline?today=2026-11-25&pageSize=50")
    ).json();
    const stage = Object.fromEntries(
      res.items.map((i: { enterpriseName: string; stage: string }) => [
        i.enterpriseName[2],
        i.stage,
      ]),
    );
    expect(stage).toEqual({ A: "临期", B: "有效", C: "到期", G: "申报", H: "储备" });
    expect(res.counts).toEqual({ 储备: 1, 申报: 1, 有效: 1, 临期: 1, 到期: 1 });
    const g = res.items.find(
      (i: { enterpriseName: string }) => i.enterpriseName === "井研G企业有限公司",
    );
    const met = Object.fromEntries(
      g.hints.map((h: { key: string; met: boolean | null }) => [h.key, h.met]),
    );
    // 180万 / 3000万 = 6% ≥ 5%; 1500万 / 3000万 = 50% < 60%; 8 / 50 = 16% ≥ 10%.
    expect(met).toEqual({ rd_share: true, hitech_share: false, st_staff: true, registered: true });
    const only = (
      await jingyan.get("/api/enterprises/pipeline?today=2026-11-25&stage=临期")
    ).json();
    expect(only.total).toBe(1);
  });
});
