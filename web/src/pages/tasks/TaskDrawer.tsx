import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Empty,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Attachments } from "../../attachments/Attachments.tsx";
import { ActionDialog } from "./ActionDialog.tsx";
import { ACTION_LABELS, type TaskDetail, tasksApi } from "./api.ts";
import { LightDot } from "./LightDot.tsx";
import { ProgressPanel } from "./ProgressPanel.tsx";
import { TaskCreateDialog } from "./TaskCreateDialog.tsx";
import { useUnits } from "./useUnits.ts";

const DANGER = new Set(["refuse-extension", "return-closing", "cancel"]);

/** One task: facts, the buttons the caller may press, milestones, history and progress. */
export function TaskDrawer(props: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const units = useUnits();

  const load = useCallback(async () => {
    if (props.id === null) return setTask(null);
    try {
      setTask(await tasksApi.get(props.id));
    } catch (e) {
      message.error(e instanceof Error ? e.message : "加载失败");
    }
  }, [props.id, message]);
  useEffect(() => {
    void load();
  }, [load]);
  const changed = () => {
    void load();
    props.onChanged();
  };

  const t = task;
  return (
    <Drawer
      open={props.id !== null}
      onClose={props.onClose}
      size={760}
      title={
        t && (
          <Space>
            <LightDot light={t.light} label={t.lightLabel} />
            {t.title}
            <Tag>{t.status}</Tag>
          </Space>
        )
      }
      extra={
        t && (
          <Space>
            {t.can.edit && <Button onClick={() => setEditing(true)}>编辑</Button>}
            {t.can.actions.map((a) => (
              <Button
                key={a}
                type={DANGER.has(a) ? "default" : "primary"}
                danger={a === "return-closing"}
                onClick={() => setAction(a)}
              >
                {ACTION_LABELS[a] ?? a}
              </Button>
            ))}
            {t.can.delete && (
              <Popconfirm
                title="删除该任务？"
                onConfirm={() =>
                  tasksApi.remove(t.id, t.version).then(
                    () => {
                      props.onClose();
                      props.onChanged();
                    },
                    (e: Error) => message.error(e.message),
                  )
                }
              >
                <Button danger>删除</Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {!t ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={20} style={{ width: "100%" }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="任务来源">
              {t.source}
              {t.sourceDoc ? `（${t.sourceDoc}）` : ""}
            </Descriptions.Item>
            <Descriptions.Item label="责任领导">{t.leader ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="牵头单位">{t.leadUnit.name}</Descriptions.Item>
            <Descriptions.Item label="配合单位">
              {t.coUnits.map((u) => u.name).join("、") || "—"}
            </Descriptions.Item>
            <Descriptions.Item label="交办日期">{t.assignedOn}</Descriptions.Item>
            <Descriptions.Item label="完成时限">
              {t.dueOn}
              {t.deadlineKind === "workdays" && `（${t.deadlineWorkdays}个工作日）`}
              {t.originalDueOn !== t.dueOn && (
                <Typography.Text type="secondary">，原定 {t.originalDueOn}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="签收">
              {t.signedAt
                ? `${t.signedByName ?? ""} ${dayjs(t.signedAt).format("YYYY-MM-DD HH:mm")}`
                : "未签收"}
            </Descriptions.Item>
            <Descriptions.Item label="预警">
              {t.lightLabel}（提前{t.remindWorkdays}个工作日提醒）
            </Descriptions.Item>
            {t.requestedDueOn && (
              <Descriptions.Item label="延期申请" span={2}>
                申请延期至 {t.requestedDueOn}：{t.requestReason}
              </Descriptions.Item>
            )}
            {t.content && (
              <Descriptions.Item label="任务内容" span={2}>
                {t.content}
              </Descriptions.Item>
            )}
            {t.closingReport && (
              <Descriptions.Item label="办结报告" span={2}>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 8 }}>
                  {t.closingReport}
                </Typography.Paragraph>
                {t.completedOn && (
                  <div>
                    办结日期：{t.completedOn}（{t.outcome}）
                  </div>
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>办结材料</Typography.Title>
            <Attachments
              ownerType="task-closing"
              ownerId={t.id}
              readOnly={!t.can.actions.includes("request-closing") && !t.can.editMilestones}
            />
          </div>
          <div>
            <Typography.Title level={5}>工作节点</Typography.Title>
            {t.milestones.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未设节点" />
            ) : (
              t.milestones.map((m) => (
                <div key={m.id}>
                  <Checkbox
                    checked={m.doneOn !== null}
                    disabled={!t.can.editMilestones}
                    onChange={(e) =>
                      tasksApi
                        .milestone(
                          t.id,
                          m.id,
                          e.target.checked ? dayjs().format("YYYY-MM-DD") : null,
                        )
                        .then(
                          () => void load(),
                          (err: Error) => message.error(err.message),
                        )
                    }
                  >
                    {m.title}（{m.dueOn}）
                    {m.doneOn && (
                      <Typography.Text type="success"> 已于 {m.doneOn} 完成</Typography.Text>
                    )}
                  </Checkbox>
                </div>
              ))
            )}
          </div>
          <ProgressPanel task={t} onChanged={changed} />
          <div>
            <Typography.Title level={5}>办理记录</Typography.Title>
            <Timeline
              items={t.transitions.map((x) => ({
                content: (
                  <>
                    <Typography.Text strong>{x.action}</Typography.Text> → {x.toStatus}
                    <Typography.Text type="secondary">
                      {"  "}
                      {x.occurredOn} {x.userName ?? ""}
                    </Typography.Text>
                    {x.note && <div>{x.note}</div>}
                  </>
                ),
              }))}
            />
          </div>
        </Space>
      )}
      {t && editing && (
        <TaskCreateDialog
          open
          mode="edit"
          initial={t}
          units={units}
          onClose={() => setEditing(false)}
          onCreated={() => {
            setEditing(false);
            changed();
          }}
        />
      )}
      {t && (
        <ActionDialog
          task={t}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            changed();
          }}
        />
      )}
    </Drawer>
  );
}
