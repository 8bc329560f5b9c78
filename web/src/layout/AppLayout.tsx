import { MenuFoldOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { Button, Divider, Layout, Space, Spin, Tag, Tooltip, theme } from "antd";
import { Suspense, useState } from "react";
import { Outlet } from "react-router";
import { useMe } from "../auth/AuthContext.tsx";
import { NotificationBell } from "../notifications/NotificationBell.tsx";
import { RegionSwitcher } from "./RegionSwitcher.tsx";
import { SideMenu } from "./SideMenu.tsx";
import { UserMenu } from "./UserMenu.tsx";
import "./layout.css";

const { Header, Sider, Content, Footer } = Layout;

/** The bureau as it names itself: "某某县科学技术局（知识产权局）". */
export function bureauName(regionName: string): string {
  return `${regionName}科学技术局（知识产权局）`;
}

export function AppLayout() {
  const me = useMe();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider
        width={220}
        collapsible
        collapsed={collapsed}
        trigger={null}
        style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
      >
        <div className="kg-logo">
          <div className="kg-logo-mark">科</div>
          {!collapsed && (
            <div className="kg-logo-text">
              <div className="kg-logo-title">科管</div>
              <div className="kg-logo-sub">科技·知识产权工作平台</div>
            </div>
          )}
        </div>
        <SideMenu role={me.role} collapsed={collapsed} />
      </Sider>
      <Layout>
        <Header className="kg-header" style={{ background: token.colorBgContainer }}>
          <Space size={12}>
            <Button
              type="text"
              aria-label={collapsed ? "展开菜单" : "收起菜单"}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
            />
            <span className="kg-bureau">{bureauName(me.homeRegion.name)}</span>
          </Space>
          <Space size={8} separator={<Divider orientation="vertical" />}>
            <Space size={8}>
              <RegionSwitcher />
              {!me.canWriteLedgers && (
                <Tooltip title="当前区域为上级汇总视图，业务台账只能查看，不能修改">
                  <Tag color="orange">汇总查看</Tag>
                </Tooltip>
              )}
            </Space>
            <NotificationBell />
            <UserMenu />
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>
          <Suspense
            fallback={
              <div style={{ padding: 80, textAlign: "center" }}>
                <Spin size="large" />
              </div>
            }
          >
            {/* Re-mount pages when the region changes so every list reloads in the new scope. */}
            <Outlet key={me.activeRegion.id} />
          </Suspense>
        </Content>
        <Footer
          style={{ textAlign: "center", color: token.colorTextTertiary, padding: "12px 24px" }}
        >
          科管 · 科技与知识产权工作管理平台
        </Footer>
      </Layout>
    </Layout>
  );
}
