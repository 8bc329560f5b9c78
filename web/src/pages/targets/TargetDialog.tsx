import { App, Form, Input, InputNumber, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { RegionSelect } from "../../regions/RegionSelect.tsx";
import { type Indicator, type ProgressRow, targetsApi } from "./api.ts";

interface Props {
  open: boolean;
  year: number;
  indicators: Indicator[];
  /** The target being edited; null to add one. */
  editing: ProgressRow | null;
  onClose: () => void;
  onSaved: () => void;
}

interface Values {
  regionId: number;
  year: number;
  indicatorId: number;
  value: number;
  setBy: string;
  note?: string;
}

/** 新增/编辑目标: region, year and indicator fix a target; an edit changes the rest. */
export function TargetDialog({ open, year, indicators, editing, onClose, onSaved }: Props) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const indicatorId = Form.useWatch("indicatorId", form);
  const unit = indicators.find((i) => i.id === indicatorId)?.unit ?? "";

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            regionId: editing.regionId,
            year: editing.year,
            indicatorId: editing.indicatorId,
            value: editing.target,
            setBy: editing.setBy,
            note: editing.note ?? undefined,
          }
        : {
            regionId: me.activeRegion.id,
            year,
            setBy: me.activeRegion.level < 3 ? "市下达" : "自定",
          },
    );
  }, [open, editing, year, me.activeRegion, form]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing) {
        await targetsApi.update(editing.id, {
          value: v.value,
          setBy: v.setBy,
          note: v.note ?? null,
          version: editing.version,
        });
      } else {
        await targetsApi.create({ ...v, note: v.note ?? null });
      }
      message.success("目标已保存");
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        form.setFields(
          err.fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })),
        );
      }
      message.error(err instanceof Error ? err.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `编辑目标：${editing.indicatorName}` : "新增目标"}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="regionId" label="地区" rules={[{ required: true, message: "请选择地区" }]}>
          <RegionSelect maxLevel={3} allowClear={false} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: "请填写年度" }]}>
          <InputNumber min={2000} max={2100} disabled={!!editing} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="indicatorId"
          label="指标"
          rules={[{ required: true, message: "请选择指标" }]}
        >
          <Select
            disabled={!!editing}
            showSearch
            optionFilterProp="label"
            options={indicators.map((i) => ({
              value: i.id,
              label: `${i.name}（${i.unit}）${i.kind === "manual" ? " · 手工录入" : ""}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="value"
          label="全年目标值"
          rules={[{ required: true, message: "请填写目标值" }]}
        >
          <InputNumber min={0} style={{ width: "100%" }} addonAfter={unit || undefined} />
        </Form.Item>
        <Form.Item name="setBy" label="下达方式" rules={[{ required: true }]}>
          <Select options={["市下达", "省下达", "自定"].map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
