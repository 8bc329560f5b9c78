import type { Conn, Region } from "../../core/db/schema.ts";
import { COUNTY_TOPICS, type DemoProject, NAMED_PROJECTS } from "./demo-data.ts";
import { acceptanceOutcome, type Conclusion } from "./lifecycle.ts";

/*
 * Demo projects and payments for 夹江县 2025–2026 (see demo-data.ts). Deterministic: no
 * randomness, amounts follow from list positions; a few bulk inserts. History rows carry no
 * user (system-loaded).
 */

const CARRIED = 14;

function countyProject(topic: string, i: number, undertaker: string): DemoProject {
  const carried = i < CARRIED;
  const steps: [string, string][] = carried
    ? [
        ["储备", "2025-01-05"],
        ["推荐申报", "2025-02-10"],
        ["立项", "2025-03-20"],
        ["实施中", "2025-04-01"],
      ]
    : [
        ["储备", "2026-01-05"],
        ["推荐申报", "2026-02-10"],
        ["立项", "2026-03-20"],
        ["实施中", "2026-04-01"],
      ];
  // One carried project is stopped in May 2026 (its money is recovered below).
  if (i === CARRIED - 1) steps.push(["终止", "2026-05-10"]);
  return {
    name: topic,
    level: "县",
    programme: "county_key",
    undertaker,
    fiscal: { county: 30000 + (i % 6) * 10000 },
    self: 50000 + (i % 4) * 50000,
    startOn: carried ? "2025-04-01" : "2026-04-01",
    endOn: carried ? (i < 2 ? "2026-06-30" : "2026-12-31") : "2027-03-31",
    year: carried ? 2025 : 2026,
    steps,
  };
}

const sum = (p: DemoProject) =>
  (p.fiscal.national ?? 0) +
  (p.fiscal.provincial ?? 0) +
  (p.fiscal.city ?? 0) +
  (p.fiscal.county ?? 0);

export async function seedProjectDemo(db: Conn, county: Region): Promise<void> {
  const firms = await db
    .selectFrom("enterprises")
    .select(["id", "name"])
    .where("region_path", "like", `${county.path}%`)
    .orderBy("id")
    .execute();
  const byName = new Map(firms.map((f) => [f.name, f.id]));
  // Generated firms (after the named ones) undertake the county projects, one each.
  const generated = firms.slice(20);
  const county34 = COUNTY_TOPICS.map((t, i) =>
    countyProject(
      t,
      i,
      generated[(i * 7) % Math.max(generated.length, 1)]?.name ?? "夹江县农业技术推广中心",
    ),
  );
  const all = [...NAMED_PROJECTS, ...county34];
  const inserted = await db
    .insertInto("projects")
    .values(
      all.map((p) => ({
        region_id: county.id,
        region_path: county.path,
        name: p.name,
        level: p.level,
        programme_code: p.programme,
        enterprise_id: byName.get(p.undertaker) ?? null,
        undertaker_name: p.undertaker,
        partners: p.level === "省" ? "四川大学、西南交通大学" : null,
        task_book_no: p.approvalNo ? `RW-${p.approvalNo}` : null,
        approval_no: p.approvalNo ?? null,
        start_on: p.startOn,
        end_on: p.endOn,
        fund_national: p.fiscal.national ?? 0,
        fund_provincial: p.fiscal.provincial ?? 0,
        fund_city: p.fiscal.city ?? 0,
        fund_county: p.fiscal.county ?? 0,
        fund_self: p.self,
        staff: "科员 李明",
        apply_year: p.year,
        status: p.steps[p.steps.length - 1]?.[0] ?? "储备",
        notes: null,
      })),
    )
    .returning(["id"])
    .execute();
  const ids = inserted.map((r) => r.id);
  const at = (i: number) => ids[i] ?? 0;

  await db
    .insertInto("project_transitions")
    .values(
      all.flatMap((p, i) =>
        p.steps.map(([to, on], k) => ({
          project_id: at(i),
          region_path: county.path,
          from_status: k === 0 ? null : (p.steps[k - 1]?.[0] ?? null),
          to_status: to,
          occurred_on: on,
          note: k === 0 ? "征集入库" : null,
          user_id: null,
        })),
      ),
    )
    .execute();

  const accepted = all.flatMap((p, i) => (p.acceptance ? [{ p, i, a: p.acceptance }] : []));
  if (accepted.length > 0)
    await db
      .insertInto("project_acceptances")
      .values(
        accepted.map(({ i, a }) => ({
          project_id: at(i),
          region_path: county.path,
          accepted_on: a.on,
          task_conclusion: a.task,
          finance_conclusion: a.finance,
          outcome: acceptanceOutcome(a.task as Conclusion, a.finance as Conclusion),
          rectify_by: null,
          notes: "超额完成任务书规定的指标要求",
        })),
      )
      .execute();
  const mids = all.flatMap((p, i) => (p.midterm ? [{ i, m: p.midterm }] : []));
  if (mids.length > 0)
    await db
      .insertInto("project_midterms")
      .values(
        mids.map(({ i, m }) => ({
          project_id: at(i),
          region_path: county.path,
          checked_on: m.on,
          result: m.result,
          delay_reason: null,
          notes: null,
        })),
      )
      .execute();

  await db
    .insertInto("fund_payments")
    .values(payments(all, at, county, byName))
    .execute();
}

function payments(
  all: DemoProject[],
  at: (i: number) => number,
  county: Region,
  byName: Map<string, number>,
) {
  let seq = 0;
  const row = (
    kind: string,
    paidOn: string,
    amount: number,
    source: string,
    payee: string,
    projectId: number | null,
  ) => ({
    region_id: county.id,
    region_path: county.path,
    kind,
    paid_on: paidOn,
    amount,
    source,
    enterprise_id: byName.get(payee) ?? null,
    payee_name: payee,
    voucher_no: `记-${paidOn.slice(0, 4)}-${String(++seq).padStart(3, "0")}`,
    project_id: projectId,
    notes: null,
  });
  const out = [];
  for (const [i, p] of all.entries()) {
    const approved = p.steps.find(([to]) => to === "立项")?.[1];
    const total = sum(p);
    if (!approved || total === 0) continue;
    if (p.level === "县") {
      const first = Math.round(total * 0.5);
      out.push(
        row("项目经费拨付", `${approved.slice(0, 4)}-04-15`, first, "县级", p.undertaker, at(i)),
      );
      if (p.year === 2025 && !p.steps.some(([to]) => to === "终止"))
        out.push(
          row("项目经费拨付", "2026-04-15", Math.round(total * 0.3), "县级", p.undertaker, at(i)),
        );
      if (p.steps.some(([to]) => to === "终止"))
        out.push(row("追回", "2026-06-15", -first, "县级", p.undertaker, at(i)));
      continue;
    }
    const source = p.fiscal.city ? "市级" : "省拨";
    const paidOn = approved < "2026-01-01" ? `${approved.slice(0, 7)}-28` : "2026-06-10";
    out.push(row("项目经费拨付", paidOn, total, source, p.undertaker, at(i)));
  }
  const patentees = [
    "四川明珠陶瓷有限公司",
    "新万兴碳纤维复合材料有限公司",
    "夹江汇丰纸业有限公司",
    "中国水电建设集团夹江水工机械有限公司",
    "四川金辉卫浴有限公司",
    "乐山凯亚达光电科技有限公司",
  ];
  patentees.forEach((who, k) => {
    const on =
      k < 3
        ? `2025-${String(6 + k).padStart(2, "0")}-20`
        : `2026-${String(3 + k).padStart(2, "0")}-20`;
    out.push(row("专利资助", on, 3000 + k * 1500, "县级", who, null));
  });
  out.push(row("贷款贴息", "2025-11-18", 50000, "县级", "四川铭帝铝业有限公司", null));
  out.push(row("贷款贴息", "2026-07-16", 80000, "县级", "新万兴碳纤维复合材料有限公司", null));
  out.push(
    row("科技奖励", "2026-03-28", 20000, "县级", "中国水电建设集团夹江水工机械有限公司", null),
  );
  out.push(row("科技奖励", "2026-03-28", 10000, "县级", "四川明珠陶瓷有限公司", null));
  return out;
}
