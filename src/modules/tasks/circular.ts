import { sql } from "kysely";
import { loadCalendar } from "../../core/calendar/calendar.repository.ts";
import type { Conn } from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";
import { LIGHT_LABELS, type Light, lightOf, OPEN_STATUSES } from "./lifecycle.ts";
import { coUnitsOf, latestPercents } from "./tasks.repository.ts";

/**
 * 情况通报: every lead unit's tasks with their light on a date. The tasks counted are those
 * of the metric tasks.total for the year up to the date — handed out by the date and not
 * completed before 1 January — so the circular's figures equal the registry metrics.
 */

export interface CircularCounts {
  total: number;
  /** Completed in the year up to the date (on time or late). */
  closed: number;
  closedLate: number;
  /** Open and green. */
  inProgress: number;
  /** Open and yellow (临近). */
  dueSoon: number;
  /** Open and red (逾期). */
  overdue: number;
}

export interface CircularTask {
  id: number;
  title: string;
  source: string;
  coUnits: string[];
  assignedOn: string;
  dueOn: string;
  status: string;
  percent: number | null;
  completedOn: string | null;
  light: Light;
  lightLabel: string;
}

export interface CircularUnit {
  unitId: number;
  unitName: string;
  counts: CircularCounts;
  tasks: CircularTask[];
}

export interface Circular {
  date: string;
  from: string;
  regionName: string;
  totals: CircularCounts;
  units: CircularUnit[];
}

const zero = (): CircularCounts => ({
  total: 0,
  closed: 0,
  closedLate: 0,
  inProgress: 0,
  dueSoon: 0,
  overdue: 0,
});

function count(c: CircularCounts, light: Light, late: boolean) {
  c.total += 1;
  if (light === "grey") {
    c.closed += 1;
    if (late) c.closedLate += 1;
  } else if (light === "green") c.inProgress += 1;
  else if (light === "yellow") c.dueSoon += 1;
  else c.overdue += 1;
}

/** A task completed after the date was still being handled on it. */
function openStatus(status: string): string {
  return (OPEN_STATUSES as readonly string[]).includes(status) ? status : "办理中";
}

export async function buildCircular(db: Conn, scope: Scope, date: string): Promise<Circular> {
  const from = `${date.slice(0, 4)}-01-01`;
  const cal = await loadCalendar(db);
  const rows = await db
    .selectFrom("tasks")
    .innerJoin("units", "units.id", "tasks.lead_unit_id")
    .selectAll("tasks")
    .select([sql<string>`coalesce(units.short_name, units.name)`.as("unit_name"), "units.sort"])
    .where("tasks.region_path", "like", `${scope.regionPath}%`)
    .where("tasks.assigned_on", "<=", date)
    .where((eb) =>
      eb.or([eb("tasks.completed_on", "is", null), eb("tasks.completed_on", ">=", from)]),
    )
    .orderBy("units.sort")
    .orderBy("units.id")
    .orderBy("tasks.due_on")
    .orderBy("tasks.id")
    .execute();
  const ids = rows.map((r) => r.id);
  const [co, pct] = await Promise.all([coUnitsOf(db, ids), latestPercents(db, ids)]);
  const totals = zero();
  const units = new Map<number, CircularUnit>();
  for (const r of rows) {
    // As of the date: a task completed later is still open then.
    const light = lightOf(r, date, cal);
    const late = r.outcome === "逾期";
    let u = units.get(r.lead_unit_id);
    if (!u) {
      u = { unitId: r.lead_unit_id, unitName: r.unit_name, counts: zero(), tasks: [] };
      units.set(r.lead_unit_id, u);
    }
    count(u.counts, light, late);
    count(totals, light, late);
    u.tasks.push({
      id: r.id,
      title: r.title,
      source: r.source,
      coUnits: (co.get(r.id) ?? []).map((x) => x.name),
      assignedOn: r.assigned_on,
      dueOn: r.due_on,
      status: light === "grey" ? (late ? "逾期办结" : "已办结") : openStatus(r.status),
      percent: pct.get(r.id) ?? null,
      completedOn: light === "grey" ? r.completed_on : null,
      light,
      lightLabel: LIGHT_LABELS[light],
    });
  }
  const region = await db
    .selectFrom("regions")
    .select("name")
    .where("id", "=", scope.regionId)
    .executeTakeFirst();
  return { date, from, regionName: region?.name ?? "", totals, units: [...units.values()] };
}
