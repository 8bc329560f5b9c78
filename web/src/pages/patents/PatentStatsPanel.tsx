import { Alert, Card, Select, Space, Table, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { fetchPatentStats, type PatentStats, type PatentType } from "./api.ts";
import { PatentMonthlyChart } from "./PatentMonthlyChart.tsx";

const TYPES: PatentType[] = ["发明", "实用新型", "外观设计"];

function periodOptions() {
  const y = new Date().getFullYear();
  const m = String(new Date().getMonth() + 1).padStart(2, "0");
  return [
    { value: `${y}M01-${m}`, label: `${y}年1—${Number(m)}月` },
    { value: `${y}H1`, label: `${y}年上半年` },
    { value: `${y}Q1-3`, label: `${y}年前三季度` },
    { value: String(y), label: `${y}年` },
    { value: String(y - 1), label: `${y - 1}年` },
    { value: String(y - 2), label: `${y - 2}年` },
  ];
}

/** 专利统计: counts by type for a period (the patents.* metrics) and by month. */
export function PatentStatsPanel() {
  const options = useMemo(periodOptions, []);
  const [period, setPeriod] = useState(options[0]?.value ?? String(new Date().getFullYear()));
  const [stats, setStats] = useState<PatentStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    fetchPatentStats(period)
      .then((s) => live && setStats(s))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : "加载失败"));
    return () => {
      live = false;
    };
  }, [period]);

  const monthColumns = [
    { title: "月份", dataIndex: "month", key: "month", width: 100 },
    ...TYPES.map((t) => ({
      title: `${t}申请`,
      key: `a-${t}`,
      render: (_: unknown, r: PatentStats["byMonth"][number]) => r.applications[t],
    })),
    {
      title: "申请合计",
      key: "a",
      render: (_: unknown, r: PatentStats["byMonth"][number]) =>
        TYPES.reduce((n, t) => n + r.applications[t], 0),
    },
    ...TYPES.map((t) => ({
      title: `${t}授权`,
      key: `g-${t}`,
      render: (_: unknown, r: PatentStats["byMonth"][number]) => r.grants[t],
    })),
    {
      title: "授权合计",
      key: "g",
      render: (_: unknown, r: PatentStats["byMonth"][number]) =>
        TYPES.reduce((n, t) => n + r.grants[t], 0),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Space>
        <Typography.Text>统计期间</Typography.Text>
        <Select value={period} options={options} onChange={setPeriod} style={{ width: 180 }} />
        {stats && (
          <Typography.Text type="secondary">
            {stats.region.name}，{stats.period.from} 至 {stats.period.to}；有效量为期末当日数
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Card size="small" title="按专利类型">
        <Table
          rowKey="type"
          size="small"
          pagination={false}
          loading={!stats && !error}
          dataSource={stats?.byType ?? []}
          columns={[
            { title: "专利类型", dataIndex: "type", key: "type" },
            { title: "申请量（件）", dataIndex: "applications", key: "applications" },
            { title: "授权量（件）", dataIndex: "grants", key: "grants" },
            { title: "期末有效量（件）", dataIndex: "valid", key: "valid" },
          ]}
        />
      </Card>
      <PatentMonthlyChart year={Number(period.slice(0, 4))} />
      <Card size="small" title="按月份">
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          loading={!stats && !error}
          dataSource={stats?.byMonth ?? []}
          columns={monthColumns}
          scroll={{ x: true }}
        />
      </Card>
    </Space>
  );
}
