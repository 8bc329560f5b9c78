import { type Light, TASK_SOURCES, TASK_STATUSES, type TaskListQuery } from "./api.ts";

const LIGHT_ALIASES: Record<string, Light> = {
  green: "green",
  绿: "green",
  yellow: "yellow",
  黄: "yellow",
  red: "red",
  红: "red",
  grey: "grey",
  gray: "grey",
  灰: "grey",
};

const list = (s: string | null) => (s ? s.split(",").filter((x) => x !== "") : []);
const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The comma list's values the server knows, or undefined when none is. */
function known(raw: string | null, allowed: readonly string[]): string | undefined {
  const ok = list(raw).filter((v) => allowed.includes(v));
  return ok.length > 0 ? ok.join(",") : undefined;
}

const inRange = (n: number | undefined, min: number, max: number) =>
  n !== undefined && n >= min && n <= max ? n : undefined;

/** The list query a /tasks URL asks for (unknown values are dropped, not guessed). */
export function queryFromUrl(p: URLSearchParams): TaskListQuery {
  const lights = list(p.get("light")).flatMap((l) => {
    const v = LIGHT_ALIASES[l];
    return v ? [v] : [];
  });
  return {
    status: known(p.get("status"), TASK_STATUSES),
    light: lights.length > 0 ? lights.join(",") : undefined,
    source: TASK_SOURCES.find((x) => x === p.get("source")),
    leadUnitId: positive(p.get("leadUnitId")),
    regionId: positive(p.get("regionId")),
    year: inRange(positive(p.get("year")), 2000, 2100),
    q: p.get("q") || undefined,
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(p.get("asOf") ?? "")
      ? (p.get("asOf") ?? undefined)
      : undefined,
    mine: p.get("mine") === "1" ? "1" : undefined,
    page: positive(p.get("page")) ?? 1,
    pageSize: Math.min(positive(p.get("pageSize")) ?? 20, 200),
    sort: p.get("sort") === "-dueOn" ? "-dueOn" : "dueOn",
  };
}

/** The URL query for a list query: defaults left out so links stay short. */
export function urlFromQuery(q: TaskListQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === "") continue;
    if (k === "page" && v === 1) continue;
    if (k === "pageSize" && v === 20) continue;
    if (k === "sort" && v === "dueOn") continue;
    out[k] = String(v);
  }
  return out;
}

/** Splits a comma list value for a multiple Select. */
export function splitList(v: string | undefined): string[] {
  return list(v ?? null);
}
