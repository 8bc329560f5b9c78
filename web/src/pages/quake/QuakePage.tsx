import { Tabs } from "antd";
import { entityApi } from "../../api/entities.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { MissingReportsPanel } from "./MissingReportsPanel.tsx";

const LEDGERS = [
  {
    key: "approvals",
    entity: "quakeApproval",
    label: "抗震设防审批",
    search: "工程名称、建设单位",
  },
  { key: "points", entity: "quakePoint", label: "宏观观测点", search: "观测点名称、观测员" },
  { key: "reports", entity: "quakeReport", label: "观测月报", search: "" },
  { key: "terminals", entity: "quakeTerminal", label: "预警终端", search: "安装地点" },
  { key: "shelters", entity: "quakeShelter", label: "应急避难场所", search: "场所名称" },
  { key: "drills", entity: "quakeDrill", label: "应急演练", search: "演练地点、组织单位" },
].map((l) => ({ ...l, api: entityApi(`/api/quake/${l.key}`) }));

/** 防震减灾: the six ledgers as tabs, and the 缺报 alerts for monthly observation reports. */
export default function QuakePage() {
  const me = useMe();
  return (
    <>
      <PageHeader />
      <Tabs
        items={[
          { key: "missing", label: "月报缺报提醒", children: <MissingReportsPanel /> },
          ...LEDGERS.map((l) => ({
            key: l.key,
            label: l.label,
            children: (
              <EntityTable
                entity={l.entity}
                api={l.api}
                canWrite={me.canWriteLedgers}
                keywordPlaceholder={l.search || undefined}
              />
            ),
          })),
        ]}
      />
    </>
  );
}
