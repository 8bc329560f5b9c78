import { FileAddOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Modal, Popconfirm, Select, Space, Table } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../../api/client.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { RegionSelect } from "../../regions/RegionSelect.tsx";
import { type DraftSummary, draftsApi } from "./api.ts";

/** Period choices as bureaus name them; "range" asks for dates. */
function periodOptions(now = new Date()) {
  const y = now.getFullYear();
  return [
    { value: `${y}H1`, label: `${y}年上半年` },
    { value: `${y}Q1-3`, label: `${y}年前三季度` },
    { value: `${y}`, label: `${y}年全年` },
    { value: `${y - 1}`, label: `${y - 1}年全年` },
    { value: `${y - 1}H1`, label: `${y - 1}年上半年` },
    { value: "range", label: "自定义期间…" },
  ];
}

interface CreateValues {
  regionId: number;
  period: string;
  range?: [Dayjs, Dayjs];
}

/** 工作总结: the drafts of the region in view, and generating a new one. */
export default function ReportsPage() {
  const me = useMe();
  const canWrite = me.role !== "viewer";
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [items, setItems] = useState<DraftSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const period = Form.useWatch("period", form);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await draftsApi.list()).items);
    } catch (err) {
      message.error(err instanceof Error ? err.message : "加载失败");
    } finally {
      setLoading(false);
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (v: CreateValues) => {
    setCreating(true);
    const body =
      v.period === "range" && v.range
        ? {
            regionId: v.regionId,
            from: v.range[0].format("YYYY-MM-DD"),
            to: v.range[1].format("YYYY-MM-DD"),
          }
        : { regionId: v.regionId, period: v.period };
    try {
      const { id } = await draftsApi.create(body);
      navigate(`/reports/${id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const list = (await draftsApi.list()).items;
        const same = list.find(
          (d) => d.regionId === v.regionId && (d.period.code === v.period || v.period === "range"),
        );
        message.info("该地区该期间已有工作总结，已为您打开");
        if (same) navigate(`/reports/${same.id}`);
      } else {
        message.error(err instanceof Error ? err.message : "生成失败");
      }
    } finally {
      setCreating(false);
    }
  };

  return (
    <>
      <PageHeader
        extra={
          canWrite && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setOpen(true)}>
              生成工作总结
            </Button>
          )
        }
      />
      <Table<DraftSummary>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: "还没有工作总结，点击右上角“生成工作总结”由台账数据起草" }}
        columns={[
          {
            title: "标题",
            dataIndex: "title",
            render: (t: string, d) => <Link to={`/reports/${d.id}`}>{t}</Link>,
          },
          { title: "地区", dataIndex: "regionName", width: 110 },
          {
            title: "期间",
            width: 200,
            render: (_, d) => `${d.period.from} 至 ${d.period.to}`,
          },
          { title: "版本", dataIndex: "versionNo", width: 70, render: (n: number) => `第${n}版` },
          {
            title: "最后修改",
            width: 200,
            render: (_, d) =>
              `${d.updatedBy ?? "—"} ${new Date(d.updatedAt).toLocaleString("zh-CN")}`,
          },
          {
            title: "操作",
            width: 120,
            render: (_, d) => (
              <Space>
                <Link to={`/reports/${d.id}`}>打开</Link>
                {canWrite && (
                  <Popconfirm
                    title="删除这份工作总结及其全部版本？"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={async () => {
                      try {
                        await draftsApi.remove(d.id, d.version);
                        await load();
                      } catch (err) {
                        message.error(err instanceof Error ? err.message : "删除失败");
                      }
                    }}
                  >
                    <Button type="link" danger size="small">
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title="生成工作总结"
        open={open}
        okText="生成"
        cancelText="取消"
        confirmLoading={creating}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<CreateValues>
          form={form}
          layout="vertical"
          initialValues={{ regionId: me.activeRegion.id, period: periodOptions()[0]?.value }}
          onFinish={create}
        >
          <Form.Item
            name="regionId"
            label="地区"
            rules={[{ required: true, message: "请选择地区" }]}
          >
            <RegionSelect maxLevel={3} allowClear={false} />
          </Form.Item>
          <Form.Item name="period" label="期间" rules={[{ required: true, message: "请选择期间" }]}>
            <Select options={periodOptions()} />
          </Form.Item>
          {period === "range" && (
            <Form.Item
              name="range"
              label="起止日期"
              rules={[{ required: true, message: "请选择起止日期" }]}
            >
              <DatePicker.RangePicker style={{ width: "100%" }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
