import { Skeleton, Tabs } from "antd";
import { lazy, Suspense, useState } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { importJobApi } from "../../entity/importJobApi.ts";
import { JobImportButton } from "../../entity/JobImportButton.tsx";
import { LastImportAlert } from "../../entity/LastImportAlert.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { DisputeList, EnforcementList } from "../ip-work/IpWorkLists.tsx";
import { patentsApi } from "./api.ts";

// The statistics tab carries the charting library: loaded when the tab is first opened.
const PatentStatsPanel = lazy(() =>
  import("./PatentStatsPanel.tsx").then((m) => ({ default: m.PatentStatsPanel })),
);

// A bureau's patent list runs to a million rows: imported in the background with progress.
const patentImportJobs = importJobApi("/api/patents");

/** 知识产权: the patent ledger (import of patent lists) and its statistics. */
export default function PatentsPage() {
  const me = useMe();
  // Bumped when an import started here ends, so the "last import" note shows its outcome.
  const [importsEnded, setImportsEnded] = useState(0);
  // The open tab is in the address (?tab=stats), so a reload, Back or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "ledger";
  return (
    <>
      <PageHeader />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: "ledger",
            label: "专利台账",
            children: (
              <>
                {me.canWriteLedgers && (
                  <LastImportAlert key={importsEnded} api={patentImportJobs} entityLabel="专利" />
                )}
                <EntityTable
                  entity="patent"
                  api={patentsApi}
                  canWrite={me.canWriteLedgers}
                  keywordPlaceholder="申请号、专利名称、申请人"
                  importButton={(reload) => (
                    <JobImportButton
                      entityLabel="专利"
                      api={patentImportJobs}
                      onImported={reload}
                      onSettled={() => setImportsEnded((n) => n + 1)}
                    />
                  )}
                />
              </>
            ),
          },
          {
            key: "stats",
            label: "专利统计",
            children: (
              <Suspense fallback={<Skeleton active />}>
                <PatentStatsPanel />
              </Suspense>
            ),
          },
          { key: "enforcement", label: "执法行动", children: <EnforcementList /> },
          { key: "disputes", label: "纠纷案件", children: <DisputeList /> },
        ]}
      />
    </>
  );
}
