import { App, DatePicker, Form, Input, Modal } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { ACTION_LABELS, type TaskDetail, tasksApi } from "./api.ts";

/** Which fields each action asks for. */
const FIELDS: Record<
  string,
  { date?: "requestedDueOn" | "newDueOn"; text?: "reason" | "report" | "note"; required?: boolean }
> = {
  sign: {},
  "request-extension": { date: "requestedDueOn", text: "reason", required: true },
  "approve-extension": { date: "newDueOn", text: "note" },
  "refuse-extension": { text: "reason" },
  "request-closing": { text: "report", required: true },
  "confirm-closing": { text: "note" },
  "return-closing": { text: "reason", required: true },
  cancel: { text: "note" },
};
const TEXT_LABELS = { reason: "理由", report: "办结报告", note: "说明" };

/** Confirms one step of the loop, asking for what it needs (a date, a reason, a report). */
export function ActionDialog(props: {
  task: TaskDetail;
  action: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string | Dayjs | undefined>>();
  const [saving, setSaving] = useState(false);
  const { task, action } = props;
  const f = action ? (FIELDS[action] ?? {}) : {};

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    const body: Record<string, unknown> = { version: task.version };
    for (const [k, x] of Object.entries(v))
      body[k] = x && typeof x === "object" && "format" in x ? x.format("YYYY-MM-DD") : x;
    setSaving(true);
    try {
      const r = await tasksApi.act(task.id, action, body);
      message.success(`已${ACTION_LABELS[action]}，当前状态：${r.status}`);
      form.resetFields();
      props.onDone();
    } catch (e) {
      message.error(e instanceof Error ? e.message : "操作失败");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={action ? `${ACTION_LABELS[action]}：${task.title}` : ""}
      open={action !== null}
      okText={action ? ACTION_LABELS[action] : "确定"}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {action === "sign" && <p>签收后即进入办理，请按完成时限（{task.dueOn}）推进。</p>}
        {action === "confirm-closing" && (
          <p>
            办结报告提交于 {task.closingRequestedOn}，完成时限 {task.dueOn}：
            {task.closingRequestedOn && task.closingRequestedOn > task.dueOn
              ? "将记为逾期办结。"
              : "按期办结。"}
          </p>
        )}
        {f.date && (
          <Form.Item
            name={f.date}
            label={
              f.date === "requestedDueOn"
                ? "申请延期至"
                : `批准延期至（默认为申请的 ${task.requestedDueOn ?? ""}）`
            }
            rules={[{ required: f.date === "requestedDueOn", message: "请选择日期" }]}
          >
            <DatePicker />
          </Form.Item>
        )}
        {f.text && (
          <Form.Item
            name={f.text}
            label={TEXT_LABELS[f.text]}
            rules={[{ required: Boolean(f.required), message: `请填写${TEXT_LABELS[f.text]}` }]}
          >
            <Input.TextArea rows={f.text === "report" ? 6 : 3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
