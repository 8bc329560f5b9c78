import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Progress as Bar,
  Button,
  DatePicker,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../../auth/AuthContext.tsx";
import { ImportButton } from "../../entity/ImportButton.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { RegionSelect } from "../../regions/RegionSelect.tsx";
import {
  formatPct,
  formatValue,
  type Indicator,
  type Light,
  type Progress,
  type ProgressRow,
  targetsApi,
} from "./api.ts";
import { TargetDialog } from "./TargetDialog.tsx";
import { ValuesDrawer } from "./ValuesDrawer.tsx";

const LIGHT_COLOR: Record<Light, string> = { 达标: "green", 正常: "blue", 滞后: "red" };
const BAR_COLOR: Record<Light, string> = { 达标: "#52c41a", 正常: "#1677ff", 滞后: "#ff4d4f" };

/** 目标任务: targets of a year with live actuals, forecasts and lights; the rule in a tooltip. */
export default function TargetsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  // A dashboard target row links here with its year and region (?year=2026&regionId=3).
  const [params] = useSearchParams();
  const [year, setYear] = useState(() => Number(params.get("year")) || thisYear);
  const [asOf, setAsOf] = useState<string | undefined>();
  const [regionId, setRegionId] = useState<number | null>(
    () => Number(params.get("regionId")) || null,
  );
  const [data, setData] = useState<Progress | null>(null);
  const [loading, setLoading] = useState(false);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [dialog, setDialog] = useState<{ editing: ProgressRow | null } | null>(null);
  const [drawer, setDrawer] = useState(false);
  const canWrite = me.role !== "viewer";
  const multiRegion = me.activeRegion.level < 3;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await targetsApi.progress({ year, asOf, regionId: regionId ?? undefined }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : "加载失败");
    } finally {
      setLoading(false);
    }
  }, [year, asOf, regionId, message]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void targetsApi.indicators().then((r) => setIndicators(r.items));
  }, []);

  const counts: Record<Light, number> = { 达标: 0, 正常: 0, 滞后: 0 };
  for (const r of data?.rows ?? []) if (r.reported) counts[r.light] += 1;

  return (
    <>
      <PageHeader
        extra={
          <Space wrap>
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ editing: null })}
              >
                新增目标
              </Button>
            )}
            <Button onClick={() => setDrawer(true)}>录入统计数</Button>
            {canWrite && (
              <ImportButton
                entityLabel="目标任务"
                importFile={targetsApi.importFile}
                onImported={() => void load()}
              />
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void targetsApi.exportXlsx(year)}>
              导出
            </Button>
            <Button type="link" onClick={() => void targetsApi.template()}>
              下载导入模板
            </Button>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <span>年度</span>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: y,
            label: `${y}年`,
          }))}
        />
        <span>统计截至</span>
        <DatePicker
          value={asOf ? dayjs(asOf) : null}
          placeholder="今天"
          onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : undefined)}
        />
        {multiRegion && (
          <RegionSelect
            maxLevel={3}
            value={regionId}
            onChange={setRegionId}
            placeholder="全部县区"
            style={{ width: 160 }}
          />
        )}
        {data && (
          <Typography.Text type="secondary">
            截至{data.asOf}，时间进度 {formatPct(data.timeProgress)}；达标 {counts.达标} 项，正常{" "}
            {counts.正常} 项，滞后 {counts.滞后} 项
          </Typography.Text>
        )}
      </Space>
      <Table<ProgressRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={false}
        size="middle"
        locale={{ emptyText: "本年度尚未设定目标任务" }}
        columns={[
          ...(multiRegion ? [{ title: "地区", dataIndex: "regionName", width: 90 }] : []),
          {
            title: "指标",
            render: (_, r) => (
              <span>
                {r.indicatorName}
                {r.kind === "manual" && (
                  <Tag style={{ marginLeft: 6 }} bordered={false}>
                    手工录入
                  </Tag>
                )}
              </span>
            ),
          },
          { title: "下达方式", dataIndex: "setBy", width: 90 },
          { title: "全年目标", align: "right", render: (_, r) => formatValue(r.target, r.unit) },
          {
            title: "完成",
            align: "right",
            render: (_, r) =>
              r.reported ? (
                formatValue(r.actual, r.unit)
              ) : (
                <Tooltip title="本年度尚未录入统计数">
                  <Typography.Text type="warning">未填报</Typography.Text>
                </Tooltip>
              ),
          },
          {
            title: "完成率 / 时间进度",
            width: 220,
            render: (_, r) => (
              <Tooltip title={`时间进度 ${formatPct(r.timeProgress)}`}>
                <Bar
                  percent={Math.min(100, r.completion * 100)}
                  success={{ percent: 0 }}
                  strokeColor={BAR_COLOR[r.light]}
                  format={() => formatPct(r.completion)}
                  size="small"
                />
                <Bar
                  percent={r.timeProgress * 100}
                  showInfo={false}
                  strokeColor="#bfbfbf"
                  size={["100%", 3]}
                />
              </Tooltip>
            ),
          },
          {
            title: "预计全年",
            align: "right",
            render: (_, r) =>
              r.forecastMethod === "final" || !r.reported
                ? "—"
                : `${formatValue(r.forecast, r.unit)}（${formatPct(r.forecastCompletion)}）`,
          },
          {
            title: "状态",
            width: 80,
            render: (_, r) =>
              r.reported ? (
                <Tooltip title={r.ruleText}>
                  <Tag color={LIGHT_COLOR[r.light]} style={{ cursor: "help" }}>
                    ● {r.light}
                  </Tag>
                </Tooltip>
              ) : (
                <Tooltip title="尚未录入统计数，暂不评价进度">
                  <Tag style={{ cursor: "help" }}>● 未填报</Tag>
                </Tooltip>
              ),
          },
          {
            title: "操作",
            width: 120,
            render: (_, r) =>
              r.canEdit ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setDialog({ editing: r })}>
                    编辑
                  </Button>
                  <Popconfirm
                    title="删除该目标？"
                    onConfirm={async () => {
                      try {
                        await targetsApi.remove(r.id, r.version);
                        void load();
                      } catch (err) {
                        message.error(err instanceof Error ? err.message : "删除失败");
                      }
                    }}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Typography.Text type="secondary">上级下达</Typography.Text>
              ),
          },
        ]}
      />
      <TargetDialog
        open={dialog !== null}
        year={year}
        indicators={indicators}
        editing={dialog?.editing ?? null}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          void load();
        }}
      />
      <ValuesDrawer
        open={drawer}
        year={year}
        indicators={indicators}
        onClose={() => setDrawer(false)}
        onChanged={() => void load()}
      />
    </>
  );
}
