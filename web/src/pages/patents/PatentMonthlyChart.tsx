import { Alert, Card, Typography } from "antd";
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import { useEffect, useMemo, useState } from "react";
import { request } from "../../api/client.ts";
import { EChart, type EChartOption } from "../../charts/EChart.tsx";
import type { PatentType } from "./api.ts";

const TYPES: PatentType[] = ["发明", "实用新型", "外观设计"];
const COLORS: Record<PatentType, string> = {
  发明: "#1d4ed8",
  实用新型: "#0d9488",
  外观设计: "#d97706",
};

interface MonthlySeries {
  year: number;
  region: { id: number; name: string };
  months: string[];
  applications: Record<PatentType, number[]>;
  grants: Record<PatentType, number[]>;
}

/** Months not yet over are drawn empty rather than as a fall to zero. */
function upToNow(s: MonthlySeries, values: number[]): (number | null)[] {
  const now = new Date();
  const open =
    s.year === now.getFullYear() ? now.getMonth() + 1 : s.year > now.getFullYear() ? 0 : 12;
  return values.map((v, i) => (i < open ? v : null));
}

function chartOption(s: MonthlySeries): EChartOption {
  const months = s.months.map((m) => `${Number(m.slice(5))}月`);
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 56, bottom: 28 },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", name: "件", minInterval: 1 },
    series: [
      ...TYPES.map(
        (t): BarSeriesOption => ({
          type: "bar",
          name: `${t}申请`,
          stack: "applications",
          data: upToNow(s, s.applications[t]),
          itemStyle: { color: COLORS[t] },
        }),
      ),
      ...TYPES.map(
        (t): LineSeriesOption => ({
          type: "line",
          name: `${t}授权`,
          data: upToNow(s, s.grants[t]),
          symbolSize: 6,
          itemStyle: { color: COLORS[t] },
          lineStyle: { type: "dashed", color: COLORS[t] },
        }),
      ),
    ],
  };
}

/**
 * 按月、按类型的专利申请（柱）与授权（线）for `year` (the year of the period the statistics
 * page shows): each point is a patents.* metric of that month.
 */
export function PatentMonthlyChart({ year }: { year: number }) {
  const [data, setData] = useState<MonthlySeries | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    request<MonthlySeries>("/api/patents/stats/monthly", { query: { year } })
      .then((s) => live && setData(s))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : "加载失败"));
    return () => {
      live = false;
    };
  }, [year]);

  const option = useMemo(() => (data ? chartOption(data) : null), [data]);

  return (
    <Card
      size="small"
      title={`${year}年按月份、专利类型（柱：申请量；虚线：授权量）`}
      extra={<Typography.Text type="secondary">{data?.region.name}</Typography.Text>}
    >
      {error && <Alert type="error" showIcon message={error} />}
      {option && <EChart option={option} height={340} ariaLabel={`${year}年各月专利申请与授权`} />}
    </Card>
  );
}
