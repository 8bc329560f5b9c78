import { Button, Tabs } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { type ActivityRecord, activitiesApi } from "./api.ts";
import { CampaignTotals } from "./CampaignTotals.tsx";
import { CommissionersTab } from "./CommissionersTab.tsx";
import { CoveragePanel } from "./CoveragePanel.tsx";
import { OutputsDrawer } from "./OutputsDrawer.tsx";

/** 科技特派员与科普: activities (with outputs), campaign totals, commissioners, coverage. */
export default function FieldworkPage() {
  const me = useMe();
  // A dashboard figure may open a tab directly (?tab=commissioners).
  const [params] = useSearchParams();
  const [outputsOf, setOutputsOf] = useState<{ record: ActivityRecord; reload: () => void } | null>(
    null,
  );
  return (
    <>
      <PageHeader />
      <Tabs
        defaultActiveKey={params.get("tab") ?? undefined}
        items={[
          {
            key: "activities",
            label: "科普活动",
            children: (
              <EntityTable<ActivityRecord>
                entity="activity"
                api={activitiesApi}
                canWrite={me.canWriteLedgers}
                keywordPlaceholder="活动名称、地点、主题"
                rowActions={(record, reload) => (
                  <Button size="small" type="link" onClick={() => setOutputsOf({ record, reload })}>
                    成效数据
                  </Button>
                )}
              />
            ),
          },
          { key: "totals", label: "活动成效汇总", children: <CampaignTotals /> },
          {
            key: "commissioners",
            label: "科技特派员",
            children: <CommissionersTab canWrite={me.canWriteLedgers} />,
          },
          { key: "coverage", label: "服务覆盖", children: <CoveragePanel /> },
        ]}
      />
      <OutputsDrawer
        record={outputsOf?.record ?? null}
        canWrite={me.canWriteLedgers}
        onClose={() => setOutputsOf(null)}
        onSaved={() => {
          outputsOf?.reload();
          setOutputsOf(null);
        }}
      />
    </>
  );
}
