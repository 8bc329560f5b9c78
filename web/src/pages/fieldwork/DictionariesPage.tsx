import { Form, Input, InputNumber } from "antd";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { DictionaryCard, type DictionaryEntry } from "./DictionaryCard.tsx";

interface Campaign extends DictionaryEntry {
  name: string;
  usualMonth: number | null;
}
interface OutputKind extends DictionaryEntry {
  label: string;
  unit: string;
}

/** 系统管理 → 科普活动字典: the 主题活动 (with usual month) and 成效指标 dictionaries. */
export default function DictionariesPage() {
  return (
    <>
      <PageHeader />
      <DictionaryCard<Campaign>
        title="主题活动"
        noun="主题活动"
        url="/api/activities/campaigns"
        blank={{ name: "", usualMonth: null }}
        columns={[
          { title: "名称", dataIndex: "name" },
          {
            title: "通常月份",
            dataIndex: "usualMonth",
            width: 100,
            render: (v: number | null) => (v ? `${v} 月` : "—"),
          },
        ]}
        toBody={(v) => ({ name: v.name, usualMonth: v.usualMonth ?? null })}
        fields={
          <>
            <Form.Item name="name" label="名称" rules={[{ required: true, message: "请输入名称" }]}>
              <Input maxLength={40} placeholder="如：科技之春" />
            </Form.Item>
            <Form.Item name="usualMonth" label="通常月份" help="每年通常举办的月份，可不填">
              <InputNumber
                min={1}
                max={12}
                precision={0}
                addonAfter="月"
                style={{ width: "100%" }}
              />
            </Form.Item>
          </>
        }
      />
      <DictionaryCard<OutputKind>
        title="成效指标"
        noun="成效指标"
        url="/api/activities/output-kinds"
        blank={{ label: "", unit: "" }}
        columns={[
          { title: "名称", dataIndex: "label" },
          { title: "计量单位", dataIndex: "unit", width: 100 },
        ]}
        toBody={(v) => ({ label: v.label, unit: v.unit })}
        fields={
          <>
            <Form.Item
              name="label"
              label="名称"
              rules={[{ required: true, message: "请输入名称" }]}
            >
              <Input maxLength={40} placeholder="如：资料份数" />
            </Form.Item>
            <Form.Item
              name="unit"
              label="计量单位"
              rules={[{ required: true, message: "请输入计量单位" }]}
            >
              <Input maxLength={10} placeholder="如：份、人次、元" />
            </Form.Item>
          </>
        }
      />
    </>
  );
}
