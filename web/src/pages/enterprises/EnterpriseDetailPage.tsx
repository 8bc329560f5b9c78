import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
} from "antd";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { useMe } from "../../auth/AuthContext.tsx";
import { useEntityMeta } from "../../entity/useEntityMeta.ts";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { ApplicationsCard } from "./ApplicationsCard.tsx";
import { type EnterpriseDetail, getEnterprise, wan, type YearlyRecord } from "./api.ts";
import { EnterprisePatentsCard } from "./EnterprisePatentsCard.tsx";
import { AddQualification, AddYearly } from "./RecordForms.tsx";

/** One enterprise: basic information, qualification timeline, applications, yearly figures. */
export default function EnterpriseDetailPage() {
  const { id } = useParams();
  const [e, setE] = useState<EnterpriseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { meta } = useEntityMeta("enterprise");
  const me = useMe();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    // `version` only re-runs the fetch after a save.
    if (version < 0) return;
    getEnterprise(Number(id))
      .then(setE)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [id, version]);
  const reload = () => setVersion((v) => v + 1);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!e) return <Skeleton active />;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title={e.name} />
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card title="基本信息">
          <Descriptions column={3} size="small">
            <Descriptions.Item label="统一社会信用代码">{e.creditCode}</Descriptions.Item>
            <Descriptions.Item label="所在乡镇（街道）">{e.regionName}</Descriptions.Item>
            <Descriptions.Item label="所属行业">
              {meta?.fields
                .find((f) => f.key === "industry")
                ?.options?.find((o) => o.value === e.industry)?.label ??
                e.industry ??
                "—"}
            </Descriptions.Item>
            <Descriptions.Item label="法定代表人">{e.legalRep ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="联系人">{e.contact ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{e.phone ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="成立日期">{e.foundedOn ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="地址" span={2}>
              {e.address ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label="有效资质" span={3}>
              {e.qualifications ?? "—"}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Card
              title="资质时间线"
              extra={
                me.canWriteLedgers && <AddQualification enterpriseId={e.id} onSaved={reload} />
              }
            >
              {e.qualificationRecords.length === 0 ? (
                <Empty description="暂无资质记录" />
              ) : (
                <Timeline
                  items={e.qualificationRecords.map((q) => {
                    const valid =
                      (q.issuedOn ?? `${q.year}-01-01`) <= today && q.expiresOn >= today;
                    return {
                      color: valid ? "green" : "gray",
                      content: (
                        <>
                          <b>{q.year}年</b> {q.kindName}{" "}
                          {valid ? <Tag color="success">有效</Tag> : <Tag>已过期</Tag>}
                          <div style={{ color: "#666" }}>
                            {q.number ? `编号 ${q.number}，` : ""}
                            {q.issuedOn ? `${q.issuedOn} 发证，` : ""}有效期至 {q.expiresOn}
                          </div>
                        </>
                      ),
                    };
                  })}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <ApplicationsCard
              enterpriseId={e.id}
              applications={e.applications}
              canWrite={me.canWriteLedgers}
              onSaved={reload}
            />
          </Col>
        </Row>
        <EnterprisePatentsCard enterpriseId={e.id} />
        <Card
          title="年度数据（万元）"
          extra={me.canWriteLedgers && <AddYearly enterpriseId={e.id} onSaved={reload} />}
        >
          <Table<YearlyRecord>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={e.yearly}
            locale={{ emptyText: "暂无年度数据" }}
            columns={[
              { title: "年度", dataIndex: "year", width: 80 },
              { title: "营业收入", align: "right", render: (_, r) => wan(r.revenue) },
              { title: "研发费用", align: "right", render: (_, r) => wan(r.rdExpense) },
              {
                title: "研发占比",
                align: "right",
                render: (_, r) =>
                  r.revenue && r.rdExpense !== null
                    ? `${((r.rdExpense / r.revenue) * 100).toFixed(1)}%`
                    : "—",
              },
              { title: "高新技术产品收入", align: "right", render: (_, r) => wan(r.hitechIncome) },
              { title: "加计扣除额", align: "right", render: (_, r) => wan(r.superDeduction) },
              { title: "职工", dataIndex: "employees", align: "right" },
              { title: "科技人员", dataIndex: "stStaff", align: "right" },
              {
                title: "规模",
                dataIndex: "aboveScale",
                render: (v: boolean) => (v ? <Tag color="blue">规上</Tag> : <Tag>规下</Tag>),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
