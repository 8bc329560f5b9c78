import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";

/** Metric id suffix of each recognition level the bureaus report separately. */
export const LEVEL_CODES = [
  { level: "国家", code: "national", label: "国家级" },
  { level: "省", code: "provincial", label: "省级" },
  { level: "市", code: "city", label: "市级" },
] as const;

async function recognised(db: Conn, scope: MetricScope, level?: string) {
  let qb = db
    .selectFrom("platforms")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("recognised_on", ">=", scope.from)
    .where("recognised_on", "<=", scope.to);
  if (level) qb = qb.where("level", "=", level);
  const row = await whereInScope(qb, scope, "platforms.region_path").executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const platformsRecognised = defineMetric({
  id: "platforms.recognised",
  label: "新认定科技创新平台数",
  unit: "个",
  kind: "flow",
  description: "期间内（按认定日期）新认定的各级科技创新平台数量，含此后撤销、摘牌的",
  compute: (db, scope) => recognised(db, scope),
});

export const platformsRecognisedByLevel = LEVEL_CODES.map((l) =>
  defineMetric({
    id: `platforms.recognised.${l.code}`,
    label: `新认定${l.label}科技创新平台数`,
    unit: "个",
    kind: "flow",
    description: `期间内（按认定日期）新认定的${l.label}科技创新平台数量`,
    compute: (db, scope) => recognised(db, scope, l.level),
  }),
);

export const platformsStock = defineMetric({
  id: "platforms.stock",
  label: "运行中科技创新平台数",
  unit: "个",
  kind: "stock",
  description:
    "期末已认定且未撤销、未摘牌的科技创新平台数量（含整改中）；撤销、摘牌日期晚于期末的仍计入",
  compute: async (db, scope) => {
    const qb = db
      .selectFrom("platforms")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("recognised_on", "<=", scope.to)
      .where(
        sql<boolean>`not (status in ('撤销', '摘牌') and (revoked_on is null or revoked_on <= ${scope.to}::date))`,
      );
    const row = await whereInScope(qb, scope, "platforms.region_path").executeTakeFirst();
    return Number(row?.n ?? 0);
  },
});

async function signed(db: Conn, scope: MetricScope) {
  const qb = db
    .selectFrom("coop_agreements")
    .select([
      sql<number>`count(*)::int`.as("n"),
      sql<number>`coalesce(sum(amount), 0)`.as("amount"),
    ])
    .where("signed_on", ">=", scope.from)
    .where("signed_on", "<=", scope.to);
  const row = await whereInScope(
    qb,
    scope,
    "coop_agreements.region_path",
  ).executeTakeFirstOrThrow();
  return { n: Number(row.n), amount: Number(row.amount) };
}

export const cooperationSigned = defineMetric({
  id: "cooperation.signed",
  label: "签订合作协议数",
  unit: "项",
  kind: "flow",
  description: "期间内（按签订日期）签订的县校、院地、产学研、校企合作协议数量（含此后终止的）",
  compute: async (db, scope) => (await signed(db, scope)).n,
});

export const cooperationAmount = defineMetric({
  id: "cooperation.amount",
  label: "合作协议金额",
  unit: "元",
  kind: "flow",
  description: "期间内签订的合作协议所载金额合计（未载金额的协议按 0 计）",
  compute: async (db, scope) => (await signed(db, scope)).amount,
});

export const platformMetrics: readonly MetricDef[] = [
  platformsRecognised,
  ...platformsRecognisedByLevel,
  platformsStock,
  cooperationSigned,
  cooperationAmount,
];
