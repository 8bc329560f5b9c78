import { entityApi } from "../../api/entities.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";

const enforcementApi = entityApi("/api/ip/enforcement");
const disputesApi = entityApi("/api/ip/disputes");

/** 知识产权执法行动 ledger, shown as a tab of the 知识产权 page. */
export function EnforcementList() {
  const me = useMe();
  return (
    <EntityTable
      entity="ip_enforcement"
      api={enforcementApi}
      canWrite={me.canWriteLedgers}
      keywordPlaceholder="行动名称、专项行动、地点"
    />
  );
}

/** 专利纠纷/侵权案件 ledger, shown as a tab of the 知识产权 page. */
export function DisputeList() {
  const me = useMe();
  return (
    <EntityTable
      entity="ip_dispute"
      api={disputesApi}
      canWrite={me.canWriteLedgers}
      keywordPlaceholder="案件编号、当事人"
    />
  );
}
