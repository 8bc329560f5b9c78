import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/core/auth/password.ts";
import { addWorkdays } from "../../src/core/calendar/calendar.ts";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { todayCst } from "../../src/core/report/composer.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { scanTaskDeadlines } from "../../src/modules/tasks/notifications.ts";
import { tasksProblemsReport } from "../../src/modules/tasks/tasks.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, DEMO_PASSWORD, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

interface Detail {
  id: number;
  status: string;
  version: number;
  dueOn: string;
  light: string;
  outcome: string | null;
  signedByName: string | null;
  transitions: { action: string; toStatus: string }[];
  progress: { unitName: string; percent: number | null }[];
  can: { actions: string[]; reportProgress: boolean };
}

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const message = (res: LightMyRequestResponse) =>
  json<{ error: { message: string } }>(res).error.message;

describe.each(engines)("tasks (督查督办) on %s", (engine) => {
  let t: TestApp;
  let bureau: Client;
  let kexie: Client;
  let jingxin: Client;
  let viewer: Client;
  let jingyan: Client;
  let city: Client;
  let admin: Client;
  let kexieUnit: number;
  let jingxinUnit: number;
  const today = todayCst();
  const ids = { holiday: 0, loop: 0, late: 0, open: 0 };
  let demoLights = new Set<string>();
  let demoStatuses = new Set<string>();

  const detail = async (id: number, asOf?: string) =>
    json<Detail>(await bureau.get(`/api/tasks/${id}${asOf ? `?asOf=${asOf}` : ""}`));
  const act = async (who: Client, id: number, action: string, body: object = {}) => {
    const { version } = await detail(id);
    return who.post(`/api/tasks/${id}/actions/${action}`, { version, ...body });
  };
  const create = async (body: object) => {
    const res = await bureau.post("/api/tasks", {
      regionId: t.demo.county.id,
      source: "年度工作要点",
      leadUnitId: kexieUnit,
      ...body,
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
    [bureau, kexie, jingxin, viewer, jingyan, city, admin] = await Promise.all([
      t.login("keyuan"),
      t.login("kexie"),
      t.login("jingxin"),
      t.login("juzhang"),
      t.login("jingyan"),
      t.login("shiju"),
      t.login("admin"),
    ]);
    const demo = json<{ items: { light: string; status: string }[] }>(
      await bureau.get("/api/tasks"),
    );
    demoLights = new Set(demo.items.map((x) => x.light));
    demoStatuses = new Set(demo.items.map((x) => x.status));
    // The demo seed's tasks are relative to today; the rest of this file builds its own.
    await t.db.deleteFrom("tasks").execute();
  });
  afterAll(() => t.close());

  it("seeds demo tasks in every light and most states", () => {
    expect([...demoLights].sort()).toEqual(["green", "grey", "red", "yellow"]);
    expect(demoStatuses.size).toBeGreaterThanOrEqual(6);
  });

  it("refuses bad input with field names, and creation by a unit user", async () => {
    const bad = await bureau.post("/api/tasks", {
      regionId: t.demo.county.id,
      source: "年度工作要点",
      leadUnitId: kexieUnit,
      deadlineKind: "workdays",
    });
    expect(bad.statusCode).toBe(400);
    expect(message(bad)).toBe("任务名称：必填");
    const noDays = await bureau.post("/api/tasks", {
      title: "按工作日的任务",
      regionId: t.demo.county.id,
      source: "年度工作要点",
      leadUnitId: kexieUnit,
      coUnitIds: [kexieUnit],
      deadlineKind: "workdays",
    });
    expect(noDays.statusCode).toBe(400);
    expect(message(noDays)).toBe(
      "办理时限（工作日）：按工作日设定时限时必填；配合单位：不能包含牵头单位",
    );
    const byUnit = await kexie.post("/api/tasks", {
      title: "x",
      regionId: t.demo.county.id,
      source: "其他",
      leadUnitId: kexieUnit,
      deadlineKind: "date",
      dueOn: "2027-01-01",
    });
    expect(byUnit.statusCode).toBe(403);
    expect(message(byUnit)).toContain("督办部门");
    expect((await viewer.post("/api/tasks", {})).statusCode).toBe(403);
    expect((await city.post("/api/tasks", {})).statusCode).toBe(403);
  });

  it("computes a working-day deadline across 国庆 with 调休", async () => {
    ids.holiday = await create({
      title: "国庆前后工作日时限",
      assignedOn: "2026-09-28",
      deadlineKind: "workdays",
      deadlineWorkdays: 5,
      remindWorkdays: 3,
    });
    expect((await detail(ids.holiday)).dueOn).toBe("2026-10-10");
  });

  it("lights the task at the boundaries: exactly N working days before due is yellow", async () => {
    const light = async (asOf: string) => (await detail(ids.holiday, asOf)).light;
    expect(await light("2026-09-29")).toBe("green"); // 4 working days ahead
    expect(await light("2026-09-30")).toBe("yellow"); // 3 working days (10/8, 10/9, 10/10)
    expect(await light("2026-10-05")).toBe("yellow"); // in the holiday, still 3
    expect(await light("2026-10-10")).toBe("yellow"); // the due day itself
    expect(await light("2026-10-11")).toBe("red");
    const list = json<{ items: { id: number }[] }>(
      await bureau.get("/api/tasks?asOf=2026-09-30&light=yellow"),
    );
    expect(list.items.map((x) => x.id)).toEqual([ids.holiday]);
  });

  it("runs the whole loop and refuses illegal moves with a Chinese reason", async () => {
    const dueOn = addWorkdays(today, 20);
    const id = await create({
      title: "开展科普进校园活动",
      coUnitIds: [jingxinUnit],
      deadlineKind: "date",
      dueOn,
      milestones: [{ title: "制定方案", dueOn: addWorkdays(today, 5) }],
    });
    ids.loop = id;

    const early = await act(kexie, id, "request-closing", { report: "完成" });
    expect(early.statusCode).toBe(409);
    expect(message(early)).toBe("任务当前状态为“待签收”，不能申请办结（须为“办理中”）");
    expect((await act(jingxin, id, "sign")).statusCode).toBe(403);
    expect(message(await act(bureau, id, "sign"))).toBe("只有该任务的牵头单位可以执行此操作");
    expect((await act(viewer, id, "sign")).statusCode).toBe(403);
    expect((await jingyan.get(`/api/tasks/${id}`)).statusCode).toBe(404);
    expect((await act(jingyan, id, "sign")).statusCode).toBe(404);

    const signed = await act(kexie, id, "sign");
    expect(signed.statusCode, signed.body).toBe(200);
    expect(json<{ status: string }>(signed).status).toBe("办理中");
    expect((await detail(id)).signedByName).toBe("kexie");
    const stale = await kexie.post(`/api/tasks/${id}/actions/request-closing`, {
      version: 1,
      report: "x",
    });
    expect(stale.statusCode).toBe(409);
    expect(message(stale)).toContain("已被他人修改");

    expect(
      (await kexie.post(`/api/tasks/${id}/progress`, { text: "方案已制定", percent: 30 }))
        .statusCode,
    ).toBe(200);
    expect(
      (await jingxin.post(`/api/tasks/${id}/progress`, { text: "配合完成场地", percent: 40 }))
        .statusCode,
    ).toBe(200);
    expect((await viewer.post(`/api/tasks/${id}/progress`, { text: "x" })).statusCode).toBe(403);
    const pct = await kexie.post(`/api/tasks/${id}/progress`, { text: "x", percent: 120 });
    expect(pct.statusCode).toBe(400);
    expect(message(pct)).toContain("完成进度");
    expect((await detail(id)).progress.map((p) => p.percent).sort()).toEqual([30, 40]);

    const tooEarly = await act(kexie, id, "request-extension", {
      requestedDueOn: dueOn,
      reason: "x",
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(message(tooEarly)).toContain("申请延期至");
    const later = addWorkdays(dueOn, 10);
    expect(
      (await act(kexie, id, "request-extension", { requestedDueOn: later, reason: "天气" }))
        .statusCode,
    ).toBe(200);
    expect((await act(kexie, id, "approve-extension")).statusCode).toBe(403);
    expect((await act(bureau, id, "refuse-extension", { reason: "不符合条件" })).statusCode).toBe(
      200,
    );
    let d = await detail(id);
    expect([d.status, d.dueOn]).toEqual(["办理中", dueOn]);

    await act(kexie, id, "request-extension", { requestedDueOn: later, reason: "天气" });
    expect((await act(bureau, id, "approve-extension")).statusCode).toBe(200);
    d = await detail(id);
    expect([d.status, d.dueOn]).toEqual(["办理中", later]);

    expect((await act(kexie, id, "request-closing", {})).statusCode).toBe(400);
    expect((await act(kexie, id, "request-closing", { report: "活动已开展" })).statusCode).toBe(
      200,
    );
    expect((await act(kexie, id, "confirm-closing")).statusCode).toBe(403);
    expect((await act(bureau, id, "confirm-closing")).statusCode).toBe(200);
    d = await detail(id);
    expect([d.status, d.outcome, d.light]).toEqual(["已办结", "按期", "grey"]);
    expect((await act(bureau, id, "cancel")).statusCode).toBe(200);
    const after = await act(kexie, id, "sign");
    expect(after.statusCode).toBe(409);
    expect(message(after)).toBe("任务已销号，不能再签收");
    expect((await detail(id)).transitions.map((x) => x.action)).toEqual([
      "交办",
      "签收",
      "申请延期",
      "驳回延期申请",
      "申请延期",
      "批准延期",
      "申请办结",
      "确认办结",
      "销号",
    ]);
  });

  it("closes a task after its due date as 逾期办结", async () => {
    const id = await create({
      title: "完成年度科技统计",
      assignedOn: "2026-09-01",
      deadlineKind: "date",
      dueOn: "2026-09-30",
    });
    ids.late = id;
    await act(kexie, id, "sign");
    expect((await detail(id)).light).toBe("red");
    const file = Buffer.from("%PDF-1.4 closing report");
    const up = await kexie.upload(
      `/api/attachments?ownerType=task-closing&ownerId=${id}`,
      "办结报告.pdf",
      file,
    );
    expect(up.statusCode, up.body).toBe(201);
    const other = await jingxin.upload(
      `/api/attachments?ownerType=task-closing&ownerId=${id}`,
      "x.pdf",
      file,
    );
    expect(other.statusCode).toBe(404); // 经信局 is not on this task, so cannot see it
    const away = await jingyan.upload(
      `/api/attachments?ownerType=task-closing&ownerId=${id}`,
      "x.pdf",
      file,
    );
    expect(away.statusCode).toBe(404);
    const p = await kexie.post(`/api/tasks/${id}/progress`, {
      text: "统计报表已汇总",
      percent: 90,
    });
    const pid = json<{ id: number }>(p).id;
    const pu = await kexie.upload(
      `/api/attachments?ownerType=task-progress&ownerId=${pid}`,
      "报表说明.txt",
      Buffer.from("统计说明"),
    );
    expect(pu.statusCode, pu.body).toBe(201);
    const listed = await viewer.get(`/api/attachments?ownerType=task-progress&ownerId=${pid}`);
    expect(json<{ filename: string }[]>(listed).map((a) => a.filename)).toEqual(["报表说明.txt"]);
    expect((await act(kexie, id, "request-closing", { report: "已完成" })).statusCode).toBe(200);
    expect((await act(bureau, id, "return-closing", { reason: "材料不全" })).statusCode).toBe(200);
    await act(kexie, id, "request-closing", { report: "已补齐" });
    await act(bureau, id, "confirm-closing");
    const d = await detail(id);
    expect([d.status, d.outcome, d.light]).toEqual(["逾期办结", "逾期", "grey"]);
  });

  it("shows the buttons that fit the caller", async () => {
    ids.open = await create({
      title: "经信局牵头任务",
      leadUnitId: jingxinUnit,
      deadlineKind: "workdays",
      deadlineWorkdays: 30,
    });
    const asLead = json<Detail>(await jingxin.get(`/api/tasks/${ids.open}`));
    expect(asLead.can.actions).toEqual(["sign"]);
    // A unit user sees only the tasks their unit leads or cooperates on.
    expect((await kexie.get(`/api/tasks/${ids.open}`)).statusCode).toBe(404);
    expect((await act(kexie, ids.open, "sign")).statusCode).toBe(403);
  });

  it("notifies the units once and lets them read it", async () => {
    const mine = json<{ items: { kind: string; taskId: number; id: number }[]; unread: number }>(
      await jingxin.get("/api/notifications"),
    );
    expect(
      mine.items
        .filter((n) => n.kind === "assigned")
        .map((n) => n.taskId)
        .sort(),
    ).toEqual([ids.loop, ids.open].sort());
    const first = mine.items[0];
    if (!first) throw new Error("no notification");
    await jingxin.post(`/api/notifications/${first.id}/read`);
    const after = json<{ unread: number }>(await jingxin.get("/api/notifications"));
    expect(after.unread).toBe(mine.unread - 1);
    // kexie cannot read jingxin's unit notices.
    expect(
      json<{ updated: number }>(await kexie.post(`/api/notifications/${first.id}/read`)).updated,
    ).toBe(0);

    const count = (kind: string) =>
      t.db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("task_id", "=", ids.holiday)
        .where("kind", "=", kind)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    expect(await scanTaskDeadlines(t.db, "2026-09-30")).toBeGreaterThan(0);
    await scanTaskDeadlines(t.db, "2026-09-30");
    await scanTaskDeadlines(t.db, "2026-10-09");
    expect(await count("due_soon")).toBe(1);
    await scanTaskDeadlines(t.db, "2026-10-12");
    await scanTaskDeadlines(t.db, "2026-10-13");
    expect(await count("overdue")).toBe(2); // the lead unit and the bureau user who assigned it
    const kx = json<{ items: { kind: string; taskId: number }[] }>(
      await kexie.get("/api/notifications"),
    );
    expect(
      kx.items
        .filter((n) => n.taskId === ids.holiday)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(["assigned", "due_soon", "overdue"]);
  });

  it("builds the circular whose counts equal the registry metrics", async () => {
    const c = json<{
      title: string;
      totals: Record<string, number>;
      units: { unitName: string; counts: Record<string, number>; tasks: { light: string }[] }[];
    }>(await bureau.get(`/api/tasks/circular?date=${today}`));
    // holiday (red), loop (closed on time), late (closed late), open (green).
    expect(c.totals).toEqual({
      total: 4,
      closed: 2,
      closedLate: 1,
      inProgress: 1,
      dueSoon: 0,
      overdue: 1,
    });
    expect(c.units.map((u) => [u.unitName, u.counts.total])).toEqual([
      ["县科协", 3],
      ["县经信局", 1],
    ]);
    const registry = buildMetricRegistry();
    const scope = metricScope(t.demo.county, { from: `${today.slice(0, 4)}-01-01`, to: today });
    const v = async (id: string) => (await registry.evaluate(t.db, id, scope)).value;
    expect([
      await v("tasks.total"),
      await v("tasks.closed"),
      await v("tasks.closed_late"),
      await v("tasks.overdue"),
    ]).toEqual([4, 1, 1, 1]);
    const neighbour = json<{ totals: { total: number } }>(await jingyan.get("/api/tasks/circular"));
    expect(neighbour.totals.total).toBe(0);
    expect(json<{ total: number }>(await city.get("/api/tasks")).total).toBe(4);
  });

  it("exports the circular to XLSX and DOCX", async () => {
    const x = await bureau.get(`/api/tasks/circular.xlsx?date=${today}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sum = wb.getWorksheet("汇总");
    const total = sum?.getRows(1, sum.rowCount)?.find((r) => r.getCell(1).value === "合计");
    expect(total?.getCell(2).value).toBe(4);
    expect(wb.getWorksheet("任务明细")?.rowCount).toBe(5);

    const d = await bureau.get(`/api/tasks/circular.docx?date=${today}`);
    expect(d.statusCode).toBe(200);
    expect(d.rawPayload.length).toBeGreaterThan(2000);
    const xml = strFromU8(
      unzipSync(new Uint8Array(d.rawPayload))["word/document.xml"] ?? new Uint8Array(),
    );
    const [, mm, dd] = today.split("-");
    expect(xml).toContain(`关于截至${Number(mm)}月${Number(dd)}日重点工作任务推进情况的通报`);
    expect(xml).toContain("开展科普进校园活动");
  });

  it("deletes only unsigned tasks", async () => {
    const open = await detail(ids.open);
    expect((await bureau.del(`/api/tasks/${ids.late}?version=1`)).statusCode).toBe(409);
    expect((await kexie.del(`/api/tasks/${ids.open}?version=${open.version}`)).statusCode).toBe(
      403,
    );
    expect((await bureau.del(`/api/tasks/${ids.open}?version=${open.version}`)).statusCode).toBe(
      204,
    );
  });

  it("lets an admin add next year's days off to the calendar", async () => {
    expect(
      (await bureau.put("/api/calendar/overrides/2027-01-01", { isWorkday: false })).statusCode,
    ).toBe(403);
    const put = await admin.put("/api/calendar/overrides/2027-01-01", {
      isWorkday: false,
      note: "元旦",
    });
    expect(put.statusCode, put.body).toBe(204);
    const r = json<{ date: string }>(
      await bureau.get("/api/calendar/add-workdays?from=2026-12-31&n=1"),
    );
    expect(r.date).toBe("2027-01-04");
    expect((await admin.del("/api/calendar/overrides/2027-01-01")).statusCode).toBe(204);
    const back = json<{ date: string }>(
      await bureau.get("/api/calendar/add-workdays?from=2026-12-31&n=1"),
    );
    expect(back.date).toBe("2027-01-01");
  });

  it("states overdue tasks in 存在的问题 with a traced number", async () => {
    const registry = buildMetricRegistry();
    const scope = metricScope(t.demo.county, { from: `${today.slice(0, 4)}-01-01`, to: today });
    const ctx = createReportContext({
      db: t.db,
      registry,
      scope,
      period: parsePeriod(today.slice(0, 4)),
    });
    const section = await tasksProblemsReport.contribute(ctx);
    const block = section?.blocks[0];
    if (block?.type !== "paragraph") throw new Error("no paragraph");
    expect(runsText(block.runs)).toContain("全县有1项重点工作任务逾期未办结，另有1项任务逾期办结");
    expect(
      block.runs.filter((r) => r.t === "number").map((r) => r.t === "number" && r.metric),
    ).toEqual(["tasks.overdue", "tasks.closed_late"]);
  });
});
