import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import type { Region } from "../../src/core/db/schema.ts";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { insertRegion, type SampleTree, sampleTree } from "../../src/core/metrics/test-fixtures.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { regionYearFigure } from "../../src/modules/enterprises/metrics.ts";
import { enterprisesReport } from "../../src/modules/enterprises/report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { engines, freshDatabase } from "../support/db.ts";
import { app, enterprise, qual, regionYear, yearly } from "./enterprises-fixture.ts";

const registry = buildMetricRegistry();

/*
 * Fixture (犍为县 = county A with town 玉津镇, 井研县 = county B):
 *   E1 玉津镇  高企 2023-11-20 (to 2026-11-19), 重新认定 2026-11-05; 科小 2025, 2026;
 *              R&D 2025 200万 (加计 180万, 规上), 2026 240万 (加计 200万, 规上)
 *   E2 county  高企 2024-12-06; 科小 2026; 培育库 2024; R&D 2025 100万, 2026 130万 (规上, no 加计)
 *   E3 玉津镇  高企 2026-03-15; 培育库 2026; R&D 2026 30万 (加计 10万)
 *   E4 county  高企 2022-10-10 (expired 2025-10-09); 科小 2025; R&D 2025 50万
 *   applications: E3 2026-02-10 通过; E1 2026-06-20 通过; E4 2026-06-20 未通过; E2 2024-06-01 通过
 *   F1 county B 高企 2025-12-01; 科小 2026; R&D 2025 400万, 2026 500万 (规上, 加计 400万)
 *   GDP 2026: A 10亿 (town 2亿), B 20亿; 高新产值 2026: A 3亿, B 5亿; 2025: A 2.5亿, GDP 9亿
 */
describe.each(engines)("enterprise metrics on %s", (engine) => {
  let h: DatabaseHandle;
  let tree: SampleTree;
  let empty: Region;
  let e3Name: string;

  beforeAll(async () => {
    h = await freshDatabase(engine);
    const db = h.db;
    tree = await sampleTree(db);
    const { countyA, countyB, townA } = tree;
    const e1 = await enterprise(db, townA, "犍为一号科技有限公司");
    const e2 = await enterprise(db, countyA, "犍为二号材料有限公司");
    const e3 = await enterprise(db, townA, "犍为三号电子有限公司");
    const e4 = await enterprise(db, countyA, "犍为四号机械有限公司");
    const f1 = await enterprise(db, countyB, "井研一号化工有限公司");
    e3Name = e3.name;
    await qual(db, e1, "hte", 2023, "2023-11-20");
    await qual(db, e1, "hte", 2026, "2026-11-05");
    await qual(db, e1, "tsme", 2025, "2025-05-01");
    await qual(db, e1, "tsme", 2026, "2026-05-01");
    await qual(db, e2, "hte", 2024, "2024-12-06");
    await qual(db, e2, "tsme", 2026, null);
    await qual(db, e2, "hte_reserve", 2024, "2024-05-20");
    await qual(db, e3, "hte", 2026, "2026-03-15");
    await qual(db, e3, "hte_reserve", 2026, "2026-05-20");
    await qual(db, e4, "hte", 2022, "2022-10-10");
    await qual(db, e4, "tsme", 2025, "2025-04-01");
    await qual(db, f1, "hte", 2025, "2025-12-01");
    await qual(db, f1, "tsme", 2026, "2026-04-01");
    await app(db, e3, "2026-02-10", "通过", "2026-03-15");
    await app(db, e1, "2026-06-20", "通过", "2026-11-05");
    await app(db, e4, "2026-06-20", "未通过", "2026-11-01");
    await app(db, e2, "2024-06-01", "通过", "2024-12-06");
    await app(db, f1, "2025-06-01", "通过", "2025-12-01");
    await yearly(db, e1, 2025, 2_000_000, 1_800_000, true);
    await yearly(db, e1, 2026, 2_400_000, 2_000_000, true);
    await yearly(db, e2, 2025, 1_000_000, 0, false);
    await yearly(db, e2, 2026, 1_300_000, null, true);
    await yearly(db, e3, 2026, 300_000, 100_000, false);
    await yearly(db, e4, 2025, 500_000, null, false);
    await yearly(db, f1, 2025, 4_000_000, null, true);
    await yearly(db, f1, 2026, 5_000_000, 4_000_000, true);
    await regionYear(db, countyA, 2026, 1_000_000_000, 300_000_000);
    await regionYear(db, countyA, 2025, 900_000_000, 250_000_000);
    await regionYear(db, townA, 2026, 200_000_000, null);
    await regionYear(db, countyB, 2026, 2_000_000_000, 500_000_000);
    empty = await insertRegion(db, { code: "511199", name: "空白县", level: 3, parent: tree.city });
  });
  afterAll(async () => h.close());

  const values = async (region: Region, period: string) => {
    const scope = metricScope(region, parsePeriod(period));
    const ids = registry
      .listMetrics()
      .map((d) => d.id)
      .filter((id) => id.startsWith("enterprises."));
    const vals = await registry.evaluateMany(h.db, ids, scope);
    return Object.fromEntries(vals.map((v) => [v.id.replace("enterprises.", ""), v.value]));
  };

  it("counts county A in 2026H1 as computed by hand", async () => {
    const v = await values(tree.countyA, "2026H1");
    expect(v).toMatchObject({
      "hte.valid": 3, // E1 (2023 cert to 2026-11-19), E2, E3; E4 expired
      "hte.new": 1, // E3
      "hte.applied": 3, // E3, E1, E4
      "hte.passed": 2, // E3, E1
      "reserve.added": 1, // E3 (2026)
      "tsme.registered": 2, // E1, E2
      "rd.total": 4_000_000, // 240万 + 130万 + 30万
      "hitech.output": 300_000_000,
      "scale.count": 2, // E1, E2 in 2026
      "superdeduction.count": 2, // E1, E3
    });
    expect(v["rd.growth"]).toBeCloseTo(0.5 / 3.5, 10); // 2025: 200万 + 100万 + 50万
    expect(v["rd.gdp_share"]).toBeCloseTo(0.004, 10); // 400万 / 10亿 (county row, not the town's)
  });

  it("counts the whole year 2026: the re-recognition and stock at year end", async () => {
    const v = await values(tree.countyA, "2026");
    expect(v["hte.valid"]).toBe(3); // E1 on its 2026 certificate, E2, E3
    expect(v["hte.new"]).toBe(2); // E3, E1
    const q4 = await values(tree.countyA, "2026Q4");
    expect(q4["hte.new"]).toBe(1); // E1 2026-11-05
    expect(q4["hte.applied"]).toBe(0);
  });

  it("keeps each county to itself and adds them up for the city", async () => {
    const b = await values(tree.countyB, "2026H1");
    expect(b).toMatchObject({
      "hte.valid": 1,
      "hte.new": 0,
      "tsme.registered": 1,
      "rd.total": 5_000_000,
    });
    expect(b["rd.growth"]).toBeCloseTo(0.25, 10);
    const town = await values(tree.townA, "2026H1");
    expect(town).toMatchObject({ "hte.valid": 2, "rd.total": 2_700_000, "hitech.output": 0 });
    expect(town["rd.gdp_share"]).toBeCloseTo(2_700_000 / 200_000_000, 10);
    const city = await values(tree.city, "2026H1");
    expect(city).toMatchObject({
      "hte.valid": 4,
      "tsme.registered": 3,
      "rd.total": 9_000_000,
      "hitech.output": 800_000_000, // sum of the counties: no city row
      "scale.count": 3,
    });
    expect(city["rd.gdp_share"]).toBeCloseTo(9_000_000 / 3_000_000_000, 10);
    const none = await values(empty, "2026H1");
    expect(Object.values(none).every((x) => x === 0)).toBe(true);
  });

  it("exposes region-year figures by level for other modules", async () => {
    expect(await regionYearFigure(h.db, { regionPath: tree.city.path }, "gdp", 2026)).toBe(
      3_000_000_000,
    );
    expect(await regionYearFigure(h.db, { regionPath: tree.countyA.path }, "gdp", 2026)).toBe(
      1_000_000_000,
    );
    expect(await regionYearFigure(h.db, { regionPath: tree.townA.path }, "gdp", 2026)).toBe(
      200_000_000,
    );
  });

  const contribute = (region: Region, period: string) => {
    const p = parsePeriod(period);
    const ctx = createReportContext({
      db: h.db,
      registry,
      scope: metricScope(region, p),
      period: p,
    });
    return enterprisesReport.contribute(ctx);
  };

  it("writes the 高企 and R&D paragraphs from metrics, naming the new enterprise", async () => {
    const section = await contribute(tree.countyA, "2026H1");
    if (!section) throw new Error("expected a section");
    const texts = section.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    expect(texts).toEqual([
      `截至2026年6月底，全县有效高新技术企业3家；上半年组织申报高新技术企业3家，通过认定2家；上半年新认定高新技术企业1家（${e3Name}）；省级高新技术企业培育库入库1家；科技型中小企业入库2家。`,
    ]);
    // 研发投入 and 高新技术产业产值 are annual statistics: stated in the whole-year report only.
    const year = await contribute(tree.countyA, "2026");
    const rd = year?.blocks.at(-1);
    expect(rd?.type === "paragraph" ? runsText(rd.runs) : "").toBe(
      "全县企业研发投入400万元，同比增长14.3%，占地区生产总值的0.4%；2家企业享受研发费用加计扣除政策；高新技术产业总产值实现3亿元，同比增长20.0%。",
    );
    const first = section.blocks[0];
    const nameRun =
      first?.type === "paragraph" ? first.runs.find((r) => r.t === "name") : undefined;
    expect(nameRun).toMatchObject({ t: "name", ref: { entity: "enterprise" } });
    const check = await verifyNumberRuns(h.db, { title: "t", blocks: section.blocks }, registry);
    expect(check.checked).toBeGreaterThan(4);
    expect(check.mismatches).toEqual([]);
  });

  it("says nothing for a period or region without data", async () => {
    expect(await contribute(empty, "2026H1")).toBeNull();
    expect(await contribute(tree.countyB, "2024H1")).toBeNull();
  });
});
