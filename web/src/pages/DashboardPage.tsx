import { Breadcrumb, Col, Row, Select, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../auth/AuthContext.tsx";
import { PageHeader } from "../layout/PageHeader.tsx";
import {
  CountiesWidget,
  CoverageWidget,
  FunnelWidget,
  HteWidget,
  KpiWidget,
  TargetsWidget,
  TasksWidget,
  TrendsWidget,
} from "./dashboard/Widgets.tsx";
import "./dashboard/dashboard.css";

function greeting(): string {
  const h = dayjs().hour();
  if (h < 11) return "上午好";
  if (h < 13) return "中午好";
  if (h < 18) return "下午好";
  return "晚上好";
}

/** 工作台: the region's figures for the year, each linking to its records; cities drill down. */
export default function DashboardPage() {
  const me = useMe();
  const thisYear = dayjs().year();
  // ?year=2025 opens another year (links, bookmarks); the select changes it in place.
  const [params] = useSearchParams();
  const asked = Number(params.get("year"));
  const [year, setYear] = useState(
    Number.isInteger(asked) && asked >= 2000 && asked <= thisYear ? asked : thisYear,
  );
  // The region drilled into (a county below the city in view); undefined = the active region.
  const [drill, setDrill] = useState<{ id: number; name: string } | null>(null);
  const regionId = drill?.id;
  const isCity = me.activeRegion.level < 3 && !drill;

  return (
    <>
      <PageHeader
        title="工作台"
        extra={
          <Space>
            <Typography.Text type="secondary">年度</Typography.Text>
            <Select
              aria-label="年度"
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={[0, 1, 2, 3].map((d) => ({
                value: thisYear - d,
                label: `${thisYear - d}年`,
              }))}
            />
          </Space>
        }
      />
      <div className="kg-dash-hello">
        <Typography.Text strong>
          {greeting()}，{me.displayName}
        </Typography.Text>
        <Breadcrumb
          items={[
            {
              title: drill ? (
                <Typography.Link onClick={() => setDrill(null)}>
                  {me.activeRegion.name}
                </Typography.Link>
              ) : (
                me.activeRegion.name
              ),
            },
            ...(drill ? [{ title: drill.name }] : []),
          ]}
        />
        <Typography.Text type="secondary">今天是 {dayjs().format("YYYY年M月D日")}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <KpiWidget year={year} regionId={regionId} />
        </Col>
        {isCity && (
          <Col span={24}>
            <CountiesWidget year={year} onDrill={(id, name) => setDrill({ id, name })} />
          </Col>
        )}
        <Col xs={24} xl={16}>
          <TargetsWidget year={year} regionId={regionId} />
        </Col>
        <Col xs={24} xl={8}>
          <TasksWidget year={year} regionId={regionId} />
        </Col>
        <Col xs={24} xl={12}>
          <TrendsWidget year={year} regionId={regionId} />
        </Col>
        <Col xs={24} xl={12}>
          <FunnelWidget year={year} regionId={regionId} />
        </Col>
        <Col xs={24} xl={12}>
          <HteWidget year={year} regionId={regionId} />
        </Col>
        <Col xs={24} xl={12}>
          <CoverageWidget year={year} regionId={regionId} />
        </Col>
      </Row>
    </>
  );
}
