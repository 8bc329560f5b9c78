import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { type Project, postAction } from "./api.ts";

const KINDS = ["负责人变更", "研究内容变更", "延期", "经费调整", "备案"].map((v) => ({
  value: v,
  label: v,
}));
const FUNDS = [
  ["fundNational", "国拨"],
  ["fundProvincial", "省拨"],
  ["fundCity", "市级"],
  ["fundCounty", "县级"],
  ["fundSelf", "自筹"],
] as const;

interface Values {
  kind: string;
  changedOn?: Dayjs;
  documentNo?: string;
  beforeText?: string;
  afterText?: string;
  newEndOn?: Dayjs;
  reason?: string;
  note?: string;
  [fund: string]: unknown;
}

/**
 * 登记变更/备案. 延期 asks for the new end date and 经费调整 for the new amounts (万元); the
 * server writes the before/after text for those two and updates the project.
 */
export function ChangeDialog({ project, onDone }: { project: Project; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const submit = async (v: Values) => {
    setSaving(true);
    const funds = Object.fromEntries(
      FUNDS.map(([k]) => {
        const x = v[k];
        return [k, typeof x === "number" ? Math.round(x * 1e6) / 100 : null];
      }),
    );
    try {
      await postAction(project.id, "changes", {
        version: project.version,
        kind: v.kind,
        changedOn: (v.changedOn ?? dayjs()).format("YYYY-MM-DD"),
        documentNo: v.documentNo,
        beforeText: v.beforeText,
        afterText: v.afterText,
        newEndOn: v.newEndOn?.format("YYYY-MM-DD") ?? null,
        reason: v.reason,
        note: v.note,
        ...(v.kind === "经费调整" ? funds : {}),
      });
      message.success("已登记");
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(err instanceof Error ? err.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  const wanOf = (yuan: number) => yuan / 1e4;
  return (
    <>
      <Button onClick={() => setOpen(true)}>登记变更/备案</Button>
      <Modal
        title="登记变更/备案"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            changedOn: dayjs(),
            fundNational: wanOf(project.fundNational),
            fundProvincial: wanOf(project.fundProvincial),
            fundCity: wanOf(project.fundCity),
            fundCounty: wanOf(project.fundCounty),
            fundSelf: wanOf(project.fundSelf),
          }}
        >
          <Form.Item name="kind" label="变更类别" rules={[{ required: true, message: "请选择" }]}>
            <Select options={KINDS} />
          </Form.Item>
          <Form.Item name="changedOn" label="日期">
            <DatePicker />
          </Form.Item>
          <Form.Item name="documentNo" label="批复文号">
            <Input maxLength={100} placeholder="如：夹科〔2026〕12号" />
          </Form.Item>
          {kind === "延期" && (
            <Form.Item
              name="newEndOn"
              label={`新的结束日期（原为 ${project.endOn ?? "未填"}）`}
              rules={[{ required: true, message: "请选择新的结束日期" }]}
            >
              <DatePicker />
            </Form.Item>
          )}
          {kind === "经费调整" &&
            FUNDS.map(([k, label]) => (
              <Form.Item key={k} name={k} label={`调整后${label}经费（万元）`}>
                <InputNumber min={0} precision={4} style={{ width: "100%" }} />
              </Form.Item>
            ))}
          {kind !== "延期" && kind !== "经费调整" && (
            <>
              <Form.Item name="beforeText" label="变更前">
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Form.Item
                name="afterText"
                label="变更后"
                rules={[
                  {
                    required: kind === "负责人变更" || kind === "研究内容变更",
                    message: "请填写变更后的内容",
                  },
                ]}
              >
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          )}
          <Form.Item name="reason" label="原因">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
