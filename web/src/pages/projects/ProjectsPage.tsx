import { Button, Card, InputNumber, Space, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { request } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { RemoteSelect } from "../../entity/RemoteSelect.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { type Project, projectsApi } from "./api.ts";
import { InvestmentsPanel } from "./InvestmentsPanel.tsx";
import { PaymentsPanel } from "./PaymentsPanel.tsx";

const searchEnterprises = async (q: string) => {
  const page = await request<Page<{ id: number; name: string }>>("/api/enterprises", {
    query: { q, pageSize: 20 },
  });
  return page.items.map((e) => ({ value: e.id, label: e.name }));
};

function ProjectList() {
  const me = useMe();
  const [year, setYear] = useState<number | null>(null);
  const [enterpriseId, setEnterpriseId] = useState<number | null>(null);
  const api = useMemo(
    () => projectsApi({ year: year ?? undefined, enterpriseId: enterpriseId ?? undefined }),
    [year, enterpriseId],
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <Space wrap>
          <Typography.Text>申报年度</Typography.Text>
          <InputNumber
            min={1990}
            max={2100}
            value={year}
            onChange={(v) => setYear(v)}
            placeholder="全部"
            style={{ width: 110 }}
          />
          <Typography.Text>承担企业</Typography.Text>
          <RemoteSelect
            value={enterpriseId}
            onChange={setEnterpriseId}
            fetchOptions={searchEnterprises}
            placeholder="全部企业"
            style={{ width: 280 }}
          />
        </Space>
      </Card>
      <EntityTable<Project>
        key={`${year}-${enterpriseId}`}
        entity="project"
        api={api}
        canWrite={me.canWriteLedgers}
        keywordPlaceholder="项目名称、承担单位、立项编号"
        rowActions={(r) => (
          <>
            {r.overdue && <Tag color="red">逾期</Tag>}
            <Link to={`/projects/${r.id}`}>
              <Button type="link" size="small">
                详情
              </Button>
            </Link>
          </>
        )}
      />
    </Space>
  );
}

/** 科技项目与资金: the project ledger and the funds ledger. */
export default function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "projects";
  return (
    <>
      <PageHeader />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: "projects", label: "项目台账", children: <ProjectList /> },
          { key: "funds", label: "资金拨付", children: <PaymentsPanel /> },
          { key: "investments", label: "招商引资与合作", children: <InvestmentsPanel /> },
        ]}
      />
    </>
  );
}
