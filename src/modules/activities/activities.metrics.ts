import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";
import { STANDARD_CAMPAIGNS, STANDARD_OUTPUT_KINDS } from "./entities.ts";

/*
 * Activities are flows: an activity counts in the period its date falls in, in the region
 * subtree it was held in. Output totals add up what each activity recorded; a figure such
 * as 乡镇个数 is therefore the sum over activities, which is right only when each event
 * records the towns it alone reached (the demo does).
 */

async function countActivities(db: Conn, scope: MetricScope, campaign?: string): Promise<number> {
  let qb = db
    .selectFrom("activities")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("held_on", ">=", scope.from)
    .where("held_on", "<=", scope.to);
  if (campaign) qb = qb.where("campaign_code", "=", campaign);
  const row = await whereInScope(qb, scope, "activities.region_path").executeTakeFirstOrThrow();
  return Number(row.n);
}

async function sumOutput(
  db: Conn,
  scope: MetricScope,
  kind: string,
  campaign?: string,
): Promise<number> {
  let qb = db
    .selectFrom("activity_outputs")
    .innerJoin("activities", "activities.id", "activity_outputs.activity_id")
    .select(sql<number>`coalesce(sum(activity_outputs.value), 0)`.as("total"))
    .where("activity_outputs.kind", "=", kind)
    .where("activities.held_on", ">=", scope.from)
    .where("activities.held_on", "<=", scope.to);
  if (campaign) qb = qb.where("activities.campaign_code", "=", campaign);
  const row = await whereInScope(qb, scope, "activities.region_path").executeTakeFirstOrThrow();
  return Number(row.total);
}

export const activitiesCount = defineMetric({
  id: "activities.count",
  label: "科普宣传和培训活动场次",
  unit: "场次",
  kind: "flow",
  description: "期间内（按活动日期）在所选地区及下级地区开展的科普、宣传、培训等活动的场次",
  compute: (db, scope) => countActivities(db, scope),
});

export const outputMetricId = (kind: string) => `activities.output.${kind}`;
export const campaignCountId = (campaign: string) => `activities.campaign.${campaign}.count`;
export const campaignOutputId = (campaign: string, kind: string) =>
  `activities.campaign.${campaign}.${kind}`;

const outputMetrics = STANDARD_OUTPUT_KINDS.map((k) =>
  defineMetric({
    id: outputMetricId(k.code),
    label: `活动${k.label}`,
    unit: k.unit,
    kind: "flow",
    description: `期间内开展的各类活动登记的“${k.label}”合计（单位：${k.unit}）`,
    compute: (db, scope) => sumOutput(db, scope, k.code),
  }),
);

const campaignMetrics = STANDARD_CAMPAIGNS.flatMap((c) => [
  defineMetric({
    id: campaignCountId(c.code),
    label: `“${c.name}”活动场次`,
    unit: "场次",
    kind: "flow",
    description: `期间内属于“${c.name}”主题活动的活动场次`,
    compute: (db, scope) => countActivities(db, scope, c.code),
  }),
  ...STANDARD_OUTPUT_KINDS.map((k) =>
    defineMetric({
      id: campaignOutputId(c.code, k.code),
      label: `“${c.name}”${k.label}`,
      unit: k.unit,
      kind: "flow",
      description: `期间内“${c.name}”主题活动各场活动登记的“${k.label}”合计（单位：${k.unit}）`,
      compute: (db, scope) => sumOutput(db, scope, k.code, c.code),
    }),
  ),
]);

export const activityMetrics: readonly MetricDef[] = [
  activitiesCount,
  ...outputMetrics,
  ...campaignMetrics,
];
