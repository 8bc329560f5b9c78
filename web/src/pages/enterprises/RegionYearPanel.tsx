import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, InputNumber, Modal, Popconfirm, Space, Table } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useMe } from "../../auth/AuthContext.tsx";
import { RegionSelect } from "../../regions/RegionSelect.tsx";
import { getRegionYears, type RegionYearRecord, wan } from "./api.ts";
import { useRecordSave } from "./useRecordSave.ts";

const URL = "/api/region-year-figures";

/** 地区年度数据: GDP and 高新技术产业总产值 typed in 万元 (stored in 元), population in 万人. */
export function RegionYearPanel() {
  const me = useMe();
  const [rows, setRows] = useState<RegionYearRecord[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<RegionYearRecord | "new" | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    setLoading(true);
    getRegionYears()
      .then((r) => {
        setRows(r.items);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);
  const { busy, save, remove } = useRecordSave(load);

  const open = (r: RegionYearRecord | "new") => {
    form.resetFields();
    if (r !== "new")
      form.setFieldsValue({
        regionId: r.regionId,
        year: r.year,
        gdp: r.gdp === null ? null : r.gdp / 1e4,
        hitechOutput: r.hitechOutput === null ? null : r.hitechOutput / 1e4,
        population: r.population,
      });
    setEditing(r);
  };
  const submit = () =>
    form.validateFields().then(async (v) => {
      const toYuan = (x: unknown) => (typeof x === "number" ? Math.round(x * 1e6) / 100 : null);
      const body = {
        regionId: v.regionId,
        year: v.year,
        gdp: toYuan(v.gdp),
        hitechOutput: toYuan(v.hitechOutput),
        population: typeof v.population === "number" ? v.population : null,
      };
      const ok =
        editing === "new" || editing === null
          ? await save(form, URL, body)
          : await save(form, `${URL}/${editing.id}`, { ...body, version: editing.version }, "PUT");
      if (ok) setEditing(null);
    });

  return (
    <Card
      title="地区年度数据"
      extra={
        me.canWriteLedgers && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open("new")}>
            新增
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<RegionYearRecord>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: "暂无地区年度数据" }}
        columns={[
          { title: "地区", dataIndex: "regionName" },
          { title: "年度", dataIndex: "year", width: 80 },
          {
            title: "地区生产总值（万元）",
            align: "right",
            render: (_, r) => wan(r.gdp),
          },
          {
            title: "高新技术产业总产值（万元）",
            align: "right",
            render: (_, r) => wan(r.hitechOutput),
          },
          {
            title: "年末常住人口（万人）",
            align: "right",
            render: (_, r) => r.population ?? "—",
          },
          ...(me.canWriteLedgers
            ? [
                {
                  title: "操作",
                  width: 120,
                  render: (_: unknown, r: RegionYearRecord) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => open(r)}>
                        编辑
                      </Button>
                      <Popconfirm
                        title="确定删除该地区年度数据吗？"
                        okText="删除"
                        cancelText="取消"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(`${URL}/${r.id}`, r.version)}
                      >
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增地区年度数据" : "编辑地区年度数据"}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setEditing(null)}
        onOk={submit}
        forceRender
      >
        <Form form={form} name="regionYear" layout="vertical">
          <Form.Item
            name="regionId"
            label="地区"
            rules={[{ required: true, message: "请选择地区" }]}
          >
            <RegionSelect maxLevel={4} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: "请输入年度" }]}>
            <InputNumber min={1990} max={2100} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="gdp" label="地区生产总值（万元）">
            <InputNumber min={0} precision={2} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="hitechOutput" label="高新技术产业总产值（万元）">
            <InputNumber min={0} precision={2} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="population" label="年末常住人口（万人）">
            <InputNumber min={0} precision={2} style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
