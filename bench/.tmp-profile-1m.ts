import { sql } from "kysely";
import { DEMO_CITY } from "../src/core/demo/demo-county.ts";
import { metricScope } from "../src/core/metrics/metric.ts";
import { getRegionByCode } from "../src/core/regions/regions.repository.ts";
import { buildMetricRegistry } from "../src/server/registry.ts";
import { postgresEngine } from "./engines.ts";
import { buildCity } from "./report-city.ts";

const engine = await postgresEngine();
const bench = await engine.fresh("prof");
try {
  await buildCity(bench, 50, 1_000_000);
  const db = bench.handle.db;
  const city = await getRegionByCode(db, DEMO_CITY.code);
  if (!city) throw new Error("x");
  const registry = buildMetricRegistry();
  const year = metricScope(city, { from: "2025-01-01", to: "2025-12-31" });
  const month = metricScope(city, { from: "2025-03-01", to: "2025-03-31" });
  const ids = ["patents.applications", "patents.grants", "patents.valid.invention", "enterprises.hte.valid", "projects.approvals", "projects.funds_secured", "contracts.amount", "activities.count", "projects.applications", "tasks.overdue"];
  for (const [label, s] of [["year", year], ["month", month]] as const) {
    for (const id of ids) {
      const t: number[] = [];
      for (let i = 0; i < 3; i++) { const t0 = performance.now(); await registry.evaluate(db, id, s); t.push(performance.now() - t0); }
      t.sort((a, b) => a - b);
      console.log(label, id, t[1]?.toFixed(0));
    }
  }
  const plan = await sql<{ "QUERY PLAN": string }>`explain analyze select count(*) from patents where region_path like ${`${city.path}%`} and filed_on between '2025-01-01' and '2025-12-31'`.execute(db);
  console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
} finally {
  await bench.dispose();
  await engine.stop();
}
