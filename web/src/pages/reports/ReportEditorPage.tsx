import {
  FileExcelOutlined,
  FileWordOutlined,
  HistoryOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SaveOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Input, Space, Spin, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useBlocker, useParams } from "react-router";
import { ApiError } from "../../api/client.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { type Draft, draftsApi, type MetricInfo } from "./api.ts";
import { BlockEditor } from "./BlockEditor.tsx";
import { type BlockStatus, BlockView } from "./BlockView.tsx";
import { ChangesAlert } from "./ChangesAlert.tsx";
import { type Block, blockText, headingNumbers, newUserKey, type ReportDocument } from "./model.ts";
import { usePolish } from "./polish/usePolish.tsx";
import { MetricCatalog } from "./RunsView.tsx";
import { VersionsDrawer } from "./VersionsDrawer.tsx";
import "./report.css";

/** The draft editor: a paper-like preview where any block can be rewritten, added or removed. */
export default function ReportEditorPage() {
  const { id } = useParams();
  const draftId = Number(id);
  const me = useMe();
  const canWrite = me.role !== "viewer";
  const { message, modal } = App.useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [doc, setDoc] = useState<ReportDocument | null>(null);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<"save" | "regen" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [catalog, setCatalog] = useState(new Map<string, MetricInfo>());
  const polish = usePolish();

  const adopt = useCallback((d: Draft) => {
    setDraft(d);
    setDoc(d.doc);
    setDirty(false);
    setEditing(null);
  }, []);

  useEffect(() => {
    draftsApi
      .get(draftId)
      .then(adopt)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : "加载失败"));
    draftsApi
      .metricCatalog()
      .then((r) => setCatalog(new Map(r.items.map((m) => [m.id, m]))))
      .catch(() => undefined);
  }, [draftId, adopt]);

  // Unsaved edits are not lost to a stray click.
  const blocker = useBlocker(dirty);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    modal.confirm({
      title: "有未保存的修改，确定离开？",
      okText: "离开",
      cancelText: "留下",
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const generatedByKey = useMemo(
    () => new Map((draft?.generated.blocks ?? []).map((b) => [b.key, b])),
    [draft],
  );
  const flagged = useMemo(() => new Set(draft?.changes.map((c) => c.key)), [draft]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!draft || !doc) return <Spin />;

  const update = (blocks: Block[]) => {
    setDoc({ ...doc, blocks });
    setDirty(true);
  };
  const statusOf = (b: Block): BlockStatus => {
    const g = generatedByKey.get(b.key);
    if (!g) return "added";
    return blockText(g) === blockText(b) &&
      (g.type !== "heading" || b.type !== "heading" || g.level === b.level)
      ? "generated"
      : "edited";
  };
  const replace = (key: string, next: Block) =>
    update(doc.blocks.map((b) => (b.key === key ? next : b)));
  const insertAfter = (key: string, kind: "paragraph" | "heading") => {
    const i = doc.blocks.findIndex((b) => b.key === key);
    const block: Block =
      kind === "heading"
        ? { type: "heading", key: newUserKey(), level: 2, runs: [{ t: "text", text: "新标题" }] }
        : { type: "paragraph", key: newUserKey(), runs: [{ t: "text", text: "" }] };
    update([...doc.blocks.slice(0, i + 1), block, ...doc.blocks.slice(i + 1)]);
    setEditing(block.key);
  };

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      modal.warning({
        title: "该总结已被他人修改",
        content: "您的修改未保存。请复制您改写的内容，刷新页面后再编辑。",
      });
    } else {
      message.error(err instanceof Error ? err.message : "操作失败");
    }
  };

  const save = async () => {
    setBusy("save");
    try {
      adopt(await draftsApi.save(draft.id, draft.version, doc));
      message.success("已保存");
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const regenerate = () =>
    modal.confirm({
      title: "按最新台账数据重新生成？",
      content: "您改写的段落和新增的内容会保留；其余段落换成最新数据。当前版本会保存在历史版本中。",
      okText: "重新生成",
      cancelText: "取消",
      onOk: async () => {
        if (dirty) await save();
        setBusy("regen");
        try {
          const latest = await draftsApi.get(draft.id);
          const d = await draftsApi.regenerate(draft.id, latest.version);
          adopt(d);
          message.success(
            d.changes.length > 0 ? `已重新生成，${d.changes.length}处需要核对` : "已重新生成",
          );
        } catch (err) {
          fail(err);
        } finally {
          setBusy(null);
        }
      },
    });

  const verify = async () => {
    try {
      const r = await draftsApi.verify(draft.id);
      if (r.mismatches.length === 0) {
        message.success(`已核对 ${r.checked} 个数据，均与台账一致`);
      } else {
        modal.warning({
          title: `${r.mismatches.length} 个数据与当前台账不一致`,
          content: r.mismatches
            .map((m) => `${m.text}（现为 ${m.actual ?? "无法计算"}）`)
            .join("；"),
        });
      }
    } catch (err) {
      fail(err);
    }
  };

  const numbers = headingNumbers(doc.blocks);
  const editable = canWrite && busy === null;

  return (
    <MetricCatalog.Provider value={catalog}>
      <PageHeader
        title={`${draft.regionName} · ${draft.period.from} 至 ${draft.period.to}`}
        extra={
          <Space wrap>
            {canWrite && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={!dirty}
                loading={busy === "save"}
                onClick={save}
              >
                保存
              </Button>
            )}
            {canWrite && (
              <Button icon={<ReloadOutlined />} loading={busy === "regen"} onClick={regenerate}>
                重新生成
              </Button>
            )}
            <Button icon={<SafetyCertificateOutlined />} onClick={verify}>
              核对数据
            </Button>
            <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
              历史版本（第{draft.versionNo}版）
            </Button>
            <Button
              icon={<FileWordOutlined />}
              disabled={dirty}
              onClick={() => void draftsApi.export(draft, "docx")}
            >
              导出 Word
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              disabled={dirty}
              onClick={() => void draftsApi.export(draft, "xlsx")}
            >
              导出统计表
            </Button>
          </Space>
        }
      />
      {dirty && (
        <Alert
          type="info"
          showIcon
          title="有未保存的修改；导出前请先保存。"
          style={{ marginBottom: 12 }}
        />
      )}
      <ChangesAlert
        changes={draft.changes}
        onAdopt={(key) => {
          const g = generatedByKey.get(key);
          if (g) replace(key, g);
          setDraft({ ...draft, changes: draft.changes.filter((c) => c.key !== key) });
        }}
        onClose={() => setDraft({ ...draft, changes: [] })}
      />
      <div className="kg-report-paper">
        <div className="kg-report-title">
          {canWrite ? (
            <Typography.Paragraph
              editable={{
                onChange: (title) => {
                  if (title.trim() && title !== doc.title) {
                    setDoc({ ...doc, title });
                    setDirty(true);
                  }
                },
                tooltip: "修改标题",
              }}
            >
              {doc.title}
            </Typography.Paragraph>
          ) : (
            doc.title
          )}
        </div>
        {doc.addressee && <div className="kg-report-addressee">{doc.addressee}：</div>}
        {doc.blocks.map((b, i) =>
          editing === b.key ? (
            <BlockEditor
              key={b.key}
              block={b}
              onDone={(next) => {
                replace(b.key, next);
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <BlockView
              key={b.key}
              block={b}
              number={numbers.get(i)}
              status={statusOf(b)}
              flagged={flagged.has(b.key)}
              editable={editable}
              onEdit={() => setEditing(b.key)}
              onDelete={() => update(doc.blocks.filter((x) => x.key !== b.key))}
              onInsert={(kind) => insertAfter(b.key, kind)}
              onPolish={
                polish.enabled && b.type === "paragraph"
                  ? () =>
                      void polish.start({
                        draftId: draft.id,
                        version: draft.version,
                        block: b,
                        saved: draft.doc.blocks.find((x) => x.key === b.key),
                        onAdopt: (next) => replace(b.key, next),
                      })
                  : undefined
              }
              onRevert={
                statusOf(b) === "edited"
                  ? () => {
                      const g = generatedByKey.get(b.key);
                      if (g) replace(b.key, g);
                    }
                  : undefined
              }
            />
          ),
        )}
        {editable && (
          <Button
            type="dashed"
            block
            onClick={() => insertAfter(doc.blocks.at(-1)?.key ?? "", "heading")}
          >
            在文末添加一节
          </Button>
        )}
        {doc.signature && (
          <div className="kg-report-signature">
            {canWrite ? (
              <Input
                variant="borderless"
                aria-label="落款单位"
                value={doc.signature.unit}
                style={{ textAlign: "right" }}
                onChange={(e) => {
                  if (!doc.signature) return;
                  setDoc({ ...doc, signature: { ...doc.signature, unit: e.target.value } });
                  setDirty(true);
                }}
              />
            ) : (
              <div>{doc.signature.unit}</div>
            )}
            <div>{doc.signature.date.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")}</div>
          </div>
        )}
      </div>
      {polish.element}
      <VersionsDrawer
        draft={draft}
        open={versionsOpen}
        canWrite={canWrite}
        onClose={() => setVersionsOpen(false)}
        onRestored={adopt}
      />
    </MetricCatalog.Provider>
  );
}
