import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../api/client.ts";
import type { ImportResult } from "../api/types.ts";
import { type ImportFailure, ImportFailureModal } from "./ImportFailureModal.tsx";
import { importCountsText, showRefusal } from "./importMessages.ts";

interface ImportButtonProps {
  entityLabel: string;
  importFile: (file: File) => Promise<ImportResult>;
  onImported: () => void;
  /** Button text when a screen has more than one import. */
  label?: string;
}

/**
 * 导入: upload one .xlsx/.csv. The server imports all or nothing; on 422 every bad row comes
 * back and is listed so the user can fix the file in one pass.
 */
export function ImportButton({
  entityLabel,
  importFile,
  onImported,
  label = "导入",
}: ImportButtonProps) {
  const { modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    try {
      const r = await importFile(file);
      modal.success({
        title: "导入成功",
        content: `${importCountsText(r)}。`,
        okText: "知道了",
      });
      onImported();
    } catch (err) {
      if (err instanceof ApiError && err.rows.length > 0) {
        setFailure({ message: err.message, rows: err.rows });
      } else {
        showRefusal(modal, err instanceof Error ? err.message : "导入失败");
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          void run(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {label}
        </Button>
      </Upload>
      <ImportFailureModal
        entityLabel={entityLabel}
        failure={failure}
        onClose={() => setFailure(null)}
      />
    </>
  );
}
