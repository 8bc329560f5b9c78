import { entityApi } from "../../api/entities.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";

const unitsApi = entityApi("/api/units");

export default function UnitsPage() {
  const me = useMe();
  return (
    <>
      <PageHeader />
      <EntityTable
        entity="unit"
        api={unitsApi}
        canWrite={me.role === "admin"}
        keywordPlaceholder="单位名称、简称、联系人"
      />
    </>
  );
}
