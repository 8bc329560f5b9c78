import { Alert, Card, Col, Row, Statistic, Table, Tag, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { getPipeline, type PipelinePage, STAGES, type Stage } from "./api.ts";

const COLORS: Record<Stage, string> = {
  储备: "default",
  申报: "processing",
  有效: "success",
  临期: "warning",
  到期: "error",
};

/** 培育梯队: enterprises by stage, with hints (not verdicts) against the 高企 conditions. */
export function PipelineBoard() {
  const [stage, setStage] = useState<Stage | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<PipelinePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getPipeline({ stage, page, pageSize: 20 })
      .then(setData)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [stage, page]);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <>
      <Row gutter={12} style={{ marginBottom: 16 }}>
        {STAGES.map((s) => (
          <Col key={s} flex="1">
            <Card
              hoverable
              size="small"
              onClick={() => {
                setStage(stage === s ? undefined : s);
                setPage(1);
              }}
              style={stage === s ? { borderColor: "#1677ff" } : undefined}
            >
              <Statistic title={s} value={data?.counts[s] ?? 0} suffix="家" />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={stage ? `${stage}阶段企业` : "全部培育企业"}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="条件提示依据最近一个年度的企业数据估算，仅供培育参考，不代表认定结论。"
        />
        <Table
          size="middle"
          rowKey="enterpriseId"
          loading={!data}
          dataSource={data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 家`,
            onChange: setPage,
          }}
          columns={[
            {
              title: "企业名称",
              render: (_, r) => (
                <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
              ),
            },
            { title: "乡镇（街道）", dataIndex: "regionName", width: 120 },
            {
              title: "阶段",
              dataIndex: "stage",
              width: 80,
              render: (s: Stage) => <Tag color={COLORS[s]}>{s}</Tag>,
            },
            {
              title: "高企条件提示",
              render: (_, r) =>
                r.hints.map((h) => (
                  <Tooltip key={h.key} title={h.detail}>
                    <Tag color={h.met === null ? "default" : h.met ? "green" : "red"}>
                      {h.label}
                      {h.met === null ? "：缺数据" : h.met ? "：符合" : "：不足"}
                    </Tag>
                  </Tooltip>
                )),
            },
          ]}
        />
      </Card>
    </>
  );
}
