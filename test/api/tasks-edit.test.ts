import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/core/auth/password.ts";
import { scanTaskDeadlines } from "../../src/modules/tasks/notifications.ts";
import { type Client, DEMO_PASSWORD, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Detail {
  id: number;
  title: string;
  content: string | null;
  source: string;
  status: string;
  version: number;
  dueOn: string;
  originalDueOn: string;
  deadlineKind: string;
  deadlineWorkdays: number | null;
  remindWorkdays: number;
  leadUnit: { id: number };
  coUnits: { id: number }[];
  milestones: { id: number; title: string; dueOn: string; doneOn: string | null }[];
  transitions: { action: string; note: string | null }[];
  can: { edit: boolean; actions: string[] };
}

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const message = (res: LightMyRequestResponse) =>
  json<{ error: { message: string } }>(res).error.message;

describe.each(engines)("editing tasks (督查督办) on %s", (engine) => {
  let t: TestApp;
  let bureau: Client;
  let kexie: Client;
  let jingxin: Client;
  let viewer: Client;
  let jingyan: Client;
  let kexieUnit: number;
  let jingxinUnit: number;
  let taskId = 0;

  const detail = async (id: number, who?: Client) =>
    json<Detail>(await (who ?? bureau).get(`/api/tasks/${id}`));
  /** The edit body from the current detail, with `patch` on top. */
  const body = (d: Detail, patch: object = {}) => ({
    title: d.title,
    content: d.content,
    source: d.source,
    leadUnitId: d.leadUnit.id,
    coUnitIds: d.coUnits.map((u) => u.id),
    deadlineKind: d.deadlineKind,
    dueOn: d.dueOn,
    deadlineWorkdays: d.deadlineWorkdays,
    remindWorkdays: d.remindWorkdays,
    milestones: d.milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn })),
    version: d.version,
    ...patch,
  });
  const edit = async (who: Client, id: number, patch: object = {}) =>
    who.put(`/api/tasks/${id}`, body(await detail(id), patch));
  const act = async (who: Client, id: number, action: string, extra: object = {}) => {
    const { version } = await detail(id);
    const res = await who.post(`/api/tasks/${id}/actions/${action}`, { version, ...extra });
    expect(res.statusCode, res.body).toBe(200);
  };
  const notices = async (who: Client, taskId: number) =>
    json<{ items: { kind: string; taskId: number; text: string }[] }>(
      await who.get("/api/notifications?limit=200"),
    ).items.filter((n) => n.taskId === taskId);
  const create = async (extra: object) => {
    const res = await bureau.post("/api/tasks", {
      regionId: t.demo.county.id,
      source: "年度工作要点",
      leadUnitId: kexieUnit,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ id: number }>(res).id;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const unit = async (name: string) =>
      (
        await t.db
          .selectFrom("units")
          .select("id")
          .where("name", "=", name)
          .executeTakeFirstOrThrow()
      ).id;
    kexieUnit = await unit("夹江县科学技术协会");
    jingxinUnit = await unit("夹江县经济和信息化局");
    await t.db
      .insertInto("users")
      .values({
        username: "jingxin",
        display_name: "经信局联络员",
        role: "editor",
        region_id: t.demo.county.id,
        region_path: t.demo.county.path,
        unit_id: jingxinUnit,
        password_hash: await hashPassword(DEMO_PASSWORD),
      })
      .execute();
    [bureau, kexie, jingxin, viewer, jingyan] = await Promise.all([
      t.login("keyuan"),
      t.login("kexie"),
      t.login("jingxin"),
      t.login("juzhang"),
      t.login("jingyan"),
    ]);
    await t.db.deleteFrom("tasks").execute();
    taskId = await create({
      title: "中秋国庆期间的任务",
      assignedOn: "2026-09-24",
      deadlineKind: "date",
      dueOn: "2026-09-30",
      milestones: [
        { title: "制定方案", dueOn: "2026-09-28" },
        { title: "组织实施", dueOn: "2026-09-29" },
      ],
    });
  });
  afterAll(() => t.close());

  it("edits the fields, keeps a kept milestone's done date, and audits before/after", async () => {
    const d0 = await detail(taskId);
    expect(d0.can.edit).toBe(true);
    const [plan, run] = d0.milestones;
    if (!plan || !run) throw new Error("milestones missing");
    const done = await bureau.put(`/api/tasks/${taskId}/milestones/${plan.id}`, {
      doneOn: "2026-09-28",
    });
    expect(done.statusCode).toBe(200);
    const res = await edit(bureau, taskId, {
      title: "中秋国庆期间的重点任务",
      content: "按方案推进",
      source: "领导批示",
      remindWorkdays: 2,
      milestones: [
        { id: plan.id, title: "制定实施方案", dueOn: "2026-09-28" },
        { title: "总结", dueOn: "2026-09-30" },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(taskId);
    expect([d.title, d.content, d.source, d.remindWorkdays, d.version]).toEqual([
      "中秋国庆期间的重点任务",
      "按方案推进",
      "领导批示",
      2,
      d0.version + 1,
    ]);
    expect(d.milestones.map((m) => [m.title, m.doneOn])).toEqual([
      ["制定实施方案", "2026-09-28"],
      ["总结", null],
    ]);
    expect(d.dueOn).toBe("2026-09-30");
    expect(d.transitions.map((x) => x.action)).toEqual(["交办", "修改任务"]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("entity", "=", "task")
      .where("record_id", "=", String(taskId))
      .where("action", "=", "update")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const before = audit.before as { title: string; milestones: { title: string }[] };
    const after = audit.after as { title: string; milestones: { title: string }[] };
    expect([before.title, after.title]).toEqual(["中秋国庆期间的任务", "中秋国庆期间的重点任务"]);
    expect(after.milestones.map((m) => m.title)).toEqual(["制定实施方案", "总结"]);
    expect(before.milestones.map((m) => m.title)).toEqual(["制定方案", "组织实施"]);
  });

  it("refuses a stale version with 409 and changes nothing", async () => {
    const d = await detail(taskId);
    const stale = await bureau.put(
      `/api/tasks/${taskId}`,
      body(d, { title: "过期的修改", version: d.version - 1 }),
    );
    expect(stale.statusCode).toBe(409);
    expect(message(stale)).toBe("该督办任务已被他人修改，您的修改未保存。请刷新后重新编辑");
    const after = await detail(taskId);
    expect([after.title, after.version]).toEqual([d.title, d.version]);
  });

  it("recomputes a working-day deadline across 中秋, 国庆 and the 调休 Saturday", async () => {
    // From 2026-09-24: 9/25-27 中秋 off; 9/28, 9/29, 9/30; 10/1-7 国庆 off; 10/8, 10/9, 10/10 (调休).
    const six = await edit(bureau, taskId, { deadlineKind: "workdays", deadlineWorkdays: 6 });
    expect(six.statusCode, six.body).toBe(200);
    let d = await detail(taskId);
    expect([d.dueOn, d.originalDueOn, d.deadlineWorkdays]).toEqual(["2026-10-10", "2026-10-10", 6]);
    expect(d.transitions.at(-1)?.note).toBe("完成时限由2026年9月30日调整为2026年10月10日");
    expect((await edit(bureau, taskId, { deadlineWorkdays: 5 })).statusCode).toBe(200);
    d = await detail(taskId);
    expect(d.dueOn).toBe("2026-10-09");
    const texts = (await notices(kexie, taskId)).filter((n) => n.kind === "deadline_changed");
    expect(texts.map((n) => n.text)).toEqual([
      "任务“中秋国庆期间的重点任务”的办理期限调整为2026年10月9日",
      "任务“中秋国庆期间的重点任务”的办理期限调整为2026年10月10日",
    ]);
    const early = await edit(bureau, taskId, { deadlineKind: "date", dueOn: "2026-09-01" });
    expect(early.statusCode).toBe(400);
    expect(message(early)).toBe("完成时限：完成时限不能早于交办日期");
  });

  it("keeps an approved extension when the working-day count is unchanged", async () => {
    await act(kexie, taskId, "sign");
    await act(kexie, taskId, "request-extension", {
      requestedDueOn: "2026-10-20",
      reason: "节后集中办理",
    });
    await act(bureau, taskId, "approve-extension");
    const res = await edit(bureau, taskId, { title: "中秋国庆期间的重点任务（延期）" });
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(taskId);
    expect([d.dueOn, d.originalDueOn, d.status]).toEqual(["2026-10-20", "2026-10-09", "办理中"]);
  });

  it("lets only the bureau edit: unit users, viewers and other counties are refused", async () => {
    const asLead = await edit(kexie, taskId, { title: "牵头单位改的" });
    expect(asLead.statusCode).toBe(403);
    expect(message(asLead)).toBe("只有督办部门（科技局）可以执行此操作");
    expect((await detail(taskId, kexie)).can.edit).toBe(false);
    expect((await edit(viewer, taskId, { title: "x" })).statusCode).toBe(403);
    expect((await edit(jingyan, taskId, { title: "x" })).statusCode).toBe(404);
    const bad = await edit(bureau, taskId, { coUnitIds: [kexieUnit] });
    expect(bad.statusCode).toBe(400);
    expect(message(bad)).toBe("配合单位：不能包含牵头单位");
  });

  it("tells added units, hides the task from removed ones, and makes a new lead sign again", async () => {
    expect((await jingxin.get(`/api/tasks/${taskId}`)).statusCode).toBe(404);
    expect((await edit(bureau, taskId, { coUnitIds: [jingxinUnit] })).statusCode).toBe(200);
    const seen = await detail(taskId, jingxin);
    expect(seen.coUnits.map((u) => u.id)).toEqual([jingxinUnit]);
    const assigned = (await notices(jingxin, taskId)).filter((n) => n.kind === "assigned");
    expect(assigned.map((n) => n.text)).toEqual([
      "您单位配合的任务“中秋国庆期间的重点任务（延期）”已交办，完成时限2026年10月20日",
    ]);

    // The lead moves to 经信局 and 科协 is taken off the task altogether.
    const moved = await edit(bureau, taskId, { leadUnitId: jingxinUnit, coUnitIds: [] });
    expect(moved.statusCode, moved.body).toBe(200);
    const d = await detail(taskId);
    expect([d.leadUnit.id, d.status, d.coUnits]).toEqual([jingxinUnit, "待签收", []]);
    expect(d.transitions.at(-1)?.note).toBe("调整牵头单位，须重新签收；调整配合单位");
    expect((await kexie.get(`/api/tasks/${taskId}`)).statusCode).toBe(404);
    const files = await kexie.get(`/api/attachments?ownerType=task-closing&ownerId=${taskId}`);
    expect(files.statusCode).toBe(404);
    expect(
      (await bureau.get(`/api/attachments?ownerType=task-closing&ownerId=${taskId}`)).statusCode,
    ).toBe(200);
    const kexieList = json<{ items: { id: number }[] }>(await kexie.get("/api/tasks"));
    expect(kexieList.items.map((x) => x.id)).not.toContain(taskId);
    // 科协 is told it no longer handles the task; 经信局 (still on it) is not.
    const released = (await notices(kexie, taskId)).filter((n) => n.kind === "released");
    expect(released.map((n) => n.text)).toEqual([
      "任务“中秋国庆期间的重点任务（延期）”已调整承办单位，您单位不再承办此项任务",
    ]);
    expect((await notices(jingxin, taskId)).some((n) => n.kind === "released")).toBe(false);
    const lead = (await notices(jingxin, taskId)).filter((n) => n.kind === "assigned");
    expect(lead.map((n) => n.text)).toContain(
      "您单位牵头的任务“中秋国庆期间的重点任务（延期）”已交办，完成时限2026年10月20日，请及时签收",
    );
    expect((await detail(taskId, jingxin)).can.actions).toEqual(["sign"]);
    await act(jingxin, taskId, "sign");
  });

  it("reminds afresh for a new due date, still once per date and unit", async () => {
    const count = async (kind: string) =>
      Number(
        (
          await t.db
            .selectFrom("notifications")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("task_id", "=", taskId)
            .where("kind", "=", kind)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Due 2026-10-20 with 2 reminder days: yellow from 2026-10-16 (10/19, 10/20 ahead).
    await scanTaskDeadlines(t.db, "2026-10-16");
    await scanTaskDeadlines(t.db, "2026-10-19");
    expect(await count("due_soon")).toBe(1);
    expect(
      (await edit(bureau, taskId, { deadlineKind: "date", dueOn: "2026-10-30" })).statusCode,
    ).toBe(200);
    await scanTaskDeadlines(t.db, "2026-10-19"); // green again for the new date
    expect(await count("due_soon")).toBe(1);
    await scanTaskDeadlines(t.db, "2026-10-28");
    await scanTaskDeadlines(t.db, "2026-10-29");
    expect(await count("due_soon")).toBe(2);
    await scanTaskDeadlines(t.db, "2026-11-02");
    await scanTaskDeadlines(t.db, "2026-11-03");
    expect(await count("overdue")).toBe(2); // the lead unit and the bureau user
  });

  it("refuses edits once the task is closed", async () => {
    await act(jingxin, taskId, "request-closing", { report: "已完成" });
    const pending = await edit(bureau, taskId, { leadUnitId: kexieUnit, coUnitIds: [] });
    expect(pending.statusCode).toBe(409);
    expect(message(pending)).toBe("任务当前状态为“申请办结”，请先审批该申请，再调整牵头单位");
    await act(bureau, taskId, "confirm-closing");
    const closed = await edit(bureau, taskId, { title: "办结后修改" });
    expect(closed.statusCode).toBe(403);
    expect(message(closed)).toMatch(/^任务当前状态为“(已办结|逾期办结)”，不能再修改$/);
    expect((await detail(taskId)).can.edit).toBe(false);
  });
});
