import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { contractsApi } from "./api.ts";

/** 技术合同登记台账 (import/export through the entity spine). */
export default function ContractsPage() {
  const me = useMe();
  return (
    <>
      <PageHeader />
      <EntityTable
        entity="contract"
        api={contractsApi}
        canWrite={me.canWriteLedgers}
        keywordPlaceholder="登记编号、合同名称、买卖双方"
      />
    </>
  );
}
