import { KeyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Popconfirm, Typography } from "antd";
import { useCallback, useState } from "react";
import { request } from "../../api/client.ts";
import { entityApi } from "../../api/entities.ts";
import type { EntityRecord } from "../../api/types.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";

const usersApi = entityApi("/api/users");

function resetPassword(id: number): Promise<{ password: string }> {
  return request<{ password: string }>(`/api/users/${id}/reset-password`, { method: "POST" });
}

interface Issued {
  name: string;
  password: string;
  /** New account rather than a reset: the wording differs. */
  created: boolean;
}

export default function UsersPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [issued, setIssued] = useState<Issued | null>(null);

  const rowActions = useCallback(
    (record: EntityRecord) => (
      <Popconfirm
        title="确定重置该用户的密码吗？"
        description="原密码将立即失效，用户须用新密码登录并修改。"
        okText="重置"
        cancelText="取消"
        onConfirm={async () => {
          try {
            const r = await resetPassword(record.id);
            setIssued({
              name: String(record.displayName ?? record.username ?? ""),
              password: r.password,
              created: false,
            });
          } catch (err) {
            message.error(err instanceof Error ? err.message : "重置失败");
          }
        }}
      >
        <Button type="link" size="small" icon={<KeyOutlined />}>
          重置密码
        </Button>
      </Popconfirm>
    ),
    [message],
  );

  return (
    <>
      <PageHeader />
      <EntityTable
        entity="user"
        api={usersApi}
        canWrite={me.role === "admin"}
        keywordPlaceholder="用户名、姓名"
        rowActions={rowActions}
        onSaved={(saved, created) => {
          // The server answers a new account with its one-time initial password.
          if (created && typeof saved.password === "string") {
            setIssued({
              name: String(saved.displayName ?? saved.username ?? ""),
              password: saved.password,
              created: true,
            });
          }
        }}
      />
      <Modal
        open={issued !== null}
        title={issued?.created ? "用户已创建" : "密码已重置"}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            我已记下
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          title="新密码仅显示这一次，关闭后无法再次查看。请当面或通过安全渠道告知用户，用户登录后须立即修改。"
          style={{ marginBottom: 16 }}
        />
        <Typography.Paragraph>
          用户：<Typography.Text strong>{issued?.name}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {issued?.created ? "初始密码：" : "一次性密码："}
          <Typography.Text
            code
            copyable={{ tooltips: ["复制", "已复制"] }}
            style={{ fontSize: 18 }}
            data-testid="one-time-password"
          >
            {issued?.password}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
