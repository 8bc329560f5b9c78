import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Figure {
  metric: string;
  value: number;
  growth?: number | null;
  link: string;
}
interface Widget<T> {
  to: string;
  data: T;
}

describe.each(engines)("dashboard on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let city: Client;

  const widget = async <T>(c: Client, name: string, q = "year=2026") => {
    const res = await c.get(`/api/dashboard/${name}?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Widget<T>>();
  };
  /** The same figures through the metrics API: the dashboard computes nothing of its own. */
  const metrics = async (c: Client, ids: string[], regionId: number, to: string) => {
    const res = await c.get(
      `/api/metrics?ids=${ids.join(",")}&from=2026-01-01&to=${to}&regionId=${regionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return new Map(
      res.json<{ values: { id: string; value: number }[] }>().values.map((v) => [v.id, v.value]),
    );
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, city] = await Promise.all([t.login("keyuan"), t.login("shiju")]);
  });
  afterAll(() => t?.close());

  it("states the registry's values for every figure, with links to the records", async () => {
    for (const name of ["kpis", "funnel", "hte", "coverage", "tasks"]) {
      const w = await widget<{ items: Figure[] }>(editor, name);
      expect(w.data.items.length).toBeGreaterThan(2);
      const expected = await metrics(
        editor,
        w.data.items.map((f) => f.metric),
        t.demo.county.id,
        w.to,
      );
      for (const f of w.data.items) {
        expect(f.value, f.metric).toBe(expected.get(f.metric));
        expect(f.link).toMatch(/^\//);
      }
    }
    const kpis = await widget<{ items: Figure[] }>(editor, "kpis");
    expect(kpis.data.items.find((f) => f.metric === "patents.applications")?.value).toBeGreaterThan(
      0,
    );
  });

  it("links a figure to the list of exactly the records it counts", async () => {
    const kpis = await widget<{ items: Figure[] }>(editor, "kpis");
    const api: Record<string, string> = { "/ip": "/api/patents", "/fieldwork": "/api/activities" };
    const checked: string[] = [];
    for (const id of ["patents.applications", "patents.grants", "activities.count"]) {
      const f = kpis.data.items.find((x) => x.metric === id);
      if (!f) throw new Error(`no ${id}`);
      const [path, query] = f.link.split("?");
      expect(query, id).toContain(`regionId=${t.demo.county.id}`);
      const list = await editor.get(`${api[path ?? ""]}?${query}&pageSize=1`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json<{ total: number }>().total, id).toBe(f.value);
      checked.push(id);
    }
    expect(checked).toHaveLength(3);
  });

  it("gives monthly trends that add up to the year's figure", async () => {
    const w = await widget<{ months: string[]; series: { metric: string; values: number[] }[] }>(
      editor,
      "trends",
    );
    expect(w.data.months[0]).toBe("1月");
    const year = await metrics(
      editor,
      w.data.series.map((s) => s.metric),
      t.demo.county.id,
      w.to,
    );
    for (const s of w.data.series) {
      expect(
        s.values.reduce((a, b) => a + b, 0),
        s.metric,
      ).toBeCloseTo(year.get(s.metric) ?? -1, 6);
    }
  });

  it("drills down from the city to each county", async () => {
    const w = await widget<{
      columns: { metric: string }[];
      rows: { regionId: number; regionName: string; values: Figure[] }[];
    }>(city, "counties", `year=2026&regionId=${t.demo.city.id}`);
    expect(w.data.rows.map((r) => r.regionName)).toEqual(
      expect.arrayContaining(["夹江县", "井研县"]),
    );
    const jj = w.data.rows.find((r) => r.regionName === "夹江县");
    const expected = await metrics(
      city,
      w.data.columns.map((c) => c.metric),
      t.demo.county.id,
      w.to,
    );
    for (const f of jj?.values ?? []) expect(f.value, f.metric).toBe(expected.get(f.metric));
    // A county drilled into shows its own figures to the city user.
    const county = await widget<{ items: Figure[] }>(
      city,
      "kpis",
      `year=2026&regionId=${t.demo.county.id}`,
    );
    const mine = await widget<{ items: Figure[] }>(editor, "kpis");
    expect(county.data.items).toEqual(mine.data.items);
  });

  it("lists targets with their lights", async () => {
    const w = await widget<{ items: { light: string; indicator: string }[] }>(editor, "targets");
    expect(w.data.items.length).toBeGreaterThan(0);
    for (const i of w.data.items) expect(["达标", "正常", "滞后"]).toContain(i.light);
  });

  it("refuses regions outside the caller's scope and unknown widgets", async () => {
    const jingyan = await t.login("jingyan");
    const res = await jingyan.get(`/api/dashboard/kpis?regionId=${t.demo.county.id}`);
    expect(res.statusCode).toBe(403);
    expect((await editor.get("/api/dashboard/nope")).statusCode).toBe(400);
    expect((await t.anonymous().get("/api/dashboard/kpis")).statusCode).toBe(401);
  });
});
