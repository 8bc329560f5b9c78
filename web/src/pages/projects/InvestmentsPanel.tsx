import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useMemo, useState } from "react";
import { request } from "../../api/client.ts";
import { entityApi } from "../../api/entities.ts";
import type { EntityRecord } from "../../api/types.ts";
import { useMe } from "../../auth/AuthContext.tsx";
import { EntityTable } from "../../entity/EntityTable.tsx";
import { wan } from "./api.ts";

type Investment = EntityRecord & {
  id: number;
  name: string;
  status: string;
  version: number;
  arrivedAmount: number;
};
interface Arrival {
  id: number;
  arrivedOn: string;
  amount: number;
  note: string | null;
}

/** 到位资金: the dated arrivals of one investment project, with add/delete. */
function ArrivalsDialog({ item, onClose }: { item: Investment; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const [rows, setRows] = useState<Arrival[]>([]);
  const [form] = Form.useForm<{ arrivedOn: Dayjs; amount: number; note?: string }>();
  const base = `/api/investments/${item.id}/arrivals`;
  const load = useCallback(
    () =>
      request<Arrival[]>(base)
        .then(setRows)
        .catch(() => setRows([])),
    [base],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const add = async (v: { arrivedOn: Dayjs; amount: number; note?: string }) => {
    try {
      await request(base, {
        method: "POST",
        body: {
          arrivedOn: v.arrivedOn.format("YYYY-MM-DD"),
          amount: Math.round(v.amount * 1e6) / 100,
          note: v.note,
        },
      });
      form.resetFields();
      void load();
    } catch (err) {
      message.error(err instanceof Error ? err.message : "保存失败");
    }
  };
  const total = rows.reduce((s, r) => s + r.amount, 0);
  return (
    <Modal open title={`到位资金：${item.name}`} width={720} footer={null} onCancel={onClose}>
      {me.canWriteLedgers && (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void add(v)}
          initialValues={{ arrivedOn: dayjs() }}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="arrivedOn" rules={[{ required: true, message: "请选择日期" }]}>
            <DatePicker placeholder="到位日期" />
          </Form.Item>
          <Form.Item name="amount" rules={[{ required: true, message: "请填写金额" }]}>
            <InputNumber min={0.0001} precision={4} placeholder="金额（万元）" />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder="说明" maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            登记到位
          </Button>
        </Form>
      )}
      <Table<Arrival>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        footer={() => `合计到位 ${wan(total)} 万元`}
        columns={[
          { title: "到位日期", dataIndex: "arrivedOn", width: 120 },
          { title: "金额（万元）", dataIndex: "amount", render: (v: number) => wan(v) },
          { title: "说明", dataIndex: "note" },
          ...(me.canWriteLedgers
            ? [
                {
                  title: "",
                  width: 70,
                  render: (_: unknown, r: Arrival) => (
                    <Popconfirm
                      title="删除这条到位记录？"
                      onConfirm={() =>
                        request(`${base}/${r.id}`, { method: "DELETE" })
                          .then(load)
                          .catch((err: unknown) =>
                            message.error(err instanceof Error ? err.message : "删除失败"),
                          )
                      }
                    >
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Modal>
  );
}

/** 招商引资与合作项目: the ledger, with the arrivals of funds per project. */
export function InvestmentsPanel() {
  const me = useMe();
  const api = useMemo(() => entityApi<Investment>("/api/investments"), []);
  const [open, setOpen] = useState<{ item: Investment; reload: () => void } | null>(null);
  return (
    <>
      <EntityTable<Investment>
        entity="investment"
        api={api}
        canWrite={me.canWriteLedgers}
        keywordPlaceholder="项目名称、合作方、我方单位"
        rowActions={(r, reload) => (
          <Space>
            <Button type="link" size="small" onClick={() => setOpen({ item: r, reload })}>
              到位资金
            </Button>
          </Space>
        )}
      />
      {open && (
        <ArrivalsDialog
          item={open.item}
          onClose={() => {
            open.reload();
            setOpen(null);
          }}
        />
      )}
    </>
  );
}
