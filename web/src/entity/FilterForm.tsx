import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from "@ant-design/icons";
import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { QueryValue } from "../api/client.ts";
import type { FieldMeta } from "../api/types.ts";
import { EnterpriseSelect } from "../enterprises/EnterpriseSelect.tsx";
import { RegionSelect } from "../regions/RegionSelect.tsx";
import { UnitSelect } from "../units/UnitSelect.tsx";

export interface FilterValues {
  q?: string;
  filters: Record<string, QueryValue>;
}

interface FilterFormProps {
  /** Prefix of the input ids, unique on the page (the entity form uses the same keys). */
  name: string;
  fields: FieldMeta[];
  keywordPlaceholder?: string;
  /** Values the form starts with (filters given in the URL). */
  initialValues?: Record<string, unknown>;
  onSearch: (values: FilterValues) => void;
}

/** Fields shown before 展开: keeps the search card to one row on a 1440-wide screen. */
const COLLAPSED_COUNT = 2;

function filterInput(field: FieldMeta) {
  switch (field.filter) {
    case "enum":
      return <Select allowClear placeholder="全部" options={field.options ?? []} />;
    case "boolean":
      return (
        <Select
          allowClear
          placeholder="全部"
          options={[
            { value: "true", label: "是" },
            { value: "false", label: "否" },
          ]}
        />
      );
    case "dateRange":
      return <DatePicker.RangePicker style={{ width: "100%" }} />;
    case "region":
      return <RegionSelect placeholder="全部区域" />;
    case "unit":
      return <UnitSelect placeholder="全部单位" />;
    case "enterprise":
      return <EnterpriseSelect placeholder="全部企业" />;
    default:
      return <Input allowClear placeholder={`请输入${field.label}`} />;
  }
}

/** Turn form values into the query parameters of the list contract. */
function toFilterValues(fields: FieldMeta[], raw: Record<string, unknown>): FilterValues {
  const filters: Record<string, QueryValue> = {};
  for (const f of fields) {
    const v = raw[f.key];
    if (v === undefined || v === null || v === "") continue;
    if (f.filter === "dateRange" && Array.isArray(v)) {
      const [from, to] = v as [Dayjs | null, Dayjs | null];
      if (from) filters[`${f.key}_from`] = from.format("YYYY-MM-DD");
      if (to) filters[`${f.key}_to`] = to.format("YYYY-MM-DD");
    } else if (typeof v === "string") {
      filters[f.key] = v.trim();
    } else if (typeof v === "number" || typeof v === "boolean") {
      filters[f.key] = v;
    }
  }
  const q = typeof raw.q === "string" && raw.q.trim() ? raw.q.trim() : undefined;
  return { q, filters };
}

/** The query card above a list: keyword plus one control per filterable field. */
export function FilterForm({
  name,
  fields,
  keywordPlaceholder,
  initialValues,
  onSearch,
}: FilterFormProps) {
  const [form] = Form.useForm();
  const filterable = fields.filter((f) => f.filter !== null);
  // Open the extra filters when a given one would otherwise be hidden.
  const [expanded, setExpanded] = useState(() =>
    filterable.slice(COLLAPSED_COUNT).some((f) => initialValues?.[f.key] !== undefined),
  );
  const visible = expanded ? filterable : filterable.slice(0, COLLAPSED_COUNT);
  const collapsible = filterable.length > COLLAPSED_COUNT;

  const submit = () => onSearch(toFilterValues(filterable, form.getFieldsValue()));

  return (
    <Form
      form={form}
      name={name}
      onFinish={submit}
      initialValues={initialValues}
      layout="horizontal"
      labelCol={{ flex: "88px" }}
    >
      <Row gutter={24}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="q" label="关键字">
            <Input allowClear placeholder={keywordPlaceholder ?? "名称等关键字"} />
          </Form.Item>
        </Col>
        {visible.map((f) => (
          <Col xs={24} md={12} xl={6} key={f.key}>
            <Form.Item name={f.key} label={f.label}>
              {filterInput(f)}
            </Form.Item>
          </Col>
        ))}
        <Col flex="auto" style={{ textAlign: "right" }}>
          <Form.Item>
            <Space>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.resetFields();
                  submit();
                }}
              >
                重置
              </Button>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              {collapsible && (
                <Button type="link" onClick={() => setExpanded((e) => !e)}>
                  {expanded ? "收起" : "展开"}
                  {expanded ? <UpOutlined /> : <DownOutlined />}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
