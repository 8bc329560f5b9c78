import { Alert, DatePicker, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { request } from "../../api/client.ts";

interface MissingReport {
  pointId: number;
  pointName: string;
  regionName: string;
  observer: string;
  phone: string | null;
  month: string;
}

/** 缺报 alerts: every active observation point × month with no monthly report filed. */
export function MissingReportsPanel() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf("year"), dayjs()]);
  const [items, setItems] = useState<MissingReport[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setLoading(true);
    request<{ items: MissingReport[] }>("/api/quake/missing", {
      query: { from: range[0].format("YYYY-MM"), to: range[1].format("YYYY-MM") },
    })
      .then((r) => {
        setItems(r.items);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : "加载失败"))
      .finally(() => setLoading(false));
  }, [range]);

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space>
        <span>统计月份</span>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={range}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0], v[1]]);
          }}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {!error && (
        <Alert
          type={items.length > 0 ? "warning" : "success"}
          showIcon
          message={
            items.length > 0
              ? `共 ${items.length} 份月报缺报（在用观测点自设立当月起每月须报送，零报告也须报送；当月未结束不计）`
              : "所选月份内各在用观测点均已按月报送"
          }
        />
      )}
      <Table<MissingReport>
        size="small"
        loading={loading}
        rowKey={(r) => `${r.pointId}-${r.month}`}
        dataSource={items}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          {
            title: "月份",
            dataIndex: "month",
            width: 100,
            render: (m: string) => <Tag color="red">{m}</Tag>,
          },
          { title: "观测点", dataIndex: "pointName" },
          { title: "所在地区", dataIndex: "regionName" },
          { title: "观测员", dataIndex: "observer" },
          { title: "联系电话", dataIndex: "phone" },
        ]}
      />
    </Space>
  );
}
