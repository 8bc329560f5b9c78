import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Divider, Drawer, Form, InputNumber, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { Attachments } from "../../attachments/Attachments.tsx";
import { type ActivityRecord, activitiesApi, fetchDictionaries, type OutputKind } from "./api.ts";

interface Props {
  record: ActivityRecord | null;
  canWrite: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** The measured outputs and photos of one saved activity (what the generic form does not edit). */
export function OutputsDrawer({ record, canWrite, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outputs: { kind: string; value: number }[] }>();
  const [kinds, setKinds] = useState<OutputKind[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    fetchDictionaries()
      .then((d) => setKinds(d.outputKinds))
      .catch(() => setKinds([]));
  }, []);
  useEffect(() => {
    if (record) form.setFieldsValue({ outputs: record.outputs });
  }, [record, form]);

  const save = async () => {
    if (!record) return;
    const { outputs } = await form.validateFields();
    setSaving(true);
    try {
      await activitiesApi.update(record.id, { ...record, outputs: outputs ?? [] }, record.version);
      message.success("成效数据已保存");
      onSaved();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={record ? `成效数据与照片 — ${record.title}` : "成效数据与照片"}
      open={record !== null}
      onClose={onClose}
      size={520}
      extra={
        canWrite ? (
          <Button type="primary" loading={saving} onClick={save}>
            保存
          </Button>
        ) : null
      }
    >
      <Form form={form} disabled={!canWrite} layout="vertical">
        <Form.List name="outputs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item
                    name={[field.name, "kind"]}
                    rules={[{ required: true, message: "请选择指标" }]}
                  >
                    <Select
                      style={{ width: 200 }}
                      placeholder="成效指标"
                      options={kinds.map((k) => ({
                        value: k.code,
                        label: `${k.label}（${k.unit}）${k.active === false ? "（已停用）" : ""}`,
                        disabled: k.active === false,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "value"]}
                    rules={[{ required: true, message: "请填写数值" }]}
                  >
                    <InputNumber min={0} style={{ width: 160 }} placeholder="数值" />
                  </Form.Item>
                  {canWrite ? <MinusCircleOutlined onClick={() => remove(field.name)} /> : null}
                </Space>
              ))}
              {canWrite ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                  添加成效指标
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
      {record ? (
        <>
          <Divider titlePlacement="start">照片</Divider>
          <Attachments
            key={record.id}
            ownerType="activity"
            ownerId={record.id}
            canWrite={canWrite}
            images
          />
        </>
      ) : null}
    </Drawer>
  );
}
