import { FileDoneOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Select, Space, Table, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { importRecognitions, type RecognitionResult } from "./api.ts";

const KINDS = [
  { value: "hte", label: "国家高新技术企业" },
  { value: "tsme", label: "科技型中小企业" },
  { value: "hte_reserve", label: "省级高新技术企业培育库" },
];

/**
 * 导入认定名单: rows are matched by credit code, else by normalised name. Unmatched rows
 * come back for the user to decide; nothing is written until they confirm 新建并导入.
 */
export function RecognitionImport({ onImported }: { onImported: () => void }) {
  const { message, modal } = App.useApp();
  const [kind, setKind] = useState("hte");
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState<RecognitionResult | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: File, createMissing: boolean) => {
    setBusy(true);
    try {
      const r = await importRecognitions(f, kind, createMissing);
      if (!r.written) {
        setFile(f);
        setPending(r);
        return;
      }
      setPending(null);
      modal.success({
        title: "导入成功",
        content: `共 ${r.total} 行：按信用代码匹配 ${r.matchedByCode} 家，按名称匹配 ${r.matchedByName} 家，新建企业 ${r.enterprisesCreated} 家；新增资质 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条。`,
        okText: "知道了",
      });
      onImported();
    } catch (err) {
      const rows = err instanceof ApiError ? err.rows : [];
      message.error(
        `${err instanceof Error ? err.message : "导入失败"}${rows.length > 0 ? `（第 ${rows[0]?.row} 行 ${rows[0]?.column}：${rows[0]?.message}）` : ""}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space.Compact>
        <Select value={kind} onChange={setKind} options={KINDS} style={{ width: 190 }} />
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(f) => {
            void run(f, false);
            return false;
          }}
        >
          <Button icon={<FileDoneOutlined />} loading={busy}>
            导入认定名单
          </Button>
        </Upload>
      </Space.Compact>
      <Modal
        open={pending !== null}
        title="名单中有未匹配的企业"
        width={760}
        onCancel={() => setPending(null)}
        okText="新建这些企业并导入"
        cancelText="取消，修改名单后重新导入"
        confirmLoading={busy}
        onOk={() => file && void run(file, true)}
      >
        <Alert
          type="warning"
          showIcon
          title={`共 ${pending?.total ?? 0} 行，已匹配 ${(pending?.matchedByCode ?? 0) + (pending?.matchedByName ?? 0)} 家，未匹配 ${pending?.unmatched.length ?? 0} 家。本次未写入任何数据。`}
          description="确认后，未匹配的企业将以名单中的名称和统一社会信用代码新建到本县企业名录。"
          style={{ marginBottom: 16 }}
        />
        <Table
          size="small"
          rowKey="row"
          dataSource={pending?.unmatched ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: "行号", dataIndex: "row", width: 70 },
            { title: "企业名称", dataIndex: "name" },
            { title: "统一社会信用代码", dataIndex: "creditCode", width: 190 },
            { title: "原因", dataIndex: "reason", width: 220 },
          ]}
        />
      </Modal>
    </>
  );
}
