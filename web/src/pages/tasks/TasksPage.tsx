/**
 * 督查督办 task list, paged and filtered on the server. The filters live in the URL so other
 * pages (e.g. dashboard tiles) can link straight to a filtered list:
 *   /tasks?status=办理中,申请延期   statuses, comma-separated
 *   &light=red            预警 light(s): green/yellow/red/grey or 绿/黄/红/灰, comma-separated
 *   &source=领导批示       任务来源
 *   &leadUnitId=12        牵头单位
 *   &regionId=3           a region and everything under it
 *   &year=2026            tasks active in that year (same rule as the tasks.total metric)
 *   &q=科普               part of the title
 *   &asOf=2026-09-30      the day lights are judged on (default today)
 *   &mine=1               only tasks the caller's unit leads or cooperates on
 *   &page=2&pageSize=50&sort=-dueOn
 * The server side of these keys is src/modules/tasks/tasks.filters.ts.
 */
import { FileWordOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, Progress, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ListViewTag } from "../../entity/ListViewTag.tsx";
import { listViewFromUrl, listViewQuery } from "../../entity/listViews.ts";
import { PageHeader } from "../../layout/PageHeader.tsx";
import {
  LIGHTS,
  TASK_SOURCES,
  TASK_STATUSES,
  type Task,
  type TaskListQuery,
  type TaskPage,
  tasksApi,
} from "./api.ts";
import { LightDot } from "./LightDot.tsx";
import { TaskCreateDialog } from "./TaskCreateDialog.tsx";
import { TaskDrawer } from "./TaskDrawer.tsx";
import { queryFromUrl, splitList, urlFromQuery } from "./taskQuery.ts";
import { useUnits } from "./useUnits.ts";

const STATUS_COLORS: Record<string, string> = {
  待签收: "default",
  办理中: "processing",
  申请延期: "warning",
  申请办结: "cyan",
  已办结: "success",
  逾期办结: "orange",
  已销号: "default",
};

export default function TasksPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromUrl(params), [params]);
  // A dashboard figure's selection (?view=overdue&from=…&to=…), kept while paging/filtering.
  const view = useMemo(() => listViewFromUrl("task", params), [params]);
  const [data, setData] = useState<TaskPage>({ items: [], total: 0, page: 1, pageSize: 20 });
  const [loading, setLoading] = useState(true);
  const [bureau, setBureau] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await tasksApi.list({ ...query, ...listViewQuery(view) }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : "加载失败");
    } finally {
      setLoading(false);
    }
  }, [query, view, message]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    tasksApi.caller().then(
      (c) => setBureau(c.bureau),
      () => setBureau(false),
    );
  }, []);

  /** A filter change goes back to page 1; the URL is the single source of the query. */
  const set = (patch: Partial<TaskListQuery>) =>
    setParams({ ...urlFromQuery({ ...query, page: 1, ...patch }), ...listViewQuery(view) });
  const thisYear = new Date().getFullYear();
  const columns: ColumnsType<Task> = [
    {
      title: "预警",
      dataIndex: "light",
      width: 64,
      align: "center",
      render: (_, t) => <LightDot light={t.light} label={t.lightLabel} />,
    },
    {
      title: "任务名称",
      dataIndex: "title",
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(t.id)}>{t.title}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.source}
            {t.sourceDoc ? ` · ${t.sourceDoc}` : ""}
          </Typography.Text>
        </Space>
      ),
    },
    { title: "牵头单位", dataIndex: ["leadUnit", "name"], width: 150 },
    {
      title: "配合单位",
      width: 180,
      render: (_, t) => t.coUnits.map((u) => u.name).join("、") || "—",
    },
    {
      title: "完成时限",
      dataIndex: "dueOn",
      width: 130,
      sorter: true,
      sortOrder: query.sort === "-dueOn" ? "descend" : "ascend",
      sortDirections: ["ascend", "descend", "ascend"],
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <span>{t.dueOn}</span>
          {t.light !== "grey" && (
            <Typography.Text
              type={t.workdaysLeft < 0 ? "danger" : "secondary"}
              style={{ fontSize: 12 }}
            >
              {t.workdaysLeft < 0
                ? `已逾期${-t.workdaysLeft}个工作日`
                : `剩余${t.workdaysLeft}个工作日`}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: "进度",
      dataIndex: "percent",
      width: 120,
      render: (p: number | null) => (p === null ? "—" : <Progress percent={p} size="small" />),
    },
    {
      title: "状态",
      dataIndex: "status",
      width: 100,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{s}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        extra={
          <Space>
            <Button icon={<FileWordOutlined />} onClick={() => navigate("/tasks/circular")}>
              情况通报
            </Button>
            {bureau && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                交办任务
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={query.q ?? ""}
            placeholder="任务名称"
            allowClear
            defaultValue={query.q}
            style={{ width: 200 }}
            onSearch={(q) => set({ q: q || undefined })}
          />
          <Select
            placeholder="状态"
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ width: 200 }}
            value={splitList(query.status)}
            options={TASK_STATUSES.map((s) => ({ value: s, label: s }))}
            onChange={(v: string[]) => set({ status: v.join(",") || undefined })}
          />
          <Select
            placeholder="牵头单位"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            value={query.leadUnitId}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(v?: number) => set({ leadUnitId: v })}
          />
          <Select
            placeholder="任务来源"
            allowClear
            style={{ width: 140 }}
            value={query.source}
            options={TASK_SOURCES.map((s) => ({ value: s, label: s }))}
            onChange={(v?: string) => set({ source: v })}
          />
          <Select
            placeholder="预警"
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ width: 160 }}
            value={splitList(query.light)}
            options={LIGHTS.map((l) => ({
              value: l.value,
              label: (
                <Space size={6}>
                  <LightDot light={l.value} />
                  {l.label}
                </Space>
              ),
            }))}
            onChange={(v: string[]) => set({ light: v.join(",") || undefined })}
          />
          <Select
            placeholder="年度"
            allowClear
            style={{ width: 100 }}
            value={query.year}
            options={[0, 1, 2, 3, 4].map((i) => ({
              value: thisYear - i,
              label: `${thisYear - i}年`,
            }))}
            onChange={(v?: number) => set({ year: v })}
          />
          <Select
            placeholder="范围"
            allowClear
            style={{ width: 140 }}
            value={query.mine}
            options={[{ value: "1", label: "本单位承办" }]}
            onChange={(v?: "1") => set({ mine: v })}
          />
          {query.regionId !== undefined && (
            <Tag closable onClose={() => set({ regionId: undefined })}>
              已按地区筛选
            </Tag>
          )}
          {view && (
            <ListViewTag
              view={view}
              onClose={() => setParams(urlFromQuery({ ...query, page: 1 }))}
            />
          )}
          {query.asOf !== undefined && (
            <Tag closable onClose={() => set({ asOf: undefined })}>
              预警截至 {query.asOf}
            </Tag>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void load()} />
        </Space>
        <Table<Task>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data.items}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data.total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => `共 ${n} 项`,
          }}
          onChange={(pg, _filters, sorter) => {
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            const sort = one?.order === "descend" ? "-dueOn" : "dueOn";
            const pageSize = pg.pageSize ?? query.pageSize;
            const page = sort !== query.sort || pageSize !== query.pageSize ? 1 : (pg.current ?? 1);
            setParams({
              ...urlFromQuery({ ...query, page, pageSize, sort }),
              ...listViewQuery(view),
            });
          }}
        />
      </Card>
      <TaskCreateDialog
        open={creating}
        units={units}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void load();
          setOpenId(id);
        }}
      />
      <TaskDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => void load()} />
    </>
  );
}
