import type { Conn, PatentTable, Region } from "../../core/db/schema.ts";
import { daysInMonth, isoDate } from "../../core/metrics/period.ts";
import { withCheck } from "./application-no.ts";
import { applicantTypeOf, type LegalStatus } from "./classify.ts";

/** Deterministic PRNG (mulberry32): the demo is the same on every machine and run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "发明" | "实用新型" | "外观设计";
const DIGIT: Record<Kind, string> = { 发明: "1", 实用新型: "2", 外观设计: "3" };

/**
 * Filings per month range, by type. Jan–Apr 2026 matches the 上半年 summary (5 发明, 22
 * 实用新型, 5 外观设计); the older inventions give the county a stock of valid ones.
 */
const PLAN: { year: number; m1: number; m2: number; n: Record<Kind, number> }[] = [
  { year: 2019, m1: 1, m2: 12, n: { 发明: 8, 实用新型: 0, 外观设计: 0 } },
  { year: 2020, m1: 1, m2: 12, n: { 发明: 9, 实用新型: 0, 外观设计: 0 } },
  { year: 2021, m1: 1, m2: 12, n: { 发明: 10, 实用新型: 0, 外观设计: 0 } },
  { year: 2022, m1: 1, m2: 12, n: { 发明: 12, 实用新型: 0, 外观设计: 0 } },
  { year: 2023, m1: 1, m2: 12, n: { 发明: 14, 实用新型: 0, 外观设计: 0 } },
  { year: 2024, m1: 1, m2: 12, n: { 发明: 18, 实用新型: 72, 外观设计: 16 } },
  { year: 2025, m1: 1, m2: 12, n: { 发明: 22, 实用新型: 78, 外观设计: 18 } },
  { year: 2026, m1: 1, m2: 4, n: { 发明: 5, 实用新型: 22, 外观设计: 5 } },
  { year: 2026, m1: 5, m2: 10, n: { 发明: 12, 实用新型: 40, 外观设计: 9 } },
];

/** Months from filing to grant, and the share granted. */
const GRANT: Record<Kind, { min: number; max: number; rate: number }> = {
  发明: { min: 16, max: 34, rate: 0.55 },
  实用新型: { min: 5, max: 10, rate: 0.5 },
  外观设计: { min: 3, max: 6, rate: 0.65 },
};

const OBJECTS: Record<Kind, string[]> = {
  发明: [
    "高强度陶瓷砖坯体配方及其制备方法",
    "碳纤维预浸料连续浸胶方法",
    "制浆白泥回收利用工艺",
    "铝合金型材表面处理方法",
    "茶叶低温萎凋加工方法",
    "钕铁硼永磁粉末快淬制备方法",
    "瓷砖釉料及其制备方法",
    "竹浆纸生产废水处理方法",
  ],
  实用新型: [
    "陶瓷砖压制模具",
    "窑炉余热回收装置",
    "铝型材挤压模具冷却装置",
    "茶叶杀青机",
    "起重机钢丝绳偏角调整装置",
    "恒液面涂胶装置",
    "瓷砖釉面喷涂装置",
    "智能灌溉控制装置",
    "纸机烘缸密封结构",
    "卫浴龙头防溅结构",
  ],
  外观设计: ["瓷砖（大理石纹）", "茶叶包装盒", "花洒", "卫浴龙头", "仿古地砖", "竹编茶盘"],
};

const PEOPLE = ["王建华", "李国强", "张秀英", "刘志明", "陈小芳", "杨德福"];
const OTHERS = ["西南交通大学", "四川农业大学", "乐山师范学院", "四川省建材工业科学研究院"];
const FINAL_DAY = "2026-11-20";

function addMonths(date: string, months: number, day: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = (((m % 12) + 12) % 12) + 1;
  return isoDate(yy, mm, Math.min(day, daysInMonth(yy, mm)));
}

/** Demo patents for the demo county, applicants linked to its demo enterprises by name. */
export async function seedPatentDemo(db: Conn, county: Region): Promise<number> {
  const rand = prng(20260430);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const firms = await db
    .selectFrom("enterprises")
    .select(["id", "name", "region_id", "region_path"])
    .where("region_path", "like", `${county.path}%`)
    .orderBy("id")
    .execute();
  const serials = new Set<string>();
  const rows: (Omit<PatentTable, "id" | "version" | "created_at" | "updated_at" | "pct"> & {
    pct: boolean;
  })[] = [];
  for (const plan of PLAN) {
    for (const kind of ["发明", "实用新型", "外观设计"] as const) {
      for (let i = 0; i < plan.n[kind]; i++) {
        const month = plan.m1 + Math.floor(rand() * (plan.m2 - plan.m1 + 1));
        const filed = isoDate(
          plan.year,
          month,
          1 + Math.floor(rand() * daysInMonth(plan.year, month)),
        );
        let body: string;
        do body = `${plan.year}${DIGIT[kind]}${String(Math.floor(rand() * 1e7)).padStart(7, "0")}`;
        while (serials.has(body));
        serials.add(body);
        const r = rand();
        const firm = r < 0.8 && firms.length > 0 ? pick(firms) : undefined;
        const applicant = firm?.name ?? (r < 0.9 ? pick(PEOPLE) : pick(OTHERS));
        const g = GRANT[kind];
        const grantOn = addMonths(
          filed,
          g.min + Math.floor(rand() * (g.max - g.min + 1)),
          1 + Math.floor(rand() * 28),
        );
        const granted = rand() < g.rate && grantOn <= FINAL_DAY ? grantOn : null;
        // A few older grants lapse for unpaid fees.
        const lapsed =
          granted && granted < "2024-01-01" && rand() < 0.2 ? addMonths(granted, 24, 15) : null;
        let status: LegalStatus = granted ? (lapsed ? "失效" : "有效") : "在审";
        if (!granted && filed < addMonths(FINAL_DAY, kind === "发明" ? -40 : -14, 1))
          status = rand() < 0.5 ? "驳回" : "撤回";
        const type = applicantTypeOf(applicant);
        rows.push({
          region_id: firm?.region_id ?? county.id,
          region_path: firm?.region_path ?? county.path,
          application_no: withCheck(body),
          patent_type: kind,
          pct: false,
          title: kind === "外观设计" ? pick(OBJECTS[kind]) : `一种${pick(OBJECTS[kind])}`,
          applicants: applicant,
          first_applicant: applicant,
          enterprise_id: firm?.id ?? null,
          applicant_type: type,
          service_invention: type !== "个人",
          inventors: `${pick(PEOPLE)}；${pick(PEOPLE)}`,
          address: null,
          filed_on: filed,
          granted_on: granted,
          legal_status: status,
          status_on: lapsed ?? granted ?? filed,
          lapsed_on: lapsed,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("patents")
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}
