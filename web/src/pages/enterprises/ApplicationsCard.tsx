import { PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { type ApplicationRecord, getKinds, type QualificationKind } from "./api.ts";
import { useRecordSave } from "./useRecordSave.ts";

const URL = "/api/enterprise-applications";
const RESULTS = ["申报", "通过", "未通过"] as const;
const RESULT_COLOR: Record<string, string> = {
  通过: "success",
  未通过: "error",
  申报: "processing",
};

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

/** 申报记录 of one enterprise: each 高企/入库 application with its batch and outcome. */
export function ApplicationsCard({
  enterpriseId,
  applications,
  canWrite,
  onSaved,
}: {
  enterpriseId: number;
  applications: ApplicationRecord[];
  canWrite: boolean;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState<ApplicationRecord | "new" | null>(null);
  const [kinds, setKinds] = useState<QualificationKind[]>([]);
  const [form] = Form.useForm();
  const { busy, save, remove } = useRecordSave(onSaved);
  const result = Form.useWatch("result", form);
  useEffect(() => {
    if (editing !== null && kinds.length === 0) void getKinds().then((r) => setKinds(r.items));
  }, [editing, kinds.length]);

  const open = (r: ApplicationRecord | "new") => {
    form.resetFields();
    form.setFieldsValue(
      r === "new"
        ? { kindCode: "hte", year: new Date().getFullYear(), result: "申报" }
        : {
            kindCode: r.kindCode,
            year: r.year,
            batch: r.batch,
            appliedOn: dayjs(r.appliedOn),
            result: r.result,
            decidedOn: r.decidedOn ? dayjs(r.decidedOn) : null,
          },
    );
    setEditing(r);
  };
  const submit = () =>
    form.validateFields().then(async (v) => {
      const body = {
        enterpriseId,
        kindCode: v.kindCode,
        year: v.year,
        batch: v.batch ?? "",
        appliedOn: day(v.appliedOn),
        result: v.result,
        decidedOn: v.result === "申报" ? null : day(v.decidedOn),
      };
      const ok =
        editing === "new" || editing === null
          ? await save(form, URL, body)
          : await save(form, `${URL}/${editing.id}`, { ...body, version: editing.version }, "PUT");
      if (ok) setEditing(null);
    });
  // Retired kinds stay selectable only on the record that already uses them.
  const kindOptions = kinds
    .filter((k) => k.active || (editing !== "new" && editing?.kindCode === k.code))
    .map((k) => ({ value: k.code, label: k.name }));

  return (
    <Card
      title="申报记录"
      extra={
        canWrite && (
          <Button icon={<PlusOutlined />} onClick={() => open("new")}>
            添加申报记录
          </Button>
        )
      }
    >
      <Table<ApplicationRecord>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={applications}
        locale={{ emptyText: "暂无申报记录" }}
        columns={[
          { title: "年度", dataIndex: "year", width: 64 },
          { title: "类型", dataIndex: "kindName", minWidth: 150 },
          { title: "批次", dataIndex: "batch", width: 80 },
          { title: "申报日期", dataIndex: "appliedOn", width: 104 },
          {
            title: "结果",
            dataIndex: "result",
            width: 76,
            render: (v: string) => <Tag color={RESULT_COLOR[v]}>{v}</Tag>,
          },
          { title: "结果日期", dataIndex: "decidedOn", width: 104 },
          ...(canWrite
            ? [
                {
                  title: "操作",
                  width: 104,
                  render: (_: unknown, r: ApplicationRecord) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => open(r)}>
                        编辑
                      </Button>
                      <Popconfirm
                        title="确定删除该申报记录吗？"
                        okText="删除"
                        cancelText="取消"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(`${URL}/${r.id}`, r.version)}
                      >
                        <Button type="link" size="small" danger>
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
      <Modal
        open={editing !== null}
        title={editing === "new" ? "添加申报记录" : "编辑申报记录"}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setEditing(null)}
        onOk={submit}
        forceRender
      >
        <Form form={form} name="application" layout="vertical">
          <Form.Item
            name="kindCode"
            label="申报类型"
            rules={[{ required: true, message: "请选择申报类型" }]}
          >
            <Select options={kindOptions} />
          </Form.Item>
          <div style={{ display: "flex", gap: 12 }}>
            <Form.Item
              name="year"
              label="年度"
              rules={[{ required: true, message: "请输入年度" }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={1990} max={2100} precision={0} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="batch" label="批次" style={{ flex: 1 }}>
              <Input placeholder="如 第一批" maxLength={40} />
            </Form.Item>
          </div>
          <Form.Item
            name="appliedOn"
            label="申报日期"
            rules={[{ required: true, message: "请选择申报日期" }]}
          >
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="result" label="结果" rules={[{ required: true, message: "请选择结果" }]}>
            <Select options={RESULTS.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
          {result !== "申报" && (
            <Form.Item
              name="decidedOn"
              label="结果日期"
              rules={[{ required: true, message: "请选择结果日期" }]}
            >
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
