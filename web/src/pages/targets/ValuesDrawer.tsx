import { DownloadOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useMe } from "../../auth/AuthContext.tsx";
import { ImportButton } from "../../entity/ImportButton.tsx";
import { RegionSelect } from "../../regions/RegionSelect.tsx";
import { formatValue, type Indicator, type IndicatorValue, targetsApi } from "./api.ts";

interface Props {
  open: boolean;
  year: number;
  indicators: Indicator[];
  onClose: () => void;
  onChanged: () => void;
}

interface Values {
  regionId: number;
  indicatorId: number;
  asOf: Dayjs;
  value: number;
  note?: string;
}

/**
 * 录入统计数: hand-entered indicators (研发投入, 高新技术产业总产值 …) take the statistics
 * bureau's year-to-date figure ("1—6月累计") at a date; the latest one counts. Editors and
 * admins at every level enter figures for any region in their subtree (the city for its
 * counties too); a figure entered by a higher level is read-only below it.
 */
export function ValuesDrawer({ open, year, indicators, onClose, onChanged }: Props) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [rows, setRows] = useState<IndicatorValue[]>([]);
  const manual = indicators.filter((i) => i.kind === "manual");
  const canWrite = me.role !== "viewer";
  const indicatorId = Form.useWatch("indicatorId", form);
  const unit = manual.find((i) => i.id === indicatorId)?.unit;

  const load = useCallback(async () => {
    setRows((await targetsApi.values({ year })).items);
  }, [year]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const add = async () => {
    const v = await form.validateFields();
    try {
      await targetsApi.createValue({ ...v, asOf: v.asOf.format("YYYY-MM-DD") });
      message.success("已录入");
      form.resetFields(["value"]);
      await load();
      onChanged();
    } catch (err) {
      message.error(err instanceof Error ? err.message : "录入失败");
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`录入统计数（${year}年）`}
      width={860}
      extra={
        <Space>
          {canWrite && (
            <ImportButton
              entityLabel="指标统计数"
              importFile={(file) => targetsApi.importValues(file, year)}
              onImported={() => {
                void load();
                onChanged();
              }}
            />
          )}
          <Button icon={<DownloadOutlined />} onClick={() => void targetsApi.exportValues(year)}>
            导出
          </Button>
          <Button type="link" onClick={() => void targetsApi.valuesTemplate()}>
            下载导入模板
          </Button>
        </Space>
      }
    >
      {canWrite && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ regionId: me.activeRegion.id }}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item name="regionId" rules={[{ required: true, message: "请选择地区" }]}>
            <RegionSelect maxLevel={3} allowClear={false} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="indicatorId" rules={[{ required: true, message: "请选择指标" }]}>
            <Select
              placeholder="指标"
              style={{ width: 170 }}
              options={manual.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))}
            />
          </Form.Item>
          <Form.Item name="asOf" rules={[{ required: true, message: "请选择统计截止日期" }]}>
            <DatePicker placeholder="统计截止日期" />
          </Form.Item>
          <Form.Item name="value" rules={[{ required: true, message: "请填写累计值" }]}>
            <InputNumber
              min={0}
              placeholder="年初至今累计"
              addonAfter={unit}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder="备注" maxLength={200} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" onClick={() => void add()}>
            录入
          </Button>
        </Form>
      )}
      <Table<IndicatorValue>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: "地区", dataIndex: "regionName" },
          { title: "指标", dataIndex: "indicator" },
          { title: "统计截止日期", dataIndex: "asOf" },
          {
            title: "年初至今累计",
            align: "right",
            render: (_, r) => formatValue(r.value, r.unit),
          },
          { title: "备注", dataIndex: "note", ellipsis: true },
          {
            title: "操作",
            render: (_, r) =>
              r.canEdit ? (
                <Popconfirm
                  title="删除这条录入？"
                  onConfirm={async () => {
                    try {
                      await targetsApi.removeValue(r.id, r.version);
                      await load();
                      onChanged();
                    } catch (err) {
                      message.error(err instanceof Error ? err.message : "删除失败");
                    }
                  }}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              ) : canWrite ? (
                <Typography.Text type="secondary">上级录入</Typography.Text>
              ) : null,
          },
        ]}
      />
    </Drawer>
  );
}
