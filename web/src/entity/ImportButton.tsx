import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Table, Upload } from "antd";
import { useState } from "react";
import { ApiError, type RowError } from "../api/client.ts";
import type { ImportResult } from "../api/types.ts";

interface ImportButtonProps {
  entityLabel: string;
  importFile: (file: File) => Promise<ImportResult>;
  onImported: () => void;
  /** Button text when a screen has more than one import. */
  label?: string;
}

interface Failure {
  message: string;
  rows: RowError[];
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
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const run = async (file: File) => {
    setBusy(true);
    try {
      const r = await importFile(file);
      modal.success({
        title: "导入成功",
        content: `共 ${r.total} 行：新增 ${r.created} 条，更新 ${r.updated} 条。`,
        okText: "知道了",
      });
      onImported();
    } catch (err) {
      if (err instanceof ApiError && err.rows.length > 0) {
        setFailure({ message: err.message, rows: err.rows });
      } else {
        message.error(err instanceof Error ? err.message : "导入失败");
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
      <Modal
        open={failure !== null}
        title={`导入${entityLabel}失败`}
        width={720}
        onCancel={() => setFailure(null)}
        footer={
          <Button type="primary" onClick={() => setFailure(null)}>
            关闭
          </Button>
        }
      >
        <Alert
          type="error"
          showIcon
          title={failure?.message}
          description="请按下表逐行修改文件后重新导入。本次导入未写入任何数据。"
          style={{ marginBottom: 16 }}
        />
        <Table<RowError & { key: number }>
          size="small"
          bordered
          dataSource={(failure?.rows ?? []).map((r, i) => ({ ...r, key: i }))}
          pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (t) => `共 ${t} 处错误` }}
          columns={[
            { title: "行号", dataIndex: "row", width: 80, align: "center" },
            { title: "列", dataIndex: "column", width: 180 },
            { title: "原因", dataIndex: "message" },
          ]}
        />
      </Modal>
    </>
  );
}
