import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { getKinds, type QualificationKind } from "./api.ts";
import { useRecordSave } from "./useRecordSave.ts";

const URL = "/api/enterprises/qualification-kinds";
const CATEGORIES = [
  { value: "hte", label: "高新技术企业" },
  { value: "reserve", label: "高企培育库" },
  { value: "tsme", label: "科技型中小企业" },
  { value: "other", label: "其他资质" },
];

/** 系统管理 → 资质类型: the dictionary of qualification kinds and their validity rules. */
export default function QualificationKindsPage() {
  const [rows, setRows] = useState<QualificationKind[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<QualificationKind | "new" | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    setLoading(true);
    getKinds()
      .then((r) => {
        setRows(r.items);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);
  const { busy, save } = useRecordSave(load);

  const open = (k: QualificationKind | "new") => {
    form.resetFields();
    form.setFieldsValue(
      k === "new"
        ? {
            category: "other",
            validYears: 3,
            byYear: false,
            numberLabel: "认定文号",
            sort: rows.length + 1,
            active: true,
          }
        : k,
    );
    setEditing(k);
  };
  const submit = () =>
    form.validateFields().then(async (v) => {
      const body = {
        name: v.name,
        category: v.category,
        validYears: v.validYears,
        byYear: v.byYear ?? false,
        numberLabel: v.numberLabel,
        sort: v.sort ?? 0,
        active: v.active ?? true,
      };
      const ok =
        editing === "new" || editing === null
          ? await save(form, URL, { ...body, code: v.code })
          : await save(form, `${URL}/${editing.code}`, body, "PUT");
      if (ok) setEditing(null);
    });

  return (
    <>
      <PageHeader />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card
        title="资质类型"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open("new")}>
            新增资质类型
          </Button>
        }
      >
        <Table<QualificationKind>
          size="small"
          rowKey="code"
          loading={loading}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: "排序", dataIndex: "sort", width: 60 },
            { title: "代码", dataIndex: "code", width: 140 },
            { title: "名称", dataIndex: "name" },
            {
              title: "类别",
              dataIndex: "category",
              width: 130,
              render: (v: string) => CATEGORIES.find((c) => c.value === v)?.label ?? v,
            },
            {
              title: "有效期",
              width: 200,
              render: (_, k) =>
                k.byYear ? `按年度，${k.validYears} 年` : `自发证日起 ${k.validYears} 年`,
            },
            { title: "编号名称", dataIndex: "numberLabel", width: 100 },
            {
              title: "状态",
              dataIndex: "active",
              width: 80,
              render: (v: boolean) => (v ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: "操作",
              width: 80,
              render: (_, k) => (
                <Button type="link" size="small" onClick={() => open(k)}>
                  编辑
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增资质类型" : "编辑资质类型"}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setEditing(null)}
        onOk={submit}
        forceRender
      >
        <Form form={form} name="qualificationKind" layout="vertical">
          <Form.Item
            name="code"
            label="代码"
            rules={[{ required: true, message: "请输入代码" }]}
            help={editing === "new" ? "小写字母、数字或下划线，保存后不能修改" : undefined}
          >
            <Input disabled={editing !== "new"} maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: "请输入名称" }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true }]}>
            <Select options={CATEGORIES} />
          </Form.Item>
          <Form.Item
            name="validYears"
            label="有效年限（年）"
            rules={[{ required: true, message: "请输入有效年限" }]}
          >
            <InputNumber min={1} max={10} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="byYear"
            label="按年度有效"
            valuePropName="checked"
            help="打开：按入库年度计（如科技型中小企业）；关闭：自发证日期起算（如高企证书）"
          >
            <Switch />
          </Form.Item>
          <Form.Item
            name="numberLabel"
            label="编号名称"
            rules={[{ required: true, message: "请输入编号名称" }]}
          >
            <Input maxLength={20} placeholder="证书编号、入库编号或认定文号" />
          </Form.Item>
          <Form.Item name="sort" label="排序">
            <InputNumber min={0} max={9999} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
