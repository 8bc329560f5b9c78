import { Button, Tabs } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { AlertsPanel } from "./AlertsPanel.tsx";
import { enterprisesApi } from "./api.ts";
import { PipelineBoard } from "./PipelineBoard.tsx";
import { RecognitionImport } from "./RecognitionImport.tsx";
import { RegionYearPanel } from "./RegionYearPanel.tsx";

/** 企业与高企培育: the registry, the alerts and the cultivation pipeline. */
export default function EnterprisesPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [reloadKey, setReloadKey] = useState(0);
  const tab = params.get("tab") ?? "registry";
  return (
    <>
      <PageHeader />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: "registry",
            label: "企业名录",
            children: (
              <EntityTable
                key={reloadKey}
                entity="enterprise"
                api={enterprisesApi}
                canWrite={me.canWriteLedgers}
                keywordPlaceholder="企业名称、信用代码、联系人"
                rowActions={(r) => (
                  <Link to={`/enterprises/${r.id}`}>
                    <Button type="link" size="small">
                      详情
                    </Button>
                  </Link>
                )}
                toolbar={
                  me.canWriteLedgers ? (
                    <RecognitionImport onImported={() => setReloadKey((k) => k + 1)} />
                  ) : undefined
                }
              />
            ),
          },
          { key: "alerts", label: "预警提醒", children: <AlertsPanel /> },
          { key: "pipeline", label: "培育梯队", children: <PipelineBoard /> },
          { key: "region-years", label: "地区年度数据", children: <RegionYearPanel /> },
        ]}
      />
    </>
  );
}
