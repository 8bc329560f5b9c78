import { PlusOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Drawer, Form, Popconfirm, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { ApiError, request } from "../../api/client.ts";
import { RegionSelect } from "../../regions/RegionSelect.tsx";
import type { Assignment, CommissionerRecord } from "./api.ts";

interface Props {
  record: CommissionerRecord | null;
  canWrite: boolean;
  onClose: () => void;
  /** Reloads the list; the drawer then shows the record as the server returns it. */
  onChanged: () => Promise<CommissionerRecord | null>;
}

const fmt = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const today = () => dayjs().format("YYYY-MM-DD");

function status(a: Assignment) {
  const t = today();
  if (a.startsOn > t) return <Tag color="blue">未开始</Tag>;
  if (a.endsOn && a.endsOn < t) return <Tag>已结束</Tag>;
  return <Tag color="success">服务中</Tag>;
}

/** 服务安排: a commissioner's towns/villages over time; add, end or remove one at a time. */
export function AssignmentsDrawer({ record, canWrite, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<CommissionerRecord | null>(null);
  const current = shown && record && shown.id === record.id ? shown : record;

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
      setShown(await onChanged());
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0)
        form.setFields(err.fields.map((f) => ({ name: f.field, errors: [f.message] })));
      message.error(err instanceof Error ? err.message : "保存失败");
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = () =>
    form.validateFields().then(async (v: { regionId: number; startsOn: Dayjs; endsOn?: Dayjs }) => {
      const ok = await run(
        () =>
          request(`/api/commissioners/${current?.id}/assignments`, {
            method: "POST",
            body: { regionId: v.regionId, startsOn: fmt(v.startsOn), endsOn: fmt(v.endsOn) },
          }),
        "已添加服务安排",
      );
      if (ok) form.resetFields();
    });
  const end = (a: Assignment) =>
    run(
      () =>
        request(`/api/commissioner-assignments/${a.id}`, {
          method: "PUT",
          body: { regionId: a.regionId, startsOn: a.startsOn, endsOn: today() },
        }),
      "已结束该服务安排",
    );
  const remove = (a: Assignment) =>
    run(
      () => request(`/api/commissioner-assignments/${a.id}`, { method: "DELETE" }),
      "已删除服务安排",
    );

  return (
    <Drawer
      open={record !== null}
      title={current ? `服务安排 — ${current.name}` : "服务安排"}
      size={720}
      onClose={onClose}
      destroyOnHidden
    >
      <Table<Assignment>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={current?.assignments ?? []}
        locale={{ emptyText: "尚未安排服务乡镇（村）" }}
        columns={[
          { title: "服务乡镇（村）", dataIndex: "regionName" },
          { title: "开始日期", dataIndex: "startsOn", width: 110 },
          {
            title: "结束日期",
            dataIndex: "endsOn",
            width: 110,
            render: (v: string | null) => v ?? "—",
          },
          { title: "状态", width: 80, render: (_, a) => status(a) },
          ...(canWrite
            ? [
                {
                  title: "操作",
                  width: 130,
                  render: (_: unknown, a: Assignment) => (
                    <Space size={0}>
                      {(!a.endsOn || a.endsOn > today()) && a.startsOn <= today() && (
                        <Popconfirm title="以今天为结束日期？" onConfirm={() => void end(a)}>
                          <Button type="link" size="small" disabled={busy}>
                            结束
                          </Button>
                        </Popconfirm>
                      )}
                      <Popconfirm title="删除这条服务安排？" onConfirm={() => void remove(a)}>
                        <Button type="link" size="small" danger disabled={busy}>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canWrite && (
        <Form form={form} layout="inline" style={{ marginTop: 16, rowGap: 8 }}>
          <Form.Item name="regionId" rules={[{ required: true, message: "请选择服务乡镇（村）" }]}>
            <RegionSelect placeholder="服务乡镇（村）" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="startsOn" rules={[{ required: true, message: "请选择开始日期" }]}>
            <DatePicker placeholder="开始日期" />
          </Form.Item>
          <Form.Item name="endsOn">
            <DatePicker placeholder="结束日期（可空）" />
          </Form.Item>
          <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={() => void add()}>
            添加
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
