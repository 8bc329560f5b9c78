import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { EChart } from "../../charts/EChart.tsx";
import {
  type Counties,
  type Figure,
  formatFigure,
  formatGrowth,
  type TargetItem,
  type Trends,
} from "./api.ts";
import { useWidget, type WidgetState } from "./useWidget.ts";

interface WidgetProps {
  year: number;
  regionId?: number;
}

function Frame<T>({
  title,
  state,
  children,
  extra,
}: {
  title: string;
  state: WidgetState<T>;
  children: (data: T) => ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card
      title={title}
      extra={extra}
      loading={state.loading}
      style={{ height: "100%" }}
      size="small"
    >
      {state.error ? (
        <Alert type="error" showIcon title={state.error} />
      ) : state.reply ? (
        children(state.reply.data)
      ) : null}
    </Card>
  );
}

function FigureStat({ f }: { f: Figure }) {
  const growth = formatGrowth(f.growth);
  return (
    <Link to={f.link} className="kg-dash-figure" data-metric={f.metric}>
      <Statistic title={f.label} value={formatFigure(f.value, f.unit)} />
      {growth && (
        <Typography.Text
          type={f.growth !== null && f.growth !== undefined && f.growth < 0 ? "danger" : "success"}
          style={{ fontSize: 12 }}
        >
          {growth}
        </Typography.Text>
      )}
    </Link>
  );
}

export function KpiWidget({ year, regionId }: WidgetProps) {
  const state = useWidget<{ items: Figure[] }>("kpis", year, regionId);
  return (
    <Frame title="主要指标（年初至今）" state={state}>
      {(d) => (
        <Row gutter={[16, 16]}>
          {d.items.map((f) => (
            <Col key={f.metric} xs={12} md={6}>
              <FigureStat f={f} />
            </Col>
          ))}
        </Row>
      )}
    </Frame>
  );
}

const LIGHT_COLORS: Record<TargetItem["light"], string> = {
  达标: "green",
  正常: "blue",
  滞后: "red",
};

export function TargetsWidget({ year, regionId }: WidgetProps) {
  const state = useWidget<{ items: TargetItem[]; timeProgress: number }>("targets", year, regionId);
  return (
    <Frame title="目标任务完成情况" state={state} extra={<Link to="/targets">全部目标</Link>}>
      {(d) =>
        d.items.length === 0 ? (
          <Empty description="本年度尚未设置目标任务" />
        ) : (
          <Table<TargetItem>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.items}
            columns={[
              {
                title: "指标",
                dataIndex: "indicator",
                render: (t: string, r) => <Link to={r.link}>{t}</Link>,
              },
              {
                title: "完成 / 目标",
                render: (_, r) =>
                  `${r.reported ? formatFigure(r.actual, r.unit) : "未填报"} / ${formatFigure(r.target, r.unit)}`,
              },
              {
                title: `完成率（时间进度${(d.timeProgress * 100).toFixed(1)}%）`,
                width: 220,
                render: (_, r) =>
                  r.reported ? (
                    <Progress
                      percent={Math.round(r.completion * 1000) / 10}
                      size="small"
                      status={
                        r.light === "滞后" ? "exception" : r.light === "达标" ? "success" : "active"
                      }
                    />
                  ) : (
                    "—"
                  ),
              },
              {
                title: "状态",
                width: 70,
                render: (_, r) =>
                  r.reported ? (
                    <Tooltip title={r.ruleText}>
                      <Tag color={LIGHT_COLORS[r.light]}>{r.light}</Tag>
                    </Tooltip>
                  ) : (
                    <Tag>未填报</Tag>
                  ),
              },
            ]}
          />
        )
      }
    </Frame>
  );
}

export function TasksWidget({ year, regionId }: WidgetProps) {
  const state = useWidget<{ items: Figure[] }>("tasks", year, regionId);
  return (
    <Frame title="督查督办" state={state} extra={<Link to="/tasks">全部任务</Link>}>
      {(d) => (
        <Row gutter={[8, 16]}>
          {d.items.map((f) => (
            <Col key={f.metric} span={12}>
              <FigureStat f={f} />
            </Col>
          ))}
        </Row>
      )}
    </Frame>
  );
}

export function TrendsWidget({ year, regionId }: WidgetProps) {
  const state = useWidget<Trends>("trends", year, regionId);
  const navigate = useNavigate();
  return (
    <Frame title="月度趋势（点击数据点查看当月名单）" state={state}>
      {(d) => (
        <EChart
          height={280}
          ariaLabel="月度趋势"
          onItemClick={(si, di) => {
            const link = d.series[si]?.links[di];
            if (link) navigate(link);
          }}
          option={{
            tooltip: { trigger: "axis" },
            legend: { top: 0 },
            grid: { left: 40, right: 16, top: 36, bottom: 24 },
            xAxis: { type: "category", data: d.months },
            yAxis: { type: "value" },
            series: d.series.map((s) => ({
              type: "line" as const,
              name: `${s.label}（${s.unit}）`,
              data: s.values,
              smooth: true,
            })),
          }}
        />
      )}
    </Frame>
  );
}

function BarsWidget({
  name,
  title,
  year,
  regionId,
}: WidgetProps & { name: string; title: string }) {
  const state = useWidget<{ items: Figure[] }>(name, year, regionId);
  const navigate = useNavigate();
  return (
    <Frame
      title={title}
      state={state}
      extra={<Typography.Text type="secondary">点击查看名单</Typography.Text>}
    >
      {(d) => (
        <EChart
          height={260}
          ariaLabel={title}
          onItemClick={(_, di) => {
            const f = d.items[di];
            if (f) navigate(f.link);
          }}
          option={{
            tooltip: { trigger: "axis" },
            grid: { left: 130, right: 40, top: 8, bottom: 24 },
            xAxis: { type: "value" },
            yAxis: { type: "category", inverse: true, data: d.items.map((f) => f.label) },
            series: [
              {
                type: "bar",
                data: d.items.map((f) => f.value),
                label: { show: true, position: "right" },
                itemStyle: { color: "#1456c8" },
              },
            ],
          }}
        />
      )}
    </Frame>
  );
}

export const FunnelWidget = (p: WidgetProps) => (
  <BarsWidget {...p} name="funnel" title="科技项目进度（申报→立项→实施→验收）" />
);
export const HteWidget = (p: WidgetProps) => (
  <BarsWidget {...p} name="hte" title="高新技术企业培育梯队" />
);

export function CoverageWidget({ year, regionId }: WidgetProps) {
  const state = useWidget<{ items: Figure[] }>("coverage", year, regionId);
  return (
    <Frame
      title="科技特派员乡镇覆盖"
      state={state}
      extra={<Link to="/fieldwork?tab=coverage">覆盖情况</Link>}
    >
      {(d) => {
        const [rate, ...rest] = d.items;
        return (
          <Row align="middle" gutter={16}>
            <Col span={10} style={{ textAlign: "center" }}>
              <Progress type="dashboard" percent={Math.round((rate?.value ?? 0) * 1000) / 10} />
            </Col>
            <Col span={14}>
              {rest.map((f) => (
                <div key={f.metric} style={{ marginBottom: 12 }}>
                  <FigureStat f={f} />
                </div>
              ))}
            </Col>
          </Row>
        );
      }}
    </Frame>
  );
}

export function CountiesWidget({
  year,
  regionId,
  onDrill,
}: WidgetProps & { onDrill: (id: number, name: string) => void }) {
  const state = useWidget<Counties>("counties", year, regionId);
  return (
    <Frame title="各县（区）情况（点击县区名称查看详情）" state={state}>
      {(d) =>
        d.rows.length === 0 ? (
          <Empty description="没有下级县区" />
        ) : (
          <Table
            rowKey="regionId"
            size="small"
            pagination={false}
            dataSource={d.rows}
            columns={[
              {
                title: "县（区）",
                dataIndex: "regionName",
                render: (n: string, r) => (
                  <Typography.Link onClick={() => onDrill(r.regionId, n)}>{n}</Typography.Link>
                ),
              },
              ...d.columns.map((c, i) => ({
                title: c.label,
                key: c.metric,
                align: "right" as const,
                render: (_: unknown, r: Counties["rows"][number]) => {
                  const f = r.values[i];
                  return f ? <Link to={f.link}>{formatFigure(f.value, f.unit)}</Link> : "—";
                },
              })),
            ]}
          />
        )
      }
    </Frame>
  );
}
