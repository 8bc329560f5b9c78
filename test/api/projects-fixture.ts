import { expect } from "vitest";
import type { Client } from "../support/app.ts";

export interface ProjectRef {
  id: number;
  version: number;
}

/** Creates a project and walks it through dated transitions, asserting each step. */
export async function makeProject(
  c: Client,
  body: Record<string, unknown>,
  steps: [string, string][],
): Promise<ProjectRef> {
  const res = await c.post("/api/projects", {
    level: "县",
    programmeCode: "county_key",
    undertakerName: "四川农业大学",
    applyYear: 2024,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  let p = res.json() as ProjectRef;
  for (const [to, on] of steps) p = await move(c, p, to, on);
  return p;
}

export async function move(c: Client, p: ProjectRef, to: string, on: string): Promise<ProjectRef> {
  const res = await c.post(`/api/projects/${p.id}/transition`, { version: p.version, to, on });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ProjectRef;
}

export function errorOf(body: string): string {
  return (JSON.parse(body) as { error: { message: string } }).error.message;
}

export async function metricValues(
  c: Client,
  ids: string[],
  period: string,
  regionId: number,
): Promise<Record<string, number>> {
  const res = await c.get(
    `/api/metrics?ids=${ids.join(",")}&period=${period}&regionId=${regionId}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(
    (res.json().values as { id: string; value: number }[]).map((v) => [v.id, v.value]),
  );
}
