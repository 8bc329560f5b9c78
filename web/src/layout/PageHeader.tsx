import { Breadcrumb, Typography } from "antd";
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { findNavGroup, findNavItem } from "./nav.tsx";

/** Breadcrumb + title of a page, derived from the navigation list. */
export function PageHeader({ title, extra }: { title?: string; extra?: ReactNode }) {
  const { pathname } = useLocation();
  const item = findNavItem(pathname);
  const group = findNavGroup(pathname);
  const crumbs = [{ title: <Link to="/">首页</Link> }];
  if (group) crumbs.push({ title: <span>{group.label}</span> });
  if (item && item.path !== "/") crumbs.push({ title: <span>{item.label}</span> });
  return (
    <div className="kg-page-header" style={{ display: "flex", justifyContent: "space-between" }}>
      <div>
        <Breadcrumb items={crumbs} />
        <Typography.Title level={4}>{title ?? item?.label}</Typography.Title>
      </div>
      {extra}
    </div>
  );
}
