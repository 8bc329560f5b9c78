import { App, Button, Form, Input, InputNumber, List, Progress, Space, Typography } from "antd";
import { useState } from "react";
import { Attachments } from "../../attachments/Attachments.tsx";
import { type TaskDetail, tasksApi } from "./api.ts";

/** Progress reports of the lead and cooperating units, and the form to add one. */
export function ProgressPanel({ task, onChanged }: { task: TaskDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; percent?: number }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await tasksApi.progress(task.id, v);
      message.success("进展已报送");
      form.resetFields();
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : "报送失败");
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Typography.Title level={5}>进展情况</Typography.Title>
      {task.can.reportProgress && (
        <Form form={form} layout="inline" style={{ marginBottom: 12 }}>
          <Form.Item
            name="text"
            rules={[{ required: true, message: "请填写进展情况" }]}
            style={{ flex: 1 }}
          >
            <Input.TextArea rows={2} placeholder="本阶段工作进展" />
          </Form.Item>
          <Form.Item name="percent">
            <InputNumber min={0} max={100} suffix="%" placeholder="进度" style={{ width: 100 }} />
          </Form.Item>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            报送进展
          </Button>
        </Form>
      )}
      <List
        size="small"
        locale={{ emptyText: "暂无进展报告" }}
        dataSource={task.progress}
        renderItem={(p) => (
          <List.Item>
            <Space orientation="vertical" style={{ width: "100%" }} size={4}>
              <Space>
                <Typography.Text strong>{p.unitName}</Typography.Text>
                <Typography.Text type="secondary">
                  {p.reportedOn} {p.userName ?? ""}
                </Typography.Text>
                {p.percent !== null && (
                  <Progress percent={p.percent} size="small" style={{ width: 160 }} />
                )}
              </Space>
              <div>{p.text}</div>
              <Attachments
                ownerType="task-progress"
                ownerId={p.id}
                readOnly={!task.can.reportProgress}
              />
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
