import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { TASK_SOURCES, type TaskDetail, tasksApi } from "./api.ts";

interface Values {
  title: string;
  content?: string;
  source: string;
  sourceDoc?: string;
  leadUnitId: number;
  coUnitIds?: number[];
  leader?: string;
  assignedOn: Dayjs;
  deadlineKind: "date" | "workdays";
  dueOn?: Dayjs;
  deadlineWorkdays?: number;
  remindWorkdays: number;
  milestones?: { id?: number; title: string; dueOn: Dayjs }[];
}

const iso = (d: Dayjs | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);

const NEW_TASK: Partial<Values> = {
  deadlineKind: "workdays",
  remindWorkdays: 3,
  source: "年度工作要点",
};

/** The form values of an existing task, for editing it. */
function valuesOf(t: TaskDetail): Partial<Values> {
  return {
    title: t.title,
    content: t.content ?? undefined,
    source: t.source,
    sourceDoc: t.sourceDoc ?? undefined,
    leadUnitId: t.leadUnit.id,
    coUnitIds: t.coUnits.map((u) => u.id),
    leader: t.leader ?? undefined,
    assignedOn: dayjs(t.assignedOn),
    deadlineKind: t.deadlineKind,
    dueOn: dayjs(t.dueOn),
    deadlineWorkdays: t.deadlineWorkdays ?? undefined,
    remindWorkdays: t.remindWorkdays,
    milestones: t.milestones.map((m) => ({ id: m.id, title: m.title, dueOn: dayjs(m.dueOn) })),
  };
}

/**
 * 交办任务 (mode "create") or 修改任务 (mode "edit", prefilled from `initial`): units, source,
 * and a deadline as a date or N working days from 交办日期 (computed date shown).
 */
export function TaskCreateDialog(props: {
  open: boolean;
  units: { id: number; name: string }[];
  onClose: () => void;
  /** Called with the task id after it was created or saved. */
  onCreated: (id: number) => void;
  mode?: "create" | "edit";
  initial?: TaskDetail;
}) {
  const editing = props.mode === "edit" && props.initial !== undefined;
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [computed, setComputed] = useState<string | null>(null);
  const kind = Form.useWatch("deadlineKind", form);
  const days = Form.useWatch("deadlineWorkdays", form);
  const assignedOn = Form.useWatch("assignedOn", form);
  const lead = Form.useWatch("leadUnitId", form);

  useEffect(() => {
    if (kind !== "workdays" || !days || !assignedOn) return setComputed(null);
    let live = true;
    tasksApi.addWorkdays(assignedOn.format("YYYY-MM-DD"), days).then(
      (r) => live && setComputed(r.date),
      () => live && setComputed(null),
    );
    return () => {
      live = false;
    };
  }, [kind, days, assignedOn]);

  const options = props.units.map((u) => ({ value: u.id, label: u.name }));
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = {
        ...v,
        dueOn: v.deadlineKind === "date" ? iso(v.dueOn) : null,
        deadlineWorkdays: v.deadlineKind === "workdays" ? v.deadlineWorkdays : null,
        coUnitIds: v.coUnitIds ?? [],
        milestones: (v.milestones ?? []).map((m) => ({
          id: m.id,
          title: m.title,
          dueOn: iso(m.dueOn),
        })),
      };
      if (editing && props.initial) {
        const { assignedOn: _assigned, ...rest } = body;
        await tasksApi.update(props.initial.id, { ...rest, version: props.initial.version });
        message.success("任务已修改，调整的单位和期限已通知相关单位");
        props.onCreated(props.initial.id);
      } else {
        const r = await tasksApi.create({
          ...body,
          regionId: me.activeRegion.id,
          assignedOn: iso(v.assignedOn),
        });
        message.success("任务已交办，已通知牵头单位和配合单位");
        form.resetFields();
        props.onCreated(r.id);
      }
    } catch (e) {
      message.error(e instanceof ApiError || e instanceof Error ? e.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? "修改任务" : "交办任务"}
      open={props.open}
      width={720}
      okText={editing ? "保存" : "交办"}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing && props.initial ? valuesOf(props.initial) : { ...NEW_TASK, assignedOn: dayjs() }
        }
      >
        <Form.Item
          name="title"
          label="任务名称"
          rules={[{ required: true, message: "请填写任务名称" }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="source"
            label="任务来源"
            style={{ width: "40%" }}
            rules={[{ required: true }]}
          >
            <Select options={TASK_SOURCES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item
            name="sourceDoc"
            label="来源文件/文号"
            style={{ width: "60%", paddingLeft: 12 }}
          >
            <Input placeholder="如：夹委办〔2026〕5号" />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="leadUnitId"
          label="牵头单位"
          rules={[{ required: true, message: "请选择牵头单位" }]}
        >
          <Select showSearch optionFilterProp="label" options={options} />
        </Form.Item>
        <Form.Item name="coUnitIds" label="配合单位">
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={options.filter((o) => o.value !== lead)}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="leader" label="责任领导" style={{ width: "50%" }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="assignedOn"
            label="交办日期"
            style={{ width: "50%", paddingLeft: 12 }}
            rules={[{ required: true }]}
          >
            <DatePicker style={{ width: "100%" }} disabled={editing} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="deadlineKind" label="办理时限">
          <Radio.Group
            options={[
              { value: "workdays", label: "按工作日（自交办日起）" },
              { value: "date", label: "指定日期" },
            ]}
          />
        </Form.Item>
        {kind === "date" ? (
          <Form.Item
            name="dueOn"
            label="完成时限"
            rules={[{ required: true, message: "请选择完成时限" }]}
          >
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <Form.Item label="工作日数" required>
            <Space>
              <Form.Item
                name="deadlineWorkdays"
                noStyle
                rules={[{ required: true, message: "请填写工作日数" }]}
              >
                <InputNumber min={1} max={1000} style={{ width: 120 }} suffix="个工作日" />
              </Form.Item>
              {computed && (
                <Typography.Text type="secondary">
                  完成时限：<Typography.Text strong>{computed}</Typography.Text>
                  （已扣除节假日，含调休上班日）
                </Typography.Text>
              )}
              {editing &&
                props.initial?.deadlineKind === "workdays" &&
                props.initial.deadlineWorkdays === days &&
                props.initial.dueOn !== computed && (
                  <Typography.Text type="warning">
                    工作日数未改，保持现完成时限 {props.initial.dueOn}
                  </Typography.Text>
                )}
            </Space>
          </Form.Item>
        )}
        <Form.Item name="remindWorkdays" label="提前提醒（工作日）">
          <InputNumber min={0} max={60} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="content" label="任务内容">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, "id"]} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "title"]}
                    rules={[{ required: true, message: "节点名称" }]}
                  >
                    <Input placeholder="节点名称" style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "dueOn"]}
                    rules={[{ required: true, message: "节点日期" }]}
                  >
                    <DatePicker placeholder="节点日期" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                添加节点
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
