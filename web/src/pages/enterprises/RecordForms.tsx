import { PlusOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { ApiError, request } from "../../api/client.ts";

interface Kind {
  code: string;
  name: string;
  byYear: boolean;
  numberLabel: string;
}

/** Shows server field errors on the form items, or a message. */
function useSave(onSaved: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const save = async (
    form: ReturnType<typeof Form.useForm>[0],
    url: string,
    body: Record<string, unknown>,
  ) => {
    setBusy(true);
    try {
      await request(url, { method: "POST", body });
      message.success("已保存");
      onSaved();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        form.setFields(
          err.fields.map((f) => ({ name: f.field.split(".")[0] ?? f.field, errors: [f.message] })),
        );
      }
      message.error(err instanceof Error ? err.message : "保存失败");
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
}

const day = (d: Dayjs | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);

/** 添加资质: a certificate, 入库 or title; expiry follows from the kind's validity rule. */
export function AddQualification({
  enterpriseId,
  onSaved,
}: {
  enterpriseId: number;
  onSaved: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [form] = Form.useForm();
  const { busy, save } = useSave(onSaved);
  useEffect(() => {
    if (open && kinds.length === 0)
      void request<{ items: Kind[] }>("/api/enterprises/qualification-kinds").then((r) =>
        setKinds(r.items),
      );
  }, [open, kinds.length]);
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        添加资质
      </Button>
      <Modal
        open={open}
        title="添加资质"
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() =>
          form.validateFields().then(async (v) => {
            const ok = await save(form, "/api/enterprise-qualifications", {
              enterpriseId,
              kindCode: v.kindCode,
              number: v.number || null,
              year: v.year ?? null,
              issuedOn: day(v.issuedOn),
            });
            if (ok) {
              form.resetFields();
              setOpen(false);
            }
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="kindCode"
            label="资质类型"
            rules={[{ required: true, message: "请选择资质类型" }]}
          >
            <Select options={kinds.map((k) => ({ value: k.code, label: k.name }))} />
          </Form.Item>
          <Form.Item name="number" label="证书（入库）编号">
            <Input />
          </Form.Item>
          <Form.Item name="issuedOn" label="发证（入库）日期" help="高企等按证书日期起算有效期">
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="year"
            label="年度"
            help="科技型中小企业等按年度有效；不填时取发证日期的年份"
          >
            <InputNumber min={1990} max={2100} style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const MONEY = [
  ["revenue", "营业收入（万元）"],
  ["rdExpense", "研发费用（万元）"],
  ["hitechIncome", "高新技术产品（服务）收入（万元）"],
  ["superDeduction", "研发费用加计扣除额（万元）"],
] as const;

/** 录入年度数据: money is typed in 万元 as bureaus read it and stored in 元. */
export function AddYearly({
  enterpriseId,
  onSaved,
}: {
  enterpriseId: number;
  onSaved: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { busy, save } = useSave(onSaved);
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        录入年度数据
      </Button>
      <Modal
        open={open}
        title="录入年度数据"
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() =>
          form.validateFields().then(async (v) => {
            const body: Record<string, unknown> = {
              enterpriseId,
              year: v.year,
              employees: v.employees ?? null,
              stStaff: v.stStaff ?? null,
              aboveScale: v.aboveScale ?? false,
            };
            for (const [k] of MONEY) body[k] = typeof v[k] === "number" ? v[k] * 1e4 : null;
            if (await save(form, "/api/enterprise-yearly", body)) {
              form.resetFields();
              setOpen(false);
            }
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="year" label="年度" rules={[{ required: true, message: "请输入年度" }]}>
            <InputNumber min={1990} max={2100} style={{ width: "100%" }} />
          </Form.Item>
          {MONEY.map(([k, label]) => (
            <Form.Item key={k} name={k} label={label}>
              <InputNumber min={0} precision={2} style={{ width: "100%" }} />
            </Form.Item>
          ))}
          <Form.Item name="employees" label="职工总数">
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="stStaff" label="科技人员数">
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="aboveScale" label="规模以上企业" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
