import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, InputNumber, Modal, Switch, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { request } from "../../api/client.ts";
import { useRecordSave } from "../enterprises/useRecordSave.ts";

export interface DictionaryEntry {
  code: string;
  sort: number;
  active: boolean;
}

interface DictionaryCardProps<T extends DictionaryEntry> {
  title: string;
  noun: string;
  url: string;
  /** Columns between 排序 and 状态. */
  columns: ColumnsType<T>;
  /** Form items for the entry's own fields (排序 and 启用 are added here). */
  fields: ReactNode;
  /** Initial values of a new entry, besides sort and active. */
  blank: Partial<T>;
  /** The request body from the form's values. */
  toBody: (values: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * One admin-edited dictionary: the list (active and inactive) and a modal to add or edit an
 * entry. Entries are deactivated, never deleted: activities already recorded keep them.
 */
export function DictionaryCard<T extends DictionaryEntry>(props: DictionaryCardProps<T>) {
  const [rows, setRows] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    setLoading(true);
    request<{ items: T[] }>(props.url)
      .then((r) => {
        setRows(r.items);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setLoading(false));
  }, [props.url]);
  useEffect(load, [load]);
  const { busy, save } = useRecordSave(load);

  const open = (entry: T | "new") => {
    form.resetFields();
    form.setFieldsValue(
      entry === "new"
        ? { ...props.blank, sort: Math.max(0, ...rows.map((r) => r.sort)) + 1, active: true }
        : entry,
    );
    setEditing(entry);
  };
  const submit = () =>
    form.validateFields().then(async (v: Record<string, unknown>) => {
      const body = { ...props.toBody(v), sort: v.sort ?? 0, active: v.active ?? true };
      const ok =
        editing === "new" || editing === null
          ? await save(form, props.url, body)
          : await save(form, `${props.url}/${editing.code}`, body, "PUT");
      if (ok) setEditing(null);
    });

  return (
    <Card
      title={props.title}
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open("new")}>
          新增{props.noun}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<T>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: "排序", dataIndex: "sort", width: 60 },
          ...props.columns,
          {
            title: "状态",
            dataIndex: "active",
            width: 80,
            render: (v: boolean) => (v ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: "操作",
            width: 80,
            render: (_, entry) => (
              <Button type="link" size="small" onClick={() => open(entry)}>
                编辑
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? `新增${props.noun}` : `编辑${props.noun}`}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setEditing(null)}
        onOk={submit}
        forceRender
      >
        <Form form={form} layout="vertical">
          {props.fields}
          <Form.Item name="sort" label="排序">
            <InputNumber min={0} max={9999} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="active"
            label="启用"
            valuePropName="checked"
            help="停用后新登记的活动不再可选，已登记的活动和统计不受影响"
          >
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
