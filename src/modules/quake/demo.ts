import type { Conn, Region } from "../../core/db/schema.ts";

/*
 * Demo 防震减灾 ledgers for 夹江县, 2025–2026: one macro observation point per town with a
 * monthly report for every month through October 2026 except two gaps (缺报), 74 approvals
 * in 2025 (the seed's "完成基建抗震设防审批工程74宗") and 31 in 2026, a few terminals,
 * shelters and drills. Deterministic: the same rows on every run.
 */

const TYPES = ["动物", "地下水", "植物", "其他"];
const OBSERVERS = ["王建华", "李秀英", "张国强", "刘芳", "陈志明", "杨丽", "赵德明"];
const GAPS = new Set(["3|2025-08", "9|2026-03"]);
const LAST_MONTH = "2026-10";

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const s = `${y}-${String(m).padStart(2, "0")}`;
    if (s > to) return out;
    out.push(s);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** The month after 'YYYY-MM' (reports are filed early the following month). */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

const day = (month: string, d: number) => `${month}-${String(d).padStart(2, "0")}`;

export async function seedQuakeDemo(db: Conn, county: Region): Promise<void> {
  const towns = await db
    .selectFrom("regions")
    .selectAll()
    .where("parent_id", "=", county.id)
    .orderBy("sort")
    .orderBy("id")
    .execute();
  if (towns.length === 0) return;
  const points = await db
    .insertInto("quake_points")
    .values(
      towns.map((t, i) => ({
        region_id: t.id,
        region_path: t.path,
        name: `${t.name}宏观观测点`,
        observer: OBSERVERS[i % OBSERVERS.length] ?? "王建华",
        phone: `1388133${String(1000 + i * 37).padStart(4, "0")}`,
        type: TYPES[i % TYPES.length] ?? "其他",
        // Two points were set up mid-2025; their reports start then.
        started_on: i === 12 || i === 13 ? "2025-07-01" : "2025-01-01",
        notes: null,
      })),
    )
    .returning(["id", "region_id", "region_path", "started_on"])
    .execute();
  const reports = points.flatMap((p, i) =>
    months(p.started_on.slice(0, 7), LAST_MONTH)
      .filter((m) => !GAPS.has(`${i}|${m}`))
      .map((m, k) => {
        const anomaly = (i * 7 + k) % 29 === 0;
        return {
          region_id: p.region_id,
          region_path: p.region_path,
          point_id: p.id,
          month: m,
          zero_report: !anomaly,
          anomaly: anomaly ? "观测井水位短时上升，经核实为降雨所致" : null,
          reported_on: day(nextMonth(m), 1 + ((i + k) % 5)),
        };
      }),
  );
  await db.insertInto("quake_reports").values(reports).execute();

  const approvals = [
    ...Array.from({ length: 74 }, (_, i) => ({ i, year: 2025, months: 12 })),
    ...Array.from({ length: 31 }, (_, i) => ({ i, year: 2026, months: 10 })),
  ].map(({ i, year, months: n }) => {
    const town = towns[(i * 5) % towns.length] ?? county;
    const month = `${year}-${String(1 + (i % n)).padStart(2, "0")}`;
    const kind = ["安置房", "标准化厂房", "教学楼", "卫生院业务用房", "商住楼"][i % 5] ?? "安置房";
    return {
      region_id: town.id,
      region_path: town.path,
      project_name: `${town.name}${kind}建设工程（${year}-${String(i + 1).padStart(3, "0")}）`,
      applicant:
        i % 3 === 0 ? "夹江县城乡建设投资有限公司" : `四川${town.name.slice(0, 2)}建设有限公司`,
      approved_on: day(month, 1 + ((i * 3) % 27)),
      result: i % 23 === 7 ? "补正" : i % 31 === 11 ? "不同意" : "同意",
      fortification_level: i % 5 === 2 ? "7度（0.15g）重点设防类" : "7度（0.15g）标准设防类",
      notes: null,
    };
  });
  await db.insertInto("quake_approvals").values(approvals).execute();

  const at = (i: number) => towns[i % towns.length] ?? county;
  const terminals = [
    ["夹江县人民政府", 0, "2025-03-15", "正常"],
    ["夹江中学", 0, "2025-04-20", "正常"],
    ["黄土镇中心小学", 1, "2025-05-08", "正常"],
    ["甘江镇卫生院", 2, "2025-06-11", "故障"],
    ["华头镇人民政府", 8, "2025-09-02", "正常"],
    ["木城镇中心校", 7, "2026-04-18", "正常"],
  ] as const;
  await db
    .insertInto("quake_terminals")
    .values(
      terminals.map(([site, t, installed_on, status]) => ({
        region_id: at(t).id,
        region_path: at(t).path,
        site,
        installed_on,
        status,
        notes: null,
      })),
    )
    .execute();
  const shelters = [
    ["千佛岩广场应急避难场所", 0, 5000, 12500],
    ["东风堰公园应急避难场所", 0, 3200, 8000],
    ["黄土镇文化广场", 1, 1200, 3000],
    ["界牌镇中心校操场", 3, 800, 2400],
    ["马村镇场镇广场", 12, 900, 2250],
  ] as const;
  await db
    .insertInto("quake_shelters")
    .values(
      shelters.map(([name, t, capacity, area]) => ({
        region_id: at(t).id,
        region_path: at(t).path,
        name,
        capacity,
        area,
        notes: null,
      })),
    )
    .execute();
  const drills = [
    ["2025-05-12", "夹江县实验小学", 0, "夹江县教育局", 1200],
    ["2025-11-09", "漹城街道迎春社区", 0, "夹江县科学技术和知识产权局", 350],
    ["2026-03-27", "甘江镇人民政府", 2, "甘江镇人民政府", 180],
    ["2026-05-12", "夹江中学", 0, "夹江县应急管理局", 1500],
  ] as const;
  await db
    .insertInto("quake_drills")
    .values(
      drills.map(([held_on, place, t, organiser, participants]) => ({
        region_id: at(t).id,
        region_path: at(t).path,
        held_on,
        place,
        organiser,
        participants,
        notes: null,
      })),
    )
    .execute();
}
