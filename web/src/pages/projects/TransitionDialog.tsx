import { App, Button, DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { type Project, postAction } from "./api.ts";

const OUTCOMES = ["通过验收", "整改后通过", "不通过"];
const CONCLUSIONS = ["通过", "整改后通过", "不通过"].map((v) => ({ value: v, label: v }));
const RESULTS = ["超额完成", "完成", "基本完成", "未完成"].map((v) => ({ value: v, label: v }));
const REASONS = ["技术变化", "经费未落实", "负责人变动", "协作关系", "其他"].map((v) => ({
  value: v,
  label: v,
}));

interface Values {
  to: string;
  on?: Dayjs;
  note?: string;
  result?: string;
  delayReason?: string;
  taskConclusion?: string;
  financeConclusion?: string;
  rectifyBy?: Dayjs;
}

/**
 * Offers only the legal next states. 验收 is one choice that records the acceptance (its
 * conclusions decide the outcome); 中期检查 records the check with its result.
 */
export function TransitionDialog({ project, onDone }: { project: Project; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const to = Form.useWatch("to", form);
  const choices = [
    ...project.next.filter((s) => !OUTCOMES.includes(s)),
    ...(project.next.some((s) => OUTCOMES.includes(s)) ? ["登记验收"] : []),
  ];
  if (choices.length === 0) return null;
  const submit = async (v: Values) => {
    const on = (v.on ?? dayjs()).format("YYYY-MM-DD");
    setSaving(true);
    try {
      if (v.to === "登记验收")
        await postAction(project.id, "acceptance", {
          version: project.version,
          acceptedOn: on,
          taskConclusion: v.taskConclusion,
          financeConclusion: v.financeConclusion,
          rectifyBy: v.rectifyBy?.format("YYYY-MM-DD") ?? null,
          notes: v.note,
        });
      else if (v.to === "中期检查")
        await postAction(project.id, "midterm", {
          version: project.version,
          checkedOn: on,
          result: v.result,
          delayReason: v.delayReason ?? null,
          notes: v.note,
        });
      else
        await postAction(project.id, "transition", {
          version: project.version,
          to: v.to,
          on,
          note: v.note,
        });
      message.success("已保存");
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(err instanceof Error ? err.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        变更状态
      </Button>
      <Modal
        title={`变更状态（当前：${project.status}）`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="to" label="变更为" rules={[{ required: true, message: "请选择" }]}>
            <Select options={choices.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="on" label="日期" initialValue={dayjs()}>
            <DatePicker />
          </Form.Item>
          {to === "中期检查" && (
            <>
              <Form.Item
                name="result"
                label="检查结论"
                rules={[{ required: true, message: "请选择" }]}
              >
                <Select options={RESULTS} />
              </Form.Item>
              <Form.Item name="delayReason" label="滞后原因">
                <Select options={REASONS} allowClear />
              </Form.Item>
            </>
          )}
          {to === "登记验收" && (
            <>
              <Form.Item
                name="taskConclusion"
                label="任务验收结论"
                rules={[{ required: true, message: "请选择" }]}
              >
                <Select options={CONCLUSIONS} />
              </Form.Item>
              <Form.Item
                name="financeConclusion"
                label="财务验收结论"
                rules={[{ required: true, message: "请选择" }]}
              >
                <Select options={CONCLUSIONS} />
              </Form.Item>
              <Form.Item name="rectifyBy" label="整改期限（整改后通过时填写，3个月内）">
                <DatePicker />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
