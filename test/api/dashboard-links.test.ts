import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";
import { enterprise, qual } from "./enterprises-fixture.ts";

/*
 * Every dashboard figure links to a list; following the link through the list API must give
 * exactly the records the figure counts (or whose amounts it sums).
 */

interface Figure {
  metric: string;
  value: number;
  link: string;
}
interface Widget<T> {
  to: string;
  data: T;
}
interface Page {
  total: number;
  items: Record<string, unknown>[];
}

/** The list API behind a page link (the page's own list, or its tab's). */
function listApi(link: string): { url: string; params: URLSearchParams } {
  const [path = "", query = ""] = link.split("?");
  const params = new URLSearchParams(query);
  const tab = params.get("tab");
  params.delete("tab");
  const api: Record<string, string> = {
    "/ip": "/api/patents",
    "/contracts": "/api/contracts",
    "/fieldwork": tab === "commissioners" ? "/api/commissioners" : "/api/activities",
    "/enterprises": "/api/enterprises",
    "/projects": "/api/projects",
    "/tasks": "/api/tasks",
  };
  const url = api[path];
  if (!url) throw new Error(`no list API for ${link}`);
  return { url, params };
}

const num = (v: unknown) => (typeof v === "number" ? v : 0);

describe.each(engines)("dashboard links on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let city: Client;

  const widget = async <T>(c: Client, name: string, q = "year=2026") => {
    const res = await c.get(`/api/dashboard/${name}?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Widget<T>>();
  };
  const follow = async (c: Client, link: string, extra: Record<string, string> = {}) => {
    const { url, params } = listApi(link);
    for (const [k, v] of Object.entries({ pageSize: "200", ...extra })) params.set(k, v);
    const res = await c.get(`${url}?${params.toString()}`);
    expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
    return res.json<Page>();
  };
  /** The same list with only the region: what the page shows with the figure's filter off. */
  const unfiltered = async (c: Client, link: string) => {
    const { url, params } = listApi(link);
    const region = params.get("regionId") ?? params.get("servedRegionId");
    const res = await c.get(`${url}?pageSize=1${region ? `&regionId=${region}` : ""}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };

  /** Records just outside the selections: another region, or before the period. */
  const outside = { enterprise: 0, commissioner: 0, lateTask: 0, neighbourTask: 0 };

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, city] = await Promise.all([t.login("keyuan"), t.login("shiju")]);
    // 井研: an HTE valid all 2026 and a task overdue since March — the city's 井研 row counts
    // them, 夹江's links must not list them.
    const e = await enterprise(t.db, t.demo.neighbour, "井研测试高新技术有限公司");
    await qual(t.db, e, "hte", 2025, "2025-05-01");
    outside.enterprise = e.id;
    const tasks = await sql<{ id: number }>`
      insert into tasks (region_id, region_path, title, source, lead_unit_id, assigned_on,
        deadline_kind, original_due_on, due_on, status, completed_on, outcome)
      select r.region_id, r.region_path, r.title, r.source, r.lead_unit_id, r.assigned_on::date,
        'date', r.due_on::date, r.due_on::date, r.status, r.completed_on::date, r.outcome
      from (select id, lead_unit_id, source from tasks order by id limit 1) src,
      lateral (values
        (${t.demo.county.id}::int, ${t.demo.county.path}, '2025年已逾期办结的任务', src.source,
          src.lead_unit_id, '2025-01-10', '2025-03-31', '逾期办结', '2025-06-01', '逾期'),
        (${t.demo.neighbour.id}::int, ${t.demo.neighbour.path}, '井研逾期任务', src.source,
          src.lead_unit_id, '2026-02-01', '2026-03-01', '办理中', null, null)
      ) as r(region_id, region_path, title, source, lead_unit_id, assigned_on, due_on, status,
        completed_on, outcome)
      returning id`.execute(t.db);
    [outside.lateTask, outside.neighbourTask] = tasks.rows.map((r) => r.id) as [number, number];
    // A 夹江 commissioner whose only service ended in 2025.
    const town = await t.db
      .selectFrom("regions")
      .select("id")
      .where("parent_id", "=", t.demo.county.id)
      .where("level", "=", 4)
      .executeTakeFirstOrThrow();
    const c = await editor.post("/api/commissioners", {
      name: "往年特派员",
      level: "县级",
      regionId: t.demo.county.id,
      assignments: [{ regionId: town.id, startsOn: "2024-03-01", endsOn: "2025-12-31" }],
    });
    expect(c.statusCode, c.body).toBe(200);
    outside.commissioner = c.json<{ id: number }>().id;
  });
  afterAll(() => t?.close());

  /** Checks one figure against its list; returns whether the filter narrowed the list. */
  async function check(c: Client, f: Figure, byMetric: Map<string, number>): Promise<boolean> {
    expect(f.link, f.metric).toContain("?");
    const page = await follow(c, f.link);
    if (f.metric === "projects.funds_secured") {
      // The projects whose approved fiscal funds are summed: those 立项 in the period.
      expect(page.total, f.metric).toBe(byMetric.get("projects.approvals"));
      const sum = page.items.reduce(
        (a, p) =>
          a + num(p.fundNational) + num(p.fundProvincial) + num(p.fundCity) + num(p.fundCounty),
        0,
      );
      expect(sum, f.metric).toBeCloseTo(f.value, 2);
    } else if (f.metric === "contracts.amount") {
      const sum = page.items.reduce((a, x) => a + num(x.amount), 0);
      expect(page.total).toBeLessThanOrEqual(200);
      expect(sum, f.metric).toBeCloseTo(f.value, 2);
    } else if (
      f.metric === "commissioners.coverage" ||
      f.metric === "commissioners.towns_covered"
    ) {
      // The commissioners serving the covered towns: exactly those the coverage table names.
      const p = new URLSearchParams(f.link.split("?")[1]);
      const cov = await c.get(
        `/api/commissioners/coverage?regionId=${p.get("servedRegionId")}&from=${p.get("from")}&to=${p.get("to")}`,
      );
      expect(cov.statusCode, cov.body).toBe(200);
      const body = cov.json<{ coveredCount: number; covered: { commissioners: string[] }[] }>();
      const names = new Set(body.covered.flatMap((x) => x.commissioners));
      expect(new Set(page.items.map((x) => x.name))).toEqual(names);
      if (f.metric === "commissioners.towns_covered") expect(body.coveredCount).toBe(f.value);
    } else {
      expect(page.total, f.metric).toBe(f.value);
    }
    return (await unfiltered(c, f.link)).total !== page.total;
  }

  it("every figure of kpis, funnel, hte, coverage and tasks lists exactly its records", async () => {
    const narrowed: string[] = [];
    const checked: string[] = [];
    for (const name of ["kpis", "funnel", "hte", "coverage", "tasks"]) {
      const w = await widget<{ items: Figure[] }>(editor, name);
      const byMetric = new Map(w.data.items.map((f) => [f.metric, f.value]));
      if (name === "kpis") {
        const funnel = await widget<{ items: Figure[] }>(editor, "funnel");
        for (const f of funnel.data.items) byMetric.set(f.metric, f.value);
      }
      for (const f of w.data.items) {
        if (await check(editor, f, byMetric)) narrowed.push(f.metric);
        checked.push(f.metric);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(24);
    // The ledgers hold records outside each selection, so every filter is doing work.
    expect(narrowed.sort()).toEqual(checked.sort());
  });

  it("leaves out records of another region or before the period", async () => {
    const kpis = await widget<{ items: Figure[] }>(editor, "kpis");
    const tasks = await widget<{ items: Figure[] }>(editor, "tasks");
    const coverage = await widget<{ items: Figure[] }>(editor, "coverage");
    const link = (w: Widget<{ items: Figure[] }>, id: string) =>
      w.data.items.find((f) => f.metric === id)?.link ?? "";
    const ids = async (c: Client, l: string) => (await follow(c, l)).items.map((x) => x.id);
    // The city sees 井研 too, yet 夹江's figures list only 夹江's records.
    expect(await ids(city, link(kpis, "enterprises.hte.valid"))).not.toContain(outside.enterprise);
    expect(await ids(city, link(tasks, "tasks.overdue"))).not.toContain(outside.neighbourTask);
    for (const id of ["tasks.total", "tasks.closed_late"]) {
      expect(await ids(editor, link(tasks, id)), id).not.toContain(outside.lateTask);
    }
    for (const id of ["commissioners.count", "commissioners.towns_covered"]) {
      expect(await ids(editor, link(coverage, id)), id).not.toContain(outside.commissioner);
    }
    // …and the 井研 records are behind 井研's own links.
    const counties = await widget<{ rows: { regionId: number; values: Figure[] }[] }>(
      city,
      "counties",
      `year=2026&regionId=${t.demo.city.id}`,
    );
    const jy = counties.data.rows.find((r) => r.regionId === t.demo.neighbour.id);
    const jyLink = (id: string) => jy?.values.find((f) => f.metric === id)?.link ?? "";
    expect(await ids(city, jyLink("enterprises.hte.valid"))).toEqual([outside.enterprise]);
    expect(await ids(city, jyLink("tasks.overdue"))).toEqual([outside.neighbourTask]);
  });

  it("links each month of the trends to that month's records", async () => {
    const w = await widget<{
      series: { metric: string; link: string; links: string[]; values: number[] }[];
    }>(editor, "trends");
    for (const s of w.data.series) {
      expect(s.links).toHaveLength(s.values.length);
      for (const [i, link] of s.links.entries()) {
        expect(
          (await follow(editor, link, { pageSize: "1" })).total,
          `${s.metric} ${i + 1}月`,
        ).toBe(s.values[i]);
      }
      const year = s.values.reduce((a, b) => a + b, 0);
      expect((await follow(editor, s.link, { pageSize: "1" })).total, s.metric).toBe(year);
    }
  });

  it("gives the city each county's records, not its neighbour's", async () => {
    const w = await widget<{ rows: { regionId: number; values: Figure[] }[] }>(
      city,
      "counties",
      `year=2026&regionId=${t.demo.city.id}`,
    );
    expect(w.data.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of w.data.rows) {
      const byMetric = new Map(row.values.map((f) => [f.metric, f.value]));
      for (const f of row.values) {
        expect(f.link, f.metric).toContain(`Id=${row.regionId}`);
        if (f.metric === "contracts.amount") {
          const page = await follow(city, f.link);
          expect(page.items.reduce((a, x) => a + num(x.amount), 0)).toBeCloseTo(f.value, 2);
        } else {
          await check(city, f, byMetric);
        }
      }
    }
  });

  it("links ledger-backed targets to their records and the others to the targets page", async () => {
    const w = await widget<{
      items: { indicator: string; unit: string; actual: number; link: string }[];
    }>(editor, "targets");
    expect(w.data.items.length).toBeGreaterThan(0);
    let followed = 0;
    for (const i of w.data.items) {
      if (i.link.startsWith("/targets")) {
        expect(i.link, i.indicator).toContain("year=2026");
      } else if (!/元|%/.test(i.unit)) {
        // Count indicators: the records behind the actual (amounts are checked above).
        expect((await follow(editor, i.link, { pageSize: "1" })).total, i.indicator).toBe(i.actual);
        followed += 1;
      }
    }
    expect(followed).toBeGreaterThan(0);
  });

  it("refuses an unknown view and a malformed as-of date, naming the field", async () => {
    const bad = await editor.get("/api/enterprises?view=nope&to=2026-06-30");
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain("筛选视图");
    const date = await editor.get("/api/projects?view=active&to=2026-13-01");
    expect(date.statusCode).toBe(400);
    expect(date.json<{ error: { message: string } }>().error.message).toContain("截至日期");
  });
});
