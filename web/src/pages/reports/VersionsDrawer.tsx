import { App, Button, Drawer, List, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { type Draft, draftsApi, type VersionInfo } from "./api.ts";

interface VersionsDrawerProps {
  draft: Draft;
  open: boolean;
  canWrite: boolean;
  onClose: () => void;
  onRestored: (d: Draft) => void;
}

/** Every saved version of a draft, newest first; any one can be made current again. */
export function VersionsDrawer({
  draft,
  open,
  canWrite,
  onClose,
  onRestored,
}: VersionsDrawerProps) {
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<VersionInfo[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!open) return;
    setLoading(true);
    draftsApi
      .versions(draft.id)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => message.error(err instanceof Error ? err.message : "加载失败"))
      .finally(() => setLoading(false));
  }, [open, draft.id, message]);

  const restore = (no: number) =>
    modal.confirm({
      title: `恢复到第${no}版？`,
      content: "当前内容会保留为历史版本，可随时再恢复。",
      okText: "恢复",
      cancelText: "取消",
      onOk: async () => {
        try {
          onRestored(await draftsApi.restore(draft.id, draft.version, no));
          message.success(`已恢复到第${no}版`);
          onClose();
        } catch (err) {
          message.error(err instanceof Error ? err.message : "恢复失败");
        }
      },
    });

  return (
    <Drawer title="历史版本" open={open} onClose={onClose} size={420}>
      <List
        loading={loading}
        dataSource={items}
        renderItem={(v) => (
          <List.Item
            actions={
              v.no !== draft.versionNo && canWrite
                ? [
                    <Button key="restore" size="small" onClick={() => restore(v.no)}>
                      恢复
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  第{v.no}版
                  {v.no === draft.versionNo && (
                    <Typography.Text type="success">（当前）</Typography.Text>
                  )}
                </Space>
              }
              description={`${v.note} · ${v.createdBy ?? "—"} · ${new Date(v.createdAt).toLocaleString("zh-CN")}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
