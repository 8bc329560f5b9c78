import { Alert, Button, Modal, Table } from "antd";
import type { RowError } from "../api/client.ts";

export interface ImportFailure {
  message: string;
  rows: RowError[];
}

/** Every bad row of a failed import, so the user can fix the file in one pass. */
export function ImportFailureModal({
  entityLabel,
  failure,
  onClose,
}: {
  entityLabel: string;
  failure: ImportFailure | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={failure !== null}
      title={`导入${entityLabel}失败`}
      width={720}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
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
  );
}
