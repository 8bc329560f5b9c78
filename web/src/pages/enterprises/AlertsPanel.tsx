import { Alert, Card, Space, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { type Alerts, getAlerts } from "./api.ts";

/** 预警提醒: certificates ending within six months and 科小 not renewed this year. */
export function AlertsPanel() {
  const [data, setData] = useState<Alerts | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getAlerts()
      .then(setData)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <Alert type="error" showIcon title={error} />;
  const link = (r: { enterpriseId: number; enterpriseName: string }) => (
    <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={`资质证书即将到期（${data?.today ?? ""} 起 6 个月内）`}>
        <Table
          size="middle"
          rowKey="qualificationId"
          loading={!data}
          dataSource={data?.expiring ?? []}
          pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 家` }}
          columns={[
            { title: "企业名称", render: (_, r) => link(r) },
            { title: "资质", dataIndex: "kindName", width: 200 },
            { title: "证书编号", dataIndex: "number", width: 180 },
            {
              title: "有效期至",
              dataIndex: "expiresOn",
              width: 140,
              render: (v: string) => <Tag color="orange">{v}</Tag>,
            },
          ]}
        />
      </Card>
      <Card title="科技型中小企业本年度未入库（上年已入库）">
        <Table
          size="middle"
          rowKey="enterpriseId"
          loading={!data}
          dataSource={data?.tsmeNotRenewed ?? []}
          pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 家` }}
          columns={[
            { title: "企业名称", render: (_, r) => link(r) },
            { title: "上年入库编号", dataIndex: "lastNumber", width: 220 },
            { title: "上年度", dataIndex: "lastYear", width: 100 },
          ]}
        />
      </Card>
    </Space>
  );
}
