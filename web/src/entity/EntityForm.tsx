import { Alert, App, Button, Drawer, Form, Skeleton, Space } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client.ts";
import type { EntityApi } from "../api/entities.ts";
import type { EntityMeta, EntityRecord } from "../api/types.ts";
import { fieldInput, fromFormValues, requiredMessage, toFormValues } from "./fields.tsx";

export interface EntityFormProps<T extends EntityRecord> {
  meta: EntityMeta;
  api: EntityApi<T>;
  open: boolean;
  /** The row being edited; null to create a new record. */
  record: T | null;
  /** View only: inputs disabled, no 保存. */
  readOnly?: boolean;
  onClose: () => void;
  onSaved: (saved: T) => void;
}

/**
 * Create/edit drawer built from the entity metadata. Server field errors land on the field
 * they name; a stale version (409) never overwrites and offers to reload the record.
 */
export function EntityForm<T extends EntityRecord>({
  meta,
  api,
  open,
  record,
  readOnly = false,
  onClose,
  onSaved,
}: EntityFormProps<T>) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [current, setCurrent] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const fields = useMemo(() => meta.fields.filter((f) => f.form), [meta]);
  const isEdit = record !== null;

  // Edit from a fresh copy: the list may omit long fields and its version may be old.
  const load = useCallback(
    async (id: number) => {
      setLoading(true);
      try {
        const fresh = await api.get(id);
        setCurrent(fresh);
        form.resetFields();
        form.setFieldsValue(toFormValues(fields, fresh));
      } catch (err) {
        setFormError(err instanceof Error ? err.message : String(err));
      } finally {
        setLoading(false);
      }
    },
    [api, form, fields],
  );

  // Reload only when the drawer opens, or opens on another record.
  const recordId = record?.id ?? null;
  useEffect(() => {
    if (!open) return;
    setFormError(null);
    if (recordId !== null) {
      void load(recordId);
    } else {
      setCurrent(null);
      form.resetFields();
      form.setFieldsValue(toFormValues(fields, null));
    }
  }, [open, recordId, load, form, fields]);

  const showError = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      setFormError(err instanceof Error ? err.message : String(err));
      return;
    }
    if (err.status === 409 && err.code === "VERSION_CONFLICT" && current) {
      modal.confirm({
        title: "保存冲突",
        content: err.message,
        okText: "重新加载",
        cancelText: "暂不加载",
        onOk: () => load(current.id),
      });
      return;
    }
    const known = new Set(fields.map((f) => f.key));
    const onFields = err.fields.filter((f) => known.has(f.field));
    const elsewhere = err.fields.filter((f) => !known.has(f.field));
    if (onFields.length > 0) {
      form.setFields(onFields.map((f) => ({ name: f.field, errors: [f.message] })));
      form.scrollToField(onFields[0]?.field ?? "", { block: "nearest", scrollMode: "if-needed" });
    }
    if (elsewhere.length > 0) {
      setFormError(elsewhere.map((f) => `${f.label ?? f.field}：${f.message}`).join("；"));
    } else if (onFields.length === 0) {
      setFormError(err.message);
    }
  };

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const body = fromFormValues(fields, values);
      const saved = current
        ? await api.update(current.id, body, current.version)
        : await api.create(body);
      message.success(isEdit ? "已保存" : `已新建${meta.label}`);
      onSaved(saved);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={`${readOnly ? "查看" : isEdit ? "编辑" : "新建"}${meta.label}`}
      size={560}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{readOnly ? "关闭" : "取消"}</Button>
          {!readOnly && (
            <Button
              type="primary"
              loading={saving}
              disabled={loading}
              onClick={() => void submit()}
            >
              保存
            </Button>
          )}
        </Space>
      }
    >
      {formError && (
        <Alert
          type="error"
          showIcon
          title={formError}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setFormError(null) }}
        />
      )}
      {loading && <Skeleton active paragraph={{ rows: 8 }} />}
      <Form
        form={form}
        name={`form_${meta.name}`}
        layout="vertical"
        requiredMark={!readOnly}
        disabled={readOnly}
        style={{ display: loading ? "none" : undefined }}
        onFinish={() => void submit()}
        onValuesChange={(changed: Record<string, unknown>) => {
          // Only user edits reach here: a picked option may not belong to the new parent.
          for (const f of fields) {
            const parent = f.remote?.dependsOn;
            if (parent && parent in changed) form.setFieldValue(f.key, undefined);
          }
        }}
      >
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.label}
            tooltip={f.help}
            valuePropName={f.type === "boolean" ? "checked" : "value"}
            rules={
              f.required && f.type !== "boolean"
                ? [{ required: true, message: requiredMessage(f) }]
                : []
            }
          >
            {fieldInput(f, current)}
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
