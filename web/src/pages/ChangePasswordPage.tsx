import { Alert, App, Button, Card, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { authApi } from "../api/auth.ts";
import { ApiError } from "../api/client.ts";
import { useAuth, useMe } from "../auth/AuthContext.tsx";
import "./login.css";

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Reached from the user menu, or forced after first login / an admin reset. */
export default function ChangePasswordPage() {
  const me = useMe();
  const { refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.changePassword(v.oldPassword, v.newPassword);
      message.success("密码已修改");
      await refresh();
      navigate("/", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const known: (keyof Values)[] = ["oldPassword", "newPassword"];
        const onForm = err.fields.filter((f) => known.some((k) => k === f.field));
        form.setFields(onForm.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
        if (onForm.length < err.fields.length) setError(err.message);
      } else {
        setError(err instanceof Error ? err.message : "修改失败");
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kg-login" style={{ justifyContent: "center", alignItems: "center" }}>
      <Card className="kg-login-card" style={{ width: 440 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          修改密码
        </Typography.Title>
        {me.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            title="为保障账号安全，首次登录或密码被重置后须先修改密码。"
            style={{ marginBottom: 20 }}
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item label="用户名">
            <Input value={me.username} disabled />
          </Form.Item>
          <Form.Item
            name="oldPassword"
            label="原密码"
            rules={[{ required: true, message: "请输入原密码" }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="至少 8 位，建议字母与数字组合。"
            rules={[
              { required: true, message: "请输入新密码" },
              { min: 8, message: "新密码至少 8 位" },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: "请再次输入新密码" },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue("newPassword") === value
                    ? Promise.resolve()
                    : Promise.reject(new Error("两次输入的新密码不一致")),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            {me.mustChangePassword ? (
              <Button onClick={() => void logout().then(() => navigate("/login"))}>退出登录</Button>
            ) : (
              <Button onClick={() => navigate(-1)}>返回</Button>
            )}
            <Button type="primary" htmlType="submit" loading={busy}>
              确认修改
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
