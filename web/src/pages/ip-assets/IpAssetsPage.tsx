import { Tabs } from "antd";
import { useSearchParams } from "react-router";
import { entityApi } from "../../api/entities.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";

const pledgesApi = entityApi("/api/ip/pledges");
const designationsApi = entityApi("/api/ip/designations");

/** 知识产权质押融资 and 荣誉/试点示范: two ledgers on one page. */
export default function IpAssetsPage() {
  const me = useMe();
  // The open tab is in the address (?tab=designations): a reload or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "pledges";
  return (
    <>
      <PageHeader />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: "pledges",
            label: "质押融资",
            children: (
              <EntityTable
                entity="ip_pledge"
                api={pledgesApi}
                canWrite={me.canWriteLedgers}
                keywordPlaceholder="企业名称、信用代码或质权人"
              />
            ),
          },
          {
            key: "designations",
            label: "知识产权荣誉与试点示范",
            children: (
              <EntityTable
                entity="ip_designation"
                api={designationsApi}
                canWrite={me.canWriteLedgers}
                keywordPlaceholder="企业名称、信用代码或文号"
              />
            ),
          },
        ]}
      />
    </>
  );
}
