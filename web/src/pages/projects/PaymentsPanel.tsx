import { Card, Space, Statistic } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { getTotals, type KindTotal, paymentsApi, wan } from "./api.ts";

/** The funds ledger (all, or one project's), with totals by kind above it. */
export function PaymentsPanel({
  projectId,
  onChanged,
}: {
  projectId?: number;
  onChanged?: () => void;
}) {
  const me = useMe();
  const api = useMemo(() => paymentsApi(projectId), [projectId]);
  const [totals, setTotals] = useState<KindTotal[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick < 0) return;
    getTotals(projectId)
      .then(setTotals)
      .catch(() => setTotals([]));
  }, [projectId, tick]);
  const out = totals.filter((t) => t.kind !== "追回").reduce((s, t) => s + t.amount, 0);
  const back = Math.abs(totals.filter((t) => t.kind === "追回").reduce((s, t) => s + t.amount, 0));
  const refresh = () => {
    setTick((k) => k + 1);
    onChanged?.();
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <Space size={48} wrap>
          <Statistic title="累计拨付（万元）" value={wan(out)} />
          {totals
            .filter((t) => t.kind !== "追回")
            .map((t) => (
              <Statistic key={t.kind} title={`${t.kind}（${t.n}笔）`} value={wan(t.amount)} />
            ))}
          <Statistic title="追回（万元）" value={wan(back)} />
        </Space>
      </Card>
      <EntityTable
        entity="fundPayment"
        api={{
          ...api,
          create: async (v) => {
            const r = await api.create(v);
            refresh();
            return r;
          },
          update: async (id, values, version) => {
            const r = await api.update(id, values, version);
            refresh();
            return r;
          },
          remove: async (id, version) => {
            await api.remove(id, version);
            refresh();
          },
        }}
        canWrite={me.canWriteLedgers}
        keywordPlaceholder="收款单位、凭证号"
      />
    </Space>
  );
}
