import { Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "./AuthContext.tsx";

/** Gate for every signed-in screen: login first, then a forced password change if due. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loadError, refresh } = useAuth();
  const location = useLocation();

  if (me === undefined) {
    return (
      <div style={{ height: "100vh", display: "grid", placeItems: "center" }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (loadError) {
    return (
      <Result
        status="500"
        title="无法连接服务器"
        subTitle={loadError}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            重试
          </Button>
        }
      />
    );
  }
  if (me === null) {
    const back = location.pathname + location.search;
    const to = back === "/" ? "/login" : `/login?redirect=${encodeURIComponent(back)}`;
    return <Navigate to={to} replace />;
  }
  if (me.mustChangePassword && location.pathname !== "/change-password") {
    return <Navigate to="/change-password" replace />;
  }
  return <>{children}</>;
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (me?.role !== "admin") {
    return <Result status="403" title="无权访问" subTitle="该功能仅限系统管理员使用。" />;
  }
  return <>{children}</>;
}
