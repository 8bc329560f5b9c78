import { Alert, Card, Descriptions, Skeleton, Space, Steps, Table, Tag, Timeline } from "antd";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { Attachments } from "../../attachments/Attachments.tsx";
import { useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import {
  type Change,
  getChanges,
  getHistory,
  getProject,
  type History,
  type Project,
  wan,
} from "./api.ts";
import { ChangeDialog } from "./ChangeDialog.tsx";
import { PaymentsPanel } from "./PaymentsPanel.tsx";
import { TransitionDialog } from "./TransitionDialog.tsx";

const PATH = ["储备", "推荐申报", "立项", "实施中", "中期检查", "申请验收", "验收", "结题"];
const OUTCOMES = ["通过验收", "整改后通过", "不通过"];
const STOPPED = ["未立项", "终止", "撤销"];

/** The main path as steps; a stop (未立项/终止/撤销) shows as an error on the step it left. */
function lifecycleSteps(p: Project, h: History) {
  const dateOf = (s: string) => h.transitions.filter((t) => t.to === s).at(-1)?.on;
  const stopped = STOPPED.includes(p.status);
  const from = stopped ? (h.transitions.at(-1)?.from ?? "储备") : p.status;
  const key = OUTCOMES.includes(from) ? "验收" : from;
  const current = Math.max(0, PATH.indexOf(key));
  const items = PATH.map((s, i) => {
    const label = s === "验收" ? (OUTCOMES.find((o) => dateOf(o)) ?? "验收结论") : s;
    const on = s === "验收" ? OUTCOMES.map(dateOf).find(Boolean) : dateOf(s);
    return {
      title: stopped && i === current ? `${label} → ${p.status}` : label,
      content: stopped && i === current ? dateOf(p.status) : on,
    };
  });
  return { items, current, status: stopped ? ("error" as const) : ("process" as const) };
}

/** One project: facts, lifecycle with its dated history, and its payments. */
export default function ProjectDetailPage() {
  const { id } = useParams();
  const me = useMe();
  const [p, setP] = useState<Project | null>(null);
  const [h, setH] = useState<History | null>(null);
  const [changes, setChanges] = useState<Change[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (version < 0) return;
    Promise.all([getProject(Number(id)), getHistory(Number(id)), getChanges(Number(id))])
      .then(([proj, hist, ch]) => {
        setP(proj);
        setH(hist);
        setChanges(ch);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [id, version]);
  const reload = () => setVersion((v) => v + 1);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!p || !h) return <Skeleton active />;
  const steps = lifecycleSteps(p, h);
  return (
    <>
      <PageHeader title={p.name} />
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card
          title={
            <Space>
              项目生命周期
              <Tag color={STOPPED.includes(p.status) ? "red" : "blue"}>{p.status}</Tag>
              {p.overdue && <Tag color="red">已逾期</Tag>}
            </Space>
          }
          extra={me.canWriteLedgers && <TransitionDialog project={p} onDone={reload} />}
        >
          <Steps size="small" current={steps.current} status={steps.status} items={steps.items} />
        </Card>
        <Card title="基本信息">
          <Descriptions column={3} size="small">
            <Descriptions.Item label="级别">{p.level}</Descriptions.Item>
            <Descriptions.Item label="计划类别">{p.programmeName ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="申报年度">{p.applyYear}</Descriptions.Item>
            <Descriptions.Item label="承担单位">{p.undertakerName}</Descriptions.Item>
            <Descriptions.Item label="合作单位">{p.partners ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="负责人员">{p.staff ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="立项编号">{p.approvalNo ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="任务书编号">{p.taskBookNo ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="起止日期">
              {p.startOn ?? "—"} 至 {p.endOn ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label="财政经费（万元）">
              {wan(p.fiscalTotal)}（国拨 {wan(p.fundNational)}，省拨 {wan(p.fundProvincial)}，市级{" "}
              {wan(p.fundCity)}，县级 {wan(p.fundCounty)}）
            </Descriptions.Item>
            <Descriptions.Item label="自筹（万元）">{wan(p.fundSelf)}</Descriptions.Item>
            <Descriptions.Item label="已拨付（万元）">{wan(p.paid)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title="状态变更记录">
          <Timeline
            items={h.transitions.map((t) => ({
              color: STOPPED.includes(t.to) || t.to === "不通过" ? "red" : "blue",
              content: (
                <>
                  {`${t.on}  ${t.from ? `${t.from} → ` : ""}${t.to}${t.note ? `（${t.note}）` : ""}${t.userName ? ` · ${t.userName}` : ""}`}
                  {t.from && (
                    <Attachments
                      ownerType="project-transition"
                      ownerId={t.id}
                      readOnly={!me.canWriteLedgers}
                    />
                  )}
                </>
              ),
            }))}
          />
          {h.midterms.map((m) => (
            <div key={`m${m.id}`}>
              中期检查 {m.checkedOn}：{m.result}
              {m.delayReason ? `，滞后原因：${m.delayReason}` : ""}
            </div>
          ))}
          {h.acceptances.map((a) => (
            <div key={`a${a.id}`}>
              验收 {a.acceptedOn}：任务{a.taskConclusion}，财务{a.financeConclusion}，结论
              {a.outcome}
              {a.rectifyBy ? `，整改期限 ${a.rectifyBy}` : ""}
            </div>
          ))}
        </Card>
        <Card
          title="变更与备案"
          extra={me.canWriteLedgers && <ChangeDialog project={p} onDone={reload} />}
        >
          <Table<Change>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={changes}
            locale={{ emptyText: "暂无变更或备案记录" }}
            columns={[
              { title: "日期", dataIndex: "changedOn", width: 110 },
              { title: "类别", dataIndex: "kind", width: 110 },
              { title: "批复文号", dataIndex: "documentNo", width: 160 },
              { title: "变更前", dataIndex: "beforeText" },
              { title: "变更后", dataIndex: "afterText" },
              { title: "原因", dataIndex: "reason" },
              { title: "登记人", dataIndex: "userName", width: 90 },
            ]}
          />
        </Card>
        <Card title="项目附件">
          <Attachments ownerType="project" ownerId={p.id} readOnly={!me.canWriteLedgers} />
        </Card>
        <Card title="资金拨付">
          <PaymentsPanel projectId={p.id} onChanged={reload} />
        </Card>
      </Space>
    </>
  );
}
