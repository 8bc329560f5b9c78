import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { PROJECT_LEVELS } from "./entities.ts";
import {
  ACCEPTED,
  APPLIED,
  APPROVED,
  activeStatusList as activeList,
  statusAt as statusAtIn,
  transitionInto,
} from "./list-views.ts";

/*
 * Every project figure is read from the dated history (project_transitions), never from the
 * current status, so a past period gives the same answer after later moves. A project counts
 * where it is registered (its region path).
 */

type Level = (typeof PROJECT_LEVELS)[number]["value"] | undefined;

const like = (s: MetricScope) => `${s.regionPath}%`;
const levelCond = (level: Level) => (level ? sql`and p.level = ${level}` : sql``);

async function one(db: Conn, q: ReturnType<typeof sql<{ v: number | string | null }>>) {
  const r = await q.execute(db);
  return Number(r.rows[0]?.v ?? 0);
}

/** Projects that moved into one of `to` within the period. */
function movedInto(db: Conn, s: MetricScope, to: readonly string[], level: Level) {
  return one(
    db,
    sql<{ v: number }>`select count(distinct t.project_id)::int as v
      from project_transitions t join projects p on p.id = t.project_id
      where t.region_path like ${like(s)} and ${transitionInto(to, s.from, s.to)}
        ${levelCond(level)}`,
  );
}

const statusAt = (s: MetricScope, date: string, strict: boolean) =>
  statusAtIn(s.regionPath, date, strict);

function activeAt(db: Conn, s: MetricScope, level: Level) {
  return one(
    db,
    sql<{ v: number }>`select count(*)::int as v from ${statusAt(s, s.to, false)} st
      join projects p on p.id = st.project_id
      where st.to_status in (${activeList}) ${levelCond(level)}`,
  );
}

function overdueAt(db: Conn, s: MetricScope) {
  return one(
    db,
    sql<{ v: number }>`select count(*)::int as v from ${statusAt(s, s.to, false)} st
      join projects p on p.id = st.project_id
      where st.to_status in (${activeList}) and p.end_on < ${s.to}::date`,
  );
}

/** 结转: approved before the period and still active when it began. */
function carried(db: Conn, s: MetricScope, level: Level) {
  return one(
    db,
    sql<{ v: number }>`select count(*)::int as v from ${statusAt(s, s.from, true)} st
      join projects p on p.id = st.project_id
      where st.to_status in (${activeList}) ${levelCond(level)}`,
  );
}

/** Fiscal funds approved for projects 立项 in the period. */
function secured(db: Conn, s: MetricScope, level: Level) {
  return one(
    db,
    sql<{
      v: number;
    }>`select coalesce(sum(p.fund_national + p.fund_provincial + p.fund_city + p.fund_county), 0) as v
      from projects p where p.region_path like ${like(s)} ${levelCond(level)}
        and exists (select 1 from project_transitions t where t.project_id = p.id
          and ${transitionInto(APPROVED, s.from, s.to)})`,
  );
}

interface Family {
  id: string;
  label: string;
  unit: string;
  kind: "flow" | "stock";
  description: string;
  compute: (db: Conn, s: MetricScope, level: Level) => Promise<number>;
}

const FAMILIES: Family[] = [
  {
    id: "projects.applications",
    label: "科技项目申报数",
    unit: "项",
    kind: "flow",
    description: "期间内推荐申报（状态变为“推荐申报”）的科技计划项目数",
    compute: (db, s, l) => movedInto(db, s, APPLIED, l),
  },
  {
    id: "projects.approvals",
    label: "科技项目立项数",
    unit: "项",
    kind: "flow",
    description: "期间内获批立项的科技计划项目数",
    compute: (db, s, l) => movedInto(db, s, APPROVED, l),
  },
  {
    id: "projects.funds_secured",
    label: "争取项目资金",
    unit: "元",
    kind: "flow",
    description: "期间内立项项目的批准财政经费（国拨+省拨+市级+县级，不含自筹）合计",
    compute: secured,
  },
  {
    id: "projects.active",
    label: "在研项目数",
    unit: "项",
    kind: "stock",
    description: "期末处于立项、实施中、中期检查或申请验收状态的项目数",
    compute: activeAt,
  },
  {
    id: "projects.new",
    label: "新上项目数",
    unit: "项",
    kind: "flow",
    description: "期间内立项的项目数（新上）",
    compute: (db, s, l) => movedInto(db, s, APPROVED, l),
  },
  {
    id: "projects.carried",
    label: "结转项目数",
    unit: "项",
    kind: "flow",
    description: "期初以前立项、期初仍在研的项目数（结转）",
    compute: carried,
  },
  {
    id: "projects.portfolio",
    label: "实施项目总数",
    unit: "项",
    kind: "flow",
    description: "期间内实施的项目数：结转项目与新上项目之和",
    compute: async (db, s, l) => (await carried(db, s, l)) + (await movedInto(db, s, APPROVED, l)),
  },
];

function levelLabel(label: string, l: (typeof PROJECT_LEVELS)[number]) {
  return `${l.label}${label.replace(/^科技/, "")}`;
}

const familyMetrics = FAMILIES.flatMap((f) => [
  defineMetric({ ...f, compute: (db, s) => f.compute(db, s, undefined) }),
  ...PROJECT_LEVELS.map((l) =>
    defineMetric({
      id: `${f.id}.${l.code}`,
      label: levelLabel(f.label, l),
      unit: f.unit,
      kind: f.kind,
      description: `${l.label}项目：${f.description}`,
      compute: (db, s) => f.compute(db, s, l.value),
    }),
  ),
]);

export const projectsAccepted = defineMetric({
  id: "projects.accepted",
  label: "通过验收项目数",
  unit: "项",
  kind: "flow",
  description: "期间内通过验收（含整改后通过）的项目数",
  compute: (db, s) => movedInto(db, s, ACCEPTED, undefined),
});

export const projectsOverdue = defineMetric({
  id: "projects.overdue",
  label: "逾期未验收项目数",
  unit: "项",
  kind: "stock",
  description: "期末已过计划结束日期、仍处于在研状态（未验收、未结题、未终止）的项目数",
  compute: overdueAt,
});

export const projectMetrics: readonly MetricDef[] = [
  ...familyMetrics,
  projectsAccepted,
  projectsOverdue,
];
