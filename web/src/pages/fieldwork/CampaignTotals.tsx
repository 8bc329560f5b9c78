import { Card, Empty, Select, Space, Table } from "antd";
import { useEffect, useState } from "react";
import { fetchCampaignTotals, type CampaignTotals as Totals } from "./api.ts";

const YEARS = [2024, 2025, 2026, 2027].map((y) => ({ value: String(y), label: `${y}年` }));

/** 主题活动成效汇总: one row per campaign, one column per output kind recorded. */
export function CampaignTotals() {
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [data, setData] = useState<Totals | null>(null);
  useEffect(() => {
    fetchCampaignTotals(period)
      .then(setData)
      .catch(() => setData(null));
  }, [period]);
  const used = (data?.kinds ?? []).filter((k) => (data?.total.outputs[k.code] ?? 0) > 0);
  return (
    <Card
      title={`主题活动成效汇总${data ? `（${data.period.label}）` : ""}`}
      extra={
        <Space>
          统计年度
          <Select value={period} options={YEARS} onChange={setPeriod} style={{ width: 110 }} />
        </Space>
      }
    >
      {data && data.rows.length > 0 ? (
        <Table
          rowKey={(r) => r.campaignCode ?? "none"}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={data.rows}
          columns={[
            { title: "主题活动", dataIndex: "campaignName", fixed: "left" },
            { title: "活动场次", dataIndex: "count" },
            {
              title: "起止日期",
              render: (_, r) => (r.first === r.last ? r.first : `${r.first} 至 ${r.last}`),
            },
            ...used.map((k) => ({
              title: `${k.label}（${k.unit}）`,
              render: (_: unknown, r: Totals["rows"][number]) => r.outputs[k.code] ?? "",
            })),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{data.total.count}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
              {used.map((k, i) => (
                <Table.Summary.Cell key={k.code} index={3 + i}>
                  {data.total.outputs[k.code] ?? ""}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      ) : (
        <Empty description="该年度没有活动记录" />
      )}
    </Card>
  );
}
