import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { authApi } from "../api/auth.ts";
import { useAuth } from "../auth/AuthContext.tsx";
import "./login.css";

/** Only same-site paths: a crafted ?redirect= must not send the user elsewhere. */
export function safeRedirect(raw: string | null): string {
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/login")) return "/";
  return raw;
}

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { me, setMe } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = safeRedirect(params.get("redirect"));

  if (me) return <Navigate to={me.mustChangePassword ? "/change-password" : target} replace />;

  const submit = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const user = await authApi.login(values.username.trim(), values.password);
      setMe(user);
      navigate(user.mustChangePassword ? "/change-password" : target, { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : "登录失败");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kg-login">
      <div className="kg-login-banner">
        <div className="kg-login-emblem">科</div>
        <h1>科技与知识产权工作管理平台</h1>
        <p>科技局 · 知识产权局</p>
        <ul>
          <li>台账一次录入，报表、统计与总结自动生成</li>
          <li>目标任务实时跟踪，督办事项按期提醒</li>
          <li>数据按区域分级管理，修改全程留痕</li>
        </ul>
      </div>
      <div className="kg-login-panel">
        <Card className="kg-login-card" variant="borderless">
          <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
            科管
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: "center", marginBottom: 28 }}>
            用户登录
          </Typography.Paragraph>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} role="alert" />
          )}
          <Form<LoginValues> size="large" onFinish={(v) => void submit(v)} autoComplete="on">
            <Form.Item name="username" rules={[{ required: true, message: "请输入用户名" }]}>
              <Input
                prefix={<UserOutlined />}
                placeholder="用户名"
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item name="password" rules={[{ required: true, message: "请输入密码" }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder="密码"
                autoComplete="current-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={busy}>
                登录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph
            type="secondary"
            style={{ fontSize: 12, marginTop: 16, marginBottom: 0 }}
          >
            忘记密码请联系本单位系统管理员重置。连续输错密码多次，账号将被临时锁定。
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
