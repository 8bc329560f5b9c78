import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { PAYMENT_KINDS } from "./entities.ts";

/* Payments count on their payment date, where they were booked. */

async function sum(db: Conn, s: MetricScope, kinds: readonly string[]): Promise<number> {
  const r = await sql<{ v: number | null }>`select coalesce(sum(amount), 0) as v from fund_payments
    where region_path like ${`${s.regionPath}%`} and kind in (${sql.join([...kinds])})
      and paid_on between ${s.from}::date and ${s.to}::date`.execute(db);
  return Number(r.rows[0]?.v ?? 0);
}

const OUT = PAYMENT_KINDS.filter((k) => k.value !== "追回");

export const fundsPaid = defineMetric({
  id: "funds.paid",
  label: "拨付科技资金",
  unit: "元",
  kind: "flow",
  description: "期间内拨付的各类科技资金合计（项目经费、专利资助、贷款贴息、奖励等，不扣追回）",
  compute: (db, s) =>
    sum(
      db,
      s,
      OUT.map((k) => k.value),
    ),
});

export const fundsRecovered = defineMetric({
  id: "funds.recovered",
  label: "追回项目资金",
  unit: "元",
  kind: "flow",
  description: "期间内从终止、撤销项目追回的资金合计（以正数表示）",
  compute: async (db, s) => -(await sum(db, s, ["追回"])),
});

export const fundPaidKindId = (code: string) => `funds.paid.${code}`;

const byKind = OUT.map((k) =>
  defineMetric({
    id: fundPaidKindId(k.code),
    label: `${k.value}金额`,
    unit: "元",
    kind: "flow",
    description: `期间内${k.value}的金额合计`,
    compute: (db, s) => sum(db, s, [k.value]),
  }),
);

export const fundMetrics: readonly MetricDef[] = [fundsPaid, fundsRecovered, ...byKind];
