import type { Conn } from "../db/schema.ts";
import { createCalendar, type DayOverride, type WorkCalendar } from "./calendar.ts";

/** The working-day calendar with this deployment's overrides (e.g. next year's arrangement). */
export async function loadCalendar(db: Conn): Promise<WorkCalendar> {
  return createCalendar(await listOverrides(db));
}

export async function listOverrides(db: Conn): Promise<DayOverride[]> {
  const rows = await db.selectFrom("calendar_overrides").selectAll().orderBy("date").execute();
  return rows.map((r) => ({ date: r.date, isWorkday: r.is_workday, note: r.note }));
}

export async function upsertOverride(db: Conn, o: DayOverride): Promise<void> {
  await db
    .insertInto("calendar_overrides")
    .values({ date: o.date, is_workday: o.isWorkday, note: o.note ?? null })
    .onConflict((oc) =>
      oc.column("date").doUpdateSet({ is_workday: o.isWorkday, note: o.note ?? null }),
    )
    .execute();
}

export async function deleteOverride(db: Conn, date: string): Promise<boolean> {
  const r = await db.deleteFrom("calendar_overrides").where("date", "=", date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
