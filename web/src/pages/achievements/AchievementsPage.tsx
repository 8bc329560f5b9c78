import { Tabs } from "antd";
import { entityApi } from "../../api/entities.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";

const LEDGERS = [
  {
    key: "achievements",
    entity: "achievement",
    label: "科技成果",
    search: "成果名称、登记号、完成单位",
  },
  { key: "standards", entity: "standard", label: "标准", search: "标准名称、标准号、起草单位" },
  { key: "awards", entity: "award", label: "奖励", search: "项目名称、完成单位" },
  { key: "honours", entity: "honour", label: "荣誉", search: "荣誉名称、获得者、授予机关" },
].map((l) => ({ ...l, api: entityApi(`/api/${l.key}`) }));

/** 成果与奖励: 科技成果, 标准制定, 科技奖励 and 荣誉与考核, as tabs. */
export default function AchievementsPage() {
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
              keywordPlaceholder={l.search}
            />
          ),
        }))}
      />
    </>
  );
}
