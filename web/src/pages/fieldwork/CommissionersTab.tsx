import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { ImportButton } from "../../entity/ImportButton.tsx";
import { AssignmentsDrawer } from "./AssignmentsDrawer.tsx";
import { assignmentsApi, type CommissionerRecord, commissionersApi } from "./api.ts";

/** A city's commissioner serving a town here: listed, changed only by the city. */
const readOnlyRow = (r: CommissionerRecord) => r.readOnly;

/** 科技特派员: the roster (with its Excel import) and each one's 服务安排. */
export function CommissionersTab({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<{ record: CommissionerRecord; reload: () => void } | null>(null);
  const fail = (err: unknown) => message.error(err instanceof Error ? err.message : "下载失败");
  return (
    <>
      <EntityTable<CommissionerRecord>
        entity="commissioner"
        api={commissionersApi}
        canWrite={canWrite}
        readOnlyRow={readOnlyRow}
        keywordPlaceholder="姓名、单位、专业、团队"
        rowActions={(record, reload) => (
          <Button size="small" type="link" onClick={() => setOpen({ record, reload })}>
            服务安排
          </Button>
        )}
        toolbar={
          <>
            {canWrite && (
              <ImportButton
                entityLabel="特派员服务安排"
                label="导入服务安排"
                importFile={assignmentsApi.importFile}
                onImported={() => open?.reload()}
              />
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={() => assignmentsApi.exportFile({}, "特派员服务安排.xlsx").catch(fail)}
            >
              导出服务安排
            </Button>
            {canWrite && (
              <Button
                icon={<FileExcelOutlined />}
                onClick={() => assignmentsApi.template("特派员服务安排导入模板.xlsx").catch(fail)}
              >
                服务安排模板
              </Button>
            )}
          </>
        }
      />
      <AssignmentsDrawer
        record={open?.record ?? null}
        canWrite={canWrite && !open?.record.readOnly}
        onClose={() => setOpen(null)}
        onChanged={async () => {
          if (!open) return null;
          open.reload();
          return commissionersApi.get(open.record.id);
        }}
      />
    </>
  );
}
