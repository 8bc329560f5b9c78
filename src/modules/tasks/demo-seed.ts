import { createCalendar } from "../../core/calendar/calendar.ts";
import type { Conn, Region } from "../../core/db/schema.ts";
import { todayCst } from "../../core/report/composer.ts";
import { notify } from "./notifications.ts";

interface DemoTask {
  title: string;
  source: string;
  lead: string;
  co: string[];
  /** Working days from today to the assignment (negative: in the past). */
  assigned: number;
  /** Working days from the assignment to the due date. */
  workdays: number;
  status: string;
  /** Working days from today to the closing report, for completed tasks. */
  completed?: number;
  percent?: number;
  requested?: number;
}

/* Dates are relative to today so the demo always shows every light. */
const TASKS: DemoTask[] = [
  {
    title: "组织开展全国科普日系列活动",
    source: "年度工作要点",
    lead: "夹江县科学技术协会",
    co: ["夹江县教育局"],
    assigned: -60,
    workdays: 40,
    status: "已办结",
    completed: -25,
    percent: 100,
  },
  {
    title: "新增培育国家高新技术企业3家",
    source: "年度工作要点",
    lead: "夹江县经济和信息化局",
    co: ["夹江县科学技术和知识产权局", "夹江县财政局"],
    assigned: -40,
    workdays: 80,
    status: "办理中",
    percent: 60,
  },
  {
    title: "实现省级科技特派员乡镇服务全覆盖",
    source: "上级交办",
    lead: "夹江县农业农村局",
    co: ["夹江县科学技术协会"],
    assigned: -30,
    workdays: 32,
    status: "办理中",
    percent: 80,
  },
  {
    title: "建设县级科技企业孵化器",
    source: "领导批示",
    lead: "夹江经济开发区管理委员会",
    co: ["夹江县发展和改革局"],
    assigned: -50,
    workdays: 45,
    status: "办理中",
    percent: 40,
  },
  {
    title: "开展知识产权保护执法专项行动",
    source: "上级交办",
    lead: "夹江县市场监督管理局",
    co: ["夹江县科学技术协会"],
    assigned: 0,
    workdays: 15,
    status: "待签收",
  },
  {
    title: "关于加强中小学科技教育的建议办理",
    source: "人大代表建议",
    lead: "夹江县教育局",
    co: ["夹江县科学技术协会"],
    assigned: -25,
    workdays: 30,
    status: "申请延期",
    percent: 50,
    requested: 20,
  },
  {
    title: "落实企业研发费用财政奖补政策",
    source: "政协提案",
    lead: "夹江县财政局",
    co: ["夹江县科学技术和知识产权局"],
    assigned: -70,
    workdays: 30,
    status: "逾期办结",
    completed: -20,
    percent: 100,
  },
  {
    title: "申报省级创新型县建设",
    source: "年度工作要点",
    lead: "夹江县发展和改革局",
    co: ["夹江县科学技术和知识产权局"],
    assigned: -45,
    workdays: 50,
    status: "申请办结",
    completed: -2,
    percent: 100,
  },
];

/** About eight supervised tasks of 夹江县 in every state and light. */
export async function seedTaskDemo(db: Conn, county: Region): Promise<void> {
  const cal = createCalendar();
  const today = todayCst();
  const units = await db
    .selectFrom("units")
    .select(["id", "name"])
    .where("region_id", "=", county.id)
    .execute();
  const unitId = new Map(units.map((u) => [u.name, u.id]));
  const bureau = await db
    .selectFrom("users")
    .select(["id", "username"])
    .where("username", "=", "keyuan")
    .executeTakeFirst();
  for (const d of TASKS) {
    const lead = unitId.get(d.lead);
    if (!lead) continue;
    const assignedOn = cal.addWorkdays(today, d.assigned);
    const dueOn = cal.addWorkdays(assignedOn, d.workdays);
    const completedOn = d.completed === undefined ? null : cal.addWorkdays(today, d.completed);
    const closed = d.status === "已办结" || d.status === "逾期办结";
    const task = await db
      .insertInto("tasks")
      .values({
        region_id: county.id,
        region_path: county.path,
        title: d.title,
        content: `${d.title}，按要求报送进展情况。`,
        source: d.source,
        source_doc: d.source === "人大代表建议" ? "夹人大建〔2026〕12号" : null,
        lead_unit_id: lead,
        leader: "王副县长",
        assigned_on: assignedOn,
        deadline_kind: "workdays",
        deadline_workdays: d.workdays,
        original_due_on: dueOn,
        due_on: dueOn,
        status: d.status,
        signed_by_name: d.status === "待签收" ? null : "单位联络员",
        signed_at:
          d.status === "待签收"
            ? null
            : new Date(`${cal.addWorkdays(assignedOn, 1)}T09:00:00+08:00`),
        requested_due_on: d.requested ? cal.addWorkdays(dueOn, d.requested) : null,
        request_reason: d.requested ? "需待新学期开学后组织实施" : null,
        closing_report: completedOn ? "任务已按要求完成，附相关佐证材料。" : null,
        closing_requested_on: completedOn,
        completed_on: closed ? completedOn : null,
        outcome: d.status === "已办结" ? "按期" : d.status === "逾期办结" ? "逾期" : null,
        created_by: bureau?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const co = d.co.map((n) => unitId.get(n)).filter((x): x is number => x !== undefined);
    if (co.length > 0)
      await db
        .insertInto("task_units")
        .values(co.map((u) => ({ task_id: task.id, unit_id: u, region_path: county.path })))
        .execute();
    const moves: [string, string | null, string, string][] = [["交办", null, "待签收", assignedOn]];
    if (d.status !== "待签收")
      moves.push(["签收", "待签收", "办理中", cal.addWorkdays(assignedOn, 1)]);
    if (d.requested) moves.push(["申请延期", "办理中", "申请延期", cal.addWorkdays(today, -1)]);
    if (completedOn) moves.push(["申请办结", "办理中", "申请办结", completedOn]);
    if (closed)
      moves.push(["确认办结", "申请办结", d.status, cal.addWorkdays(completedOn ?? today, 1)]);
    await db
      .insertInto("task_transitions")
      .values(
        moves.map(([action, from, to, on]) => ({
          task_id: task.id,
          region_path: county.path,
          action,
          from_status: from,
          to_status: to,
          occurred_on: on,
          user_name: action === "交办" || action === "确认办结" ? (bureau?.username ?? null) : null,
          user_id: action === "交办" || action === "确认办结" ? (bureau?.id ?? null) : null,
        })),
      )
      .execute();
    if (d.percent !== undefined)
      await db
        .insertInto("task_progress")
        .values({
          task_id: task.id,
          region_path: county.path,
          unit_id: lead,
          reported_on: completedOn ?? cal.addWorkdays(today, -3),
          text: "已制定工作方案，按节点推进，各项工作进展顺利。",
          percent: d.percent,
        })
        .execute();
    // Only the task still awaiting signature has unread assignment notices.
    if (d.status !== "待签收") continue;
    const text = `任务“${task.title}”已交办，请及时签收`;
    await notify(db, task, [{ unitId: lead }], "assigned", `您单位牵头的${text}`);
    const coText = `您单位配合的任务“${task.title}”已交办`;
    await notify(
      db,
      task,
      co.map((u) => ({ unitId: u })),
      "assigned",
      coText,
    );
  }
}
