import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { type Indicator, indicatorsApi, type MetricOption } from "../targets/api.ts";

const KIND_LABEL: Record<Indicator["kind"], string> = { metric: "统计指标", manual: "手工填报" };
const AGGREGATION_LABEL: Record<Indicator["aggregation"], string> = {
  sum: "下级合计",
  none: "不汇总",
};

interface Values {
  code: string;
  name: string;
  unit: string;
  kind: Indicator["kind"];
  metricId?: string | null;
  aggregation: Indicator["aggregation"];
  description?: string | null;
  sort?: number;
  active?: boolean;
}

/**
 * 系统管理 → 目标任务指标: the catalogue targets are set against. A 统计指标 takes its
 * actual from a ledger metric; a 手工填报 one from figures entered by hand, either added up
 * from the counties (下级合计) or the region's own figure only (不汇总, for ratios). Built-in
 * indicators keep their definition; an indicator in use is deactivated, not deleted.
 */
export default function IndicatorsPage() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Indicator[]>([]);
  const [metrics, setMetrics] = useState<MetricOption[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Indicator | "new" | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const metricId = Form.useWatch("metricId", form);

  const load = useCallback(() => {
    setLoading(true);
    indicatorsApi
      .list()
      .then((r) => {
        setRows(r.items);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    void indicatorsApi.metrics().then((r) => setMetrics(r.items));
  }, []);
  const metricOf = (id: string | null) => metrics.find((m) => m.id === id);
  const builtin = editing !== null && editing !== "new" && editing.builtin;

  const open = (i: Indicator | "new") => {
    form.resetFields();
    form.setFieldsValue(
      i === "new"
        ? { kind: "manual", aggregation: "sum", sort: (rows.at(-1)?.sort ?? 0) + 10, active: true }
        : i,
    );
    setEditing(i);
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      metricId: v.kind === "metric" ? v.metricId : null,
      sort: v.sort ?? 0,
      active: v.active ?? true,
    };
    setBusy(true);
    try {
      if (editing === "new" || editing === null) await indicatorsApi.create(body);
      else await indicatorsApi.update(editing.id, { ...body, version: editing.version });
      message.success("已保存");
      setEditing(null);
      load();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        form.setFields(
          err.fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })),
        );
      }
      message.error(err instanceof Error ? err.message : "保存失败");
    } finally {
      setBusy(false);
    }
  };
  const remove = async (i: Indicator) => {
    try {
      await indicatorsApi.remove(i.id, i.version);
      message.success("已删除");
      load();
    } catch (err) {
      message.error(err instanceof Error ? err.message : "删除失败");
    }
  };

  return (
    <>
      <PageHeader />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card
        title="目标任务指标"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open("new")}>
            新增指标
          </Button>
        }
      >
        <Table<Indicator>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: "排序", dataIndex: "sort", width: 60 },
            { title: "代码", dataIndex: "code", width: 150 },
            {
              title: "名称",
              render: (_, i) => (
                <Space size={4}>
                  {i.name}
                  {i.builtin && <Tag bordered={false}>内置</Tag>}
                </Space>
              ),
            },
            { title: "单位", dataIndex: "unit", width: 70 },
            {
              title: "取数方式",
              width: 100,
              render: (_, i) => (
                <Tag color={i.kind === "metric" ? "blue" : "gold"}>{KIND_LABEL[i.kind]}</Tag>
              ),
            },
            {
              title: "统计指标 / 汇总方式",
              render: (_, i) => {
                if (i.kind === "manual") return AGGREGATION_LABEL[i.aggregation];
                const m = metricOf(i.metricId);
                return m ? `${m.label}（${m.unit}）` : i.metricId;
              },
            },
            { title: "说明", dataIndex: "description", ellipsis: true },
            {
              title: "使用",
              width: 130,
              render: (_, i) => `目标 ${i.targetCount ?? 0} · 填报 ${i.valueCount ?? 0}`,
            },
            {
              title: "状态",
              dataIndex: "active",
              width: 70,
              render: (v: boolean) => (v ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: "操作",
              width: 120,
              render: (_, i) => {
                const used = (i.targetCount ?? 0) + (i.valueCount ?? 0) > 0;
                const why = i.builtin ? "内置指标不能删除，可停用" : "已被使用，只能停用";
                return (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => open(i)}>
                      编辑
                    </Button>
                    {i.builtin || used ? (
                      <Tooltip title={why}>
                        <Button type="link" size="small" disabled>
                          删除
                        </Button>
                      </Tooltip>
                    ) : (
                      <Popconfirm title="删除该指标？" onConfirm={() => remove(i)}>
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增指标" : "编辑指标"}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        forceRender
      >
        <Form form={form} name="targetIndicator" layout="vertical">
          {builtin && (
            <Alert
              type="info"
              showIcon
              title="内置指标只能修改名称、说明、排序和启用状态"
              style={{ marginBottom: 12 }}
            />
          )}
          <Form.Item
            name="code"
            label="指标代码"
            rules={[{ required: true, message: "请输入指标代码" }]}
            help={
              editing === "new" ? "小写字母开头，字母、数字或下划线，保存后不能修改" : undefined
            }
          >
            <Input disabled={editing !== "new"} maxLength={40} />
          </Form.Item>
          <Form.Item
            name="name"
            label="指标名称"
            rules={[{ required: true, message: "请输入指标名称" }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label="取数方式" rules={[{ required: true }]}>
            <Radio.Group
              disabled={builtin}
              options={[
                { value: "metric", label: "统计指标（由台账自动统计）" },
                { value: "manual", label: "手工填报" },
              ]}
            />
          </Form.Item>
          {kind === "metric" ? (
            <Form.Item
              name="metricId"
              label="统计指标"
              rules={[{ required: true, message: "请选择统计指标" }]}
              help={metricOf(metricId ?? null)?.description}
            >
              <Select
                showSearch
                disabled={builtin}
                optionFilterProp="label"
                placeholder="选择系统统计指标"
                options={metrics.map((m) => ({ value: m.id, label: `${m.label}（${m.unit}）` }))}
                onChange={(id: string) => {
                  const unit = metricOf(id)?.unit;
                  if (unit && !form.getFieldValue("unit")) form.setFieldValue("unit", unit);
                }}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="aggregation"
              label="汇总方式"
              help="比率类指标（如研发投入强度）必须选“不汇总”：上级只看本级填报数"
            >
              <Radio.Group
                disabled={builtin}
                options={[
                  { value: "sum", label: "下级合计（本级未填报时取下级之和）" },
                  { value: "none", label: "不汇总（仅本级填报）" },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="unit"
            label="计量单位"
            rules={[{ required: true, message: "请输入计量单位" }]}
          >
            <Input disabled={builtin} maxLength={10} placeholder="件、家、万元、亿元、%" />
          </Form.Item>
          <Form.Item name="description" label="指标说明">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="sort" label="排序">
              <InputNumber min={0} max={100000} precision={0} />
            </Form.Item>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
