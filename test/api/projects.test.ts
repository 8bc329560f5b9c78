import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricScope } from "../../src/core/metrics/metric.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { createReportContext } from "../../src/core/report/contribution.ts";
import { runsText } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { projectsReport } from "../../src/modules/projects/projects.report.ts";
import { buildMetricRegistry } from "../../src/server/registry.ts";
import { type Client, startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";
import { errorOf, makeProject, metricValues, move, type ProjectRef } from "./projects-fixture.ts";

// 2023–2024 fixture; the demo seed's projects start in 2025.
describe.each(engines)("projects on %s", (engine) => {
  let t: TestApp;
  let editor: Client;
  let jingyan: Client;
  let city: Client;
  let p1: ProjectRef;
  let p4: ProjectRef;
  let p5: ProjectRef;
  let p7: ProjectRef;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [editor, jingyan, city] = await Promise.all([
      t.login("keyuan"),
      t.login("jingyan"),
      t.login("shiju"),
    ]);
    const county = t.demo.county.id;
    const base = { regionId: county, collectedOn: "2023-01-10" };
    p1 = await makeProject(
      editor,
      { ...base, name: "茶叶深加工技术研究", fundCounty: 50000, endOn: "2024-06-30" },
      [
        ["推荐申报", "2023-02-01"],
        ["立项", "2023-06-01"],
        ["实施中", "2023-07-01"],
      ],
    );
    await makeProject(editor, { ...base, name: "竹浆造纸工艺改进", fundCounty: 40000 }, [
      ["推荐申报", "2023-02-01"],
      ["立项", "2023-05-01"],
      ["终止", "2023-12-31"],
    ]);
    const autumn = { regionId: county, collectedOn: "2023-10-05" };
    await makeProject(editor, { ...autumn, name: "陶瓷釉料配方优化", fundCounty: 80000 }, [
      ["推荐申报", "2023-11-10"],
      ["立项", "2023-12-31"],
      ["实施中", "2024-01-01"],
    ]);
    p7 = await makeProject(editor, { ...autumn, name: "书画纸防蛀工艺", fundCounty: 60000 }, [
      ["推荐申报", "2023-11-10"],
      ["立项", "2024-01-01"],
    ]);
    const y24 = { regionId: county, collectedOn: "2024-01-05" };
    p4 = await makeProject(
      editor,
      {
        ...y24,
        name: "面向产业化多组元透明导电氧化物技术的研究",
        level: "省",
        programmeCode: "support",
        approvalNo: "2024GZ0001",
        fundProvincial: 300000,
        fundSelf: 100000,
        endOn: "2024-10-31",
      },
      [
        ["推荐申报", "2024-02-01"],
        ["立项", "2024-04-01"],
        ["实施中", "2024-04-10"],
      ],
    );
    p5 = await makeProject(
      editor,
      { ...y24, name: "智能卫浴研发", level: "市", programmeCode: "transfer" },
      [["推荐申报", "2024-03-01"]],
    );
    await makeProject(
      jingyan,
      {
        regionId: t.demo.neighbour.id,
        collectedOn: "2024-01-05",
        name: "井研柑橘",
        fundCounty: 20000,
      },
      [
        ["推荐申报", "2024-03-01"],
        ["立项", "2024-05-01"],
      ],
    );
  });
  afterAll(async () => t.close());

  it("walks the lifecycle with dated history, mid-term and acceptance", async () => {
    const mid = await editor.post(`/api/projects/${p4.id}/midterm`, {
      version: p4.version,
      checkedOn: "2024-09-01",
      result: "完成",
    });
    expect(mid.statusCode, mid.body).toBe(200);
    expect(mid.json().status).toBe("中期检查");
    const p = await move(editor, mid.json(), "申请验收", "2024-11-01");
    // A conclusion is only reachable through an acceptance record.
    const direct = await editor.post(`/api/projects/${p.id}/transition`, {
      version: p.version,
      to: "通过验收",
      on: "2024-12-01",
    });
    expect(direct.statusCode).toBe(409);
    expect(errorOf(direct.body)).toBe("验收结论请通过“登记验收”录入");
    const acc = await editor.post(`/api/projects/${p.id}/acceptance`, {
      version: p.version,
      acceptedOn: "2024-12-01",
      taskConclusion: "通过",
      financeConclusion: "通过",
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().status).toBe("通过验收");
    expect(acc.json().next).toEqual(["结题"]);
    p4 = acc.json();
    const h = (await editor.get(`/api/projects/${p.id}/history`)).json();
    expect(h.transitions.map((x: { to: string; on: string }) => `${x.to}@${x.on}`)).toEqual([
      "储备@2024-01-05",
      "推荐申报@2024-02-01",
      "立项@2024-04-01",
      "实施中@2024-04-10",
      "中期检查@2024-09-01",
      "申请验收@2024-11-01",
      "通过验收@2024-12-01",
    ]);
    expect(h.transitions[1].from).toBe("储备");
    expect(h.transitions[1].userName).toBeTruthy();
    expect(h.midterms).toHaveLength(1);
    expect(h.acceptances[0].outcome).toBe("通过验收");
  });

  it("refuses illegal, stale and back-dated transitions with Chinese messages", async () => {
    const cur = (await editor.get(`/api/projects/${p5.id}`)).json();
    expect(cur.status).toBe("推荐申报");
    expect(cur.next).toEqual(["立项", "未立项"]);
    for (const to of ["通过验收", "实施中", "结题", "终止", "储备"]) {
      const res = await editor.post(`/api/projects/${p5.id}/transition`, {
        version: cur.version,
        to,
        on: "2024-06-01",
      });
      expect(res.statusCode, to).toBe(409);
      expect(errorOf(res.body)).toBe(`当前状态“推荐申报”不能直接变为“${to}”`);
    }
    const stale = await editor.post(`/api/projects/${p5.id}/transition`, {
      version: cur.version - 1,
      to: "未立项",
      on: "2024-06-01",
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale.body)).toContain("已被他人修改");
    const early = await editor.post(`/api/projects/${p5.id}/transition`, {
      version: cur.version,
      to: "未立项",
      on: "2024-02-01",
    });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early.body)).toBe("日期：不能早于上一次状态变更的日期（2024-03-01）");
    p5 = await move(editor, cur, "未立项", "2024-06-01");
    const after = await editor.post(`/api/projects/${p5.id}/transition`, {
      version: p5.version,
      to: "立项",
      on: "2024-07-01",
    });
    expect(errorOf(after.body)).toBe("项目已“未立项”，不能再变更状态");
    // No history row was written by any refused move.
    const h = (await editor.get(`/api/projects/${p5.id}/history`)).json();
    expect(h.transitions).toHaveLength(3);
  });

  it("applies the acceptance rules: both must pass, 整改 within three months", async () => {
    const mk = (name: string) =>
      makeProject(editor, { regionId: t.demo.county.id, collectedOn: "2022-01-01", name }, [
        ["推荐申报", "2022-01-10"],
        ["立项", "2022-02-01"],
        ["实施中", "2022-02-10"],
        ["申请验收", "2022-11-01"],
      ]);
    const a = await mk("验收规则甲");
    const accept = (p: ProjectRef, over: Record<string, unknown>) =>
      editor.post(`/api/projects/${p.id}/acceptance`, {
        version: p.version,
        acceptedOn: "2022-12-01",
        taskConclusion: "通过",
        financeConclusion: "整改后通过",
        ...over,
      });
    const missing = await accept(a, {});
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing.body)).toBe("整改期限：整改后通过须填写整改期限");
    const late = await accept(a, { rectifyBy: "2023-03-02" });
    expect(errorOf(late.body)).toBe("整改期限：应在验收日期之后、2023-03-01之前（3个月内）");
    const ok = await accept(a, { rectifyBy: "2023-03-01" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe("整改后通过");
    const b = await mk("验收规则乙");
    const fail = await accept(b, { taskConclusion: "通过", financeConclusion: "不通过" });
    expect(fail.json().status).toBe("不通过");
    const closed = await move(editor, fail.json(), "结题", "2022-12-20");
    const again = await accept(
      { id: closed.id, version: closed.version },
      { financeConclusion: "通过" },
    );
    expect(again.statusCode).toBe(409);
    expect(errorOf(again.body)).toBe("项目已“结题”，不能再变更状态");
    const bad = await accept(b, { taskConclusion: "优秀" });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad.body)).toContain("任务验收结论");
  });

  it("counts applications, approvals, funds, 新上/结转 and stock figures per period", async () => {
    const county = t.demo.county.id;
    const ids = [
      "projects.applications",
      "projects.applications.county",
      "projects.approvals",
      "projects.funds_secured",
      "projects.active",
      "projects.new",
      "projects.carried",
      "projects.overdue",
      "projects.accepted",
    ];
    expect(await metricValues(editor, ids, "2023", county)).toEqual({
      "projects.applications": 4,
      "projects.applications.county": 4,
      "projects.approvals": 3,
      "projects.funds_secured": 170000,
      "projects.active": 2,
      "projects.new": 3,
      "projects.carried": 0,
      "projects.overdue": 0,
      "projects.accepted": 0,
    });
    const more = [
      "projects.applications.provincial",
      "projects.applications.city",
      "projects.approvals.county",
      "projects.funds_secured.provincial",
      "projects.carried.county",
      "projects.new.county",
      "projects.portfolio.county",
    ];
    expect(await metricValues(editor, [...ids, ...more], "2024", county)).toEqual({
      "projects.applications": 2,
      "projects.applications.county": 0,
      "projects.approvals": 2,
      "projects.funds_secured": 360000,
      "projects.active": 3,
      "projects.new": 2,
      "projects.carried": 2,
      "projects.overdue": 1,
      "projects.accepted": 1,
      "projects.applications.provincial": 1,
      "projects.applications.city": 1,
      "projects.approvals.county": 1,
      "projects.funds_secured.provincial": 300000,
      "projects.carried.county": 2,
      "projects.new.county": 1,
      "projects.portfolio.county": 3,
    });
    // p1 ends on 30 June: on its end date it is not yet overdue.
    expect(await metricValues(editor, ["projects.overdue"], "2024H1", county)).toEqual({
      "projects.overdue": 0,
    });
    expect(
      await metricValues(
        city,
        ["projects.applications", "projects.funds_secured"],
        "2024",
        t.demo.city.id,
      ),
    ).toEqual({ "projects.applications": 3, "projects.funds_secured": 380000 });
  });

  it("keeps scopes apart and refuses writes outside them", async () => {
    const mine = (await jingyan.get("/api/projects?year=2024")).json();
    expect(mine.items.map((p: { name: string }) => p.name)).toEqual(["井研柑橘"]);
    expect((await jingyan.get(`/api/projects/${p1.id}`)).statusCode).toBe(404);
    const steal = await jingyan.post(`/api/projects/${p7.id}/transition`, {
      version: p7.version,
      to: "实施中",
      on: "2024-02-01",
    });
    expect(steal.statusCode).toBe(404);
    const cityWrite = await city.post(`/api/projects/${p7.id}/transition`, {
      version: p7.version,
      to: "实施中",
      on: "2024-02-01",
    });
    expect(cityWrite.statusCode).toBe(403);
    const all = (await city.get("/api/projects?year=2024&pageSize=100")).json();
    expect(all.items.map((p: { name: string }) => p.name)).toContain("井研柑橘");
    expect(all.items.map((p: { name: string }) => p.name)).toContain("智能卫浴研发");
    const intoOther = await editor.post("/api/projects", {
      name: "越界",
      level: "县",
      programmeCode: "county_key",
      undertakerName: "某单位",
      applyYear: 2024,
      regionId: t.demo.neighbour.id,
    });
    expect(intoOther.statusCode).toBe(403);
  });

  it("filters the list and names bad fields in Chinese", async () => {
    const xlsx = await editor.get("/api/projects/export?level=省&year=2024");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const prov = (await editor.get("/api/projects?level=省&year=2024")).json();
    expect(prov.items.map((p: { approvalNo: string }) => p.approvalNo)).toEqual(["2024GZ0001"]);
    const done = (
      await editor.get(`/api/projects?status=${encodeURIComponent("通过验收")}`)
    ).json();
    expect(done.items.map((p: { id: number }) => p.id)).toContain(p4.id);
    const bad = await editor.post("/api/projects", {
      name: "",
      level: "乡",
      programmeCode: "nope",
      applyYear: 1800,
      regionId: t.demo.county.id,
    });
    expect(bad.statusCode).toBe(400);
    const msg = errorOf(bad.body);
    for (const label of ["项目名称", "级别", "申报年度"]) expect(msg).toContain(label);
    const prog = await editor.post("/api/projects", {
      name: "计划类别不存在",
      level: "县",
      programmeCode: "nope",
      undertakerName: "某单位",
      applyYear: 2024,
      regionId: t.demo.county.id,
    });
    expect(errorOf(prog.body)).toBe("计划类别：不是可选的计划类别");
    const nobody = await editor.post("/api/projects", {
      name: "无承担单位",
      level: "县",
      programmeCode: "county_key",
      applyYear: 2024,
      regionId: t.demo.county.id,
    });
    expect(errorOf(nobody.body)).toBe("承担单位：请选择承担企业或填写承担单位");
  });

  it("writes the 项目 paragraphs from metrics, naming projects and their support", async () => {
    const registry = buildMetricRegistry();
    const contribute = (period: string) => {
      const p = parsePeriod(period);
      const ctx = createReportContext({
        db: t.db,
        registry,
        scope: metricScope(t.demo.county, p),
        period: p,
      });
      return projectsReport.contribute(ctx);
    };
    const section = await contribute("2024");
    if (!section) throw new Error("expected a section");
    const texts = section.blocks.map((b) => (b.type === "paragraph" ? runsText(b.runs) : ""));
    const p4Name = "四川农业大学的“面向产业化多组元透明导电氧化物技术的研究”";
    expect(texts).toEqual([
      `2024年，全县共申报市级科技计划项目1项，省级科技计划项目1项。推荐${p4Name}申报省级科技支撑项目，四川农业大学的“智能卫浴研发”申报市级成果转化项目。`,
      `全年获批立项科技项目2项，争取财政科技经费36万元。其中，${p4Name}（立项编号2024GZ0001）项目，获得省级财政30万元经费支持。`,
      "下达县级重点项目共3项，其中结转2项，新上项目1项。",
      `截至2024年底，全县在研科技项目3项；全年通过验收项目1项，${p4Name}项目已实施完毕并通过专家验收；逾期未验收项目1项，已督促承担单位加快实施。`,
    ]);
    const names = section.blocks.flatMap((b) => (b.type === "paragraph" ? b.runs : []));
    expect(
      names.filter((r) => r.t === "name").map((r) => r.t === "name" && r.ref.entity),
    ).toContain("project");
    const check = await verifyNumberRuns(t.db, { title: "t", blocks: section.blocks }, registry);
    expect(check.checked).toBeGreaterThan(8);
    expect(check.mismatches).toEqual([]);
    expect(await contribute("2019")).toBeNull();
  });
});
