import { Card, Col, List, Row, Select, Space, Statistic, Tag } from "antd";
import { useEffect, useState } from "react";
import { type Coverage, fetchCoverage } from "./api.ts";

const YEARS = [2024, 2025, 2026, 2027].map((y) => ({ value: String(y), label: `${y}年` }));

/** 科技特派员乡镇覆盖情况, with the towns still to be covered. */
export function CoveragePanel() {
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [data, setData] = useState<Coverage | null>(null);
  useEffect(() => {
    fetchCoverage(period)
      .then(setData)
      .catch(() => setData(null));
  }, [period]);
  return (
    <Card
      title="服务覆盖情况"
      extra={
        <Space>
          统计年度
          <Select value={period} options={YEARS} onChange={setPeriod} style={{ width: 110 }} />
        </Space>
      }
    >
      {data ? (
        <Row gutter={24}>
          <Col span={6}>
            <Statistic title="乡镇（街道）总数" value={data.towns} suffix="个" />
            <Statistic title="已覆盖" value={data.coveredCount} suffix="个" />
            <Statistic title="覆盖率" value={(data.rate * 100).toFixed(1)} suffix="%" />
          </Col>
          <Col span={9}>
            <List
              header="已覆盖乡镇"
              size="small"
              dataSource={data.covered}
              renderItem={(t) => (
                <List.Item>
                  {t.name}：{t.commissioners.join("、")}
                </List.Item>
              )}
            />
          </Col>
          <Col span={9}>
            <List
              header="未覆盖乡镇"
              size="small"
              dataSource={data.uncovered}
              renderItem={(t) => (
                <List.Item>
                  <Tag color="orange">{t.name}</Tag>
                </List.Item>
              )}
            />
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
