import { Tabs } from "antd";
import { entityApi } from "../../api/entities.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";

const LEDGERS = [
  {
    key: "platforms",
    entity: "platform",
    label: "平台",
    path: "/api/platforms",
    search: "平台名称、依托单位、认定文号",
  },
  {
    key: "checks",
    entity: "platformCheck",
    label: "年度考核",
    path: "/api/platform-checks",
    search: "",
  },
  {
    key: "cooperation",
    entity: "coopAgreement",
    label: "合作协议",
    path: "/api/cooperation",
    search: "协议名称、我方单位、合作院校",
  },
].map((l) => ({ ...l, api: entityApi(l.path) }));

/** 创新平台: platforms, their yearly checks and the cooperation agreements, as tabs. */
export default function PlatformsPage() {
  const me = useMe();
  return (
    <>
      <PageHeader />
      <Tabs
        items={LEDGERS.map((l) => ({
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
        }))}
      />
    </>
  );
}
