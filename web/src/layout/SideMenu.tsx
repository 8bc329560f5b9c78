import { Menu, type MenuProps } from "antd";
import { useMemo } from "react";
import { useLocation, useNavigate } from "react-router";
import type { Role } from "../api/types.ts";
import { dashboardItem, findNavGroup, findNavItem, navGroups } from "./nav.tsx";

type MenuItem = Required<MenuProps>["items"][number];

function menuItems(role: Role, collapsed: boolean): MenuItem[] {
  const items: MenuItem[] = [
    { key: dashboardItem.path, icon: dashboardItem.icon, label: dashboardItem.label },
  ];
  for (const g of navGroups) {
    // Hidden rather than disabled: other roles should not see system administration at all.
    if (g.adminOnly && role !== "admin") continue;
    const children = g.items
      .filter((i) => !i.adminOnly || role === "admin")
      .map((i) => ({ key: i.path, icon: i.icon, label: i.label }));
    if (g.submenu) {
      items.push({ key: g.key, icon: g.icon, label: g.label, children });
    } else if (collapsed) {
      items.push({ type: "divider" }, ...children);
    } else {
      items.push({ type: "group", key: g.key, label: g.label, children });
    }
  }
  return items;
}

export function SideMenu({ role, collapsed }: { role: Role; collapsed: boolean }) {
  const location = useLocation();
  const navigate = useNavigate();
  const items = useMemo(() => menuItems(role, collapsed), [role, collapsed]);
  const selected = findNavItem(location.pathname)?.path ?? location.pathname;
  const group = findNavGroup(location.pathname);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={group?.submenu ? [group.key] : []}
      onClick={({ key }) => navigate(key)}
      style={{ borderInlineEnd: 0 }}
    />
  );
}
