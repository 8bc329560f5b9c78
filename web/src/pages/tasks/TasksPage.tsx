import { FileWordOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, Progress, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { PageHeader } from "../../layout/PageHeader.tsx";
import {
  LIGHTS,
  TASK_SOURCES,
  TASK_STATUSES,
  type Task,
  type TaskFilters,
  tasksApi,
} from "./api.ts";
import { LightDot } from "./LightDot.tsx";
import { TaskCreateDialog } from "./TaskCreateDialog.tsx";
import { TaskDrawer } from "./TaskDrawer.tsx";
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
  const [filters, setFilters] = useState<TaskFilters>({});
  const [items, setItems] = useState<Task[]>([]);
  const [loading, setLoading] = useState(true);
  const [bureau, setBureau] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await tasksApi.list(filters)).items);
    } catch (e) {
      message.error(e instanceof Error ? e.message : "加载失败");
    } finally {
      setLoading(false);
    }
  }, [filters, message]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    tasksApi.caller().then(
      (c) => setBureau(c.bureau),
      () => setBureau(false),
    );
  }, []);

  const set = (patch: Partial<TaskFilters>) => setFilters((f) => ({ ...f, ...patch }));
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
            placeholder="任务名称"
            allowClear
            style={{ width: 200 }}
            onSearch={(q) => set({ q: q || undefined })}
          />
          <Select
            placeholder="状态"
            allowClear
            style={{ width: 120 }}
            options={TASK_STATUSES.map((s) => ({ value: s, label: s }))}
            onChange={(v?: string) => set({ status: v })}
          />
          <Select
            placeholder="牵头单位"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(v?: number) => set({ leadUnitId: v })}
          />
          <Select
            placeholder="任务来源"
            allowClear
            style={{ width: 140 }}
            options={TASK_SOURCES.map((s) => ({ value: s, label: s }))}
            onChange={(v?: string) => set({ source: v })}
          />
          <Select
            placeholder="预警"
            allowClear
            style={{ width: 110 }}
            options={LIGHTS.map((l) => ({
              value: l.value,
              label: (
                <Space size={6}>
                  <LightDot light={l.value} />
                  {l.label}
                </Space>
              ),
            }))}
            onChange={(v?: TaskFilters["light"]) => set({ light: v })}
          />
          <Select
            placeholder="范围"
            allowClear
            style={{ width: 140 }}
            options={[{ value: "1", label: "本单位承办" }]}
            onChange={(v?: "1") => set({ mine: v })}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} />
        </Space>
        <Table<Task>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={items}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 项` }}
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
