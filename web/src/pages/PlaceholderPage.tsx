import { Card, Result, Typography } from "antd";
import type { NavItem } from "../layout/nav.tsx";
import { PageHeader } from "../layout/PageHeader.tsx";

/** A business line not built yet: says so, and what it will hold. */
export default function PlaceholderPage({ item }: { item: NavItem }) {
  return (
    <>
      <PageHeader title={item.label} />
      <Card>
        <Result
          icon={<span style={{ fontSize: 64, color: "#1456c8" }}>{item.icon}</span>}
          title={`${item.label} · 该模块建设中`}
          subTitle={
            <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: "0 auto" }}>
              {item.description}
            </Typography.Paragraph>
          }
        />
      </Card>
    </>
  );
}
