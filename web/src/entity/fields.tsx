import { DatePicker, Input, InputNumber, Select, Switch, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { ReactNode } from "react";
import type { EntityRecord, FieldMeta } from "../api/types.ts";
import { EnterpriseSelect } from "../enterprises/EnterpriseSelect.tsx";
import { RegionSelect } from "../regions/RegionSelect.tsx";
import { UnitSelect } from "../units/UnitSelect.tsx";
import { RemoteFieldSelect } from "./RemoteFieldSelect.tsx";

/** Where a list item carries the display name of a reference: regionId → regionName. */
export function displayKey(field: FieldMeta): string {
  return field.key.endsWith("Id") ? `${field.key.slice(0, -2)}Name` : `${field.key}Name`;
}

const moneyFormat = new Intl.NumberFormat("zh-CN", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

export function renderCell(field: FieldMeta, record: EntityRecord): ReactNode {
  const value = record[field.key];
  if (field.type === "remote") {
    const text = field.remote ? record[field.remote.labelKey] : undefined;
    return typeof text === "string" && text ? text : value ? String(value) : "—";
  }
  if (value === null || value === undefined || value === "") {
    if (field.type === "region" || field.type === "unit" || field.type === "enterprise") {
      const name = record[displayKey(field)];
      return typeof name === "string" && name ? name : "—";
    }
    return "—";
  }
  switch (field.type) {
    case "boolean":
      return value ? <Tag color="success">是</Tag> : <Tag>否</Tag>;
    case "enum": {
      const opt = field.options?.find((o) => o.value === String(value));
      return opt?.label ?? String(value);
    }
    case "money":
      return typeof value === "number" ? moneyFormat.format(value) : String(value);
    case "number":
    case "integer":
      return typeof value === "number" ? numberFormat.format(value) : String(value);
    case "date":
      return String(value).slice(0, 10);
    case "region":
    case "unit": {
      const name = record[displayKey(field)];
      return typeof name === "string" && name ? name : String(value);
    }
    default:
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
        return dayjs(value).format("YYYY-MM-DD HH:mm");
      }
      return String(value);
  }
}

export function isSelectLike(field: FieldMeta): boolean {
  return ["enum", "date", "boolean", "region", "unit", "enterprise", "remote"].includes(field.type);
}

export function requiredMessage(field: FieldMeta): string {
  return `${isSelectLike(field) ? "请选择" : "请输入"}${field.label}`;
}

/** The input for one field in the entity form. */
export function fieldInput(field: FieldMeta, record: EntityRecord | null): ReactNode {
  const placeholder = requiredMessage(field);
  switch (field.type) {
    case "textarea":
      return <Input.TextArea rows={3} placeholder={placeholder} showCount maxLength={2000} />;
    case "number":
      return <InputNumber style={{ width: "100%" }} placeholder={placeholder} />;
    case "integer":
      return <InputNumber style={{ width: "100%" }} precision={0} placeholder={placeholder} />;
    case "money":
      // Grouped as it is shown (3,000,000.00): a missing zero is seen while typing.
      return (
        <InputNumber<number>
          style={{ width: "100%" }}
          precision={2}
          min={0}
          placeholder={placeholder}
          formatter={(v) => `${v ?? ""}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}
          // As antd documents it: the parser hands back text, which InputNumber reads as a
          // number itself (an empty or half-typed field must not become 0).
          parser={(v) => (v ?? "").replace(/,/g, "") as unknown as number}
        />
      );
    case "date":
      return <DatePicker style={{ width: "100%" }} placeholder={placeholder} />;
    case "boolean":
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case "enum":
      return (
        <Select
          placeholder={placeholder}
          allowClear={!field.required}
          options={field.options ?? []}
        />
      );
    case "region": {
      const name = record?.[displayKey(field)];
      return (
        <RegionSelect
          placeholder={placeholder}
          valueLabel={typeof name === "string" ? name : undefined}
        />
      );
    }
    case "unit": {
      const name = record?.[displayKey(field)];
      const id = record?.[field.key];
      const initialOption =
        typeof id === "number" && typeof name === "string" ? { value: id, label: name } : null;
      return <UnitSelect placeholder={placeholder} initialOption={initialOption} />;
    }
    case "enterprise": {
      const name = record?.[displayKey(field)];
      const id = record?.[field.key];
      const initialOption =
        typeof id === "number" && typeof name === "string" ? { value: id, label: name } : null;
      return (
        <EnterpriseSelect placeholder="输入企业名称或信用代码搜索" initialOption={initialOption} />
      );
    }
    case "remote": {
      const label = field.remote ? record?.[field.remote.labelKey] : undefined;
      const id = record?.[field.key];
      const initialOption =
        typeof id === "number" && typeof label === "string" ? { value: id, label } : null;
      return field.remote ? (
        <RemoteFieldSelect
          source={field.remote}
          placeholder={placeholder}
          initialOption={initialOption}
        />
      ) : null;
    }
    default:
      return <Input placeholder={placeholder} allowClear maxLength={200} />;
  }
}

/** Switches a new record starts with switched on (the server defaults them to true). */
const ON_BY_DEFAULT = new Set(["active", "enabled"]);

/** Record values → form values (dates become dayjs). */
export function toFormValues(fields: FieldMeta[], record: EntityRecord | null) {
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const v = record?.[f.key];
    if (f.type === "date") values[f.key] = typeof v === "string" && v ? dayjs(v) : undefined;
    else if (f.type === "boolean") values[f.key] = record ? Boolean(v) : ON_BY_DEFAULT.has(f.key);
    else values[f.key] = v ?? undefined;
  }
  return values;
}

/** Form values → request body: dates as YYYY-MM-DD, blanks as null, text trimmed. */
export function fromFormValues(fields: FieldMeta[], values: Record<string, unknown>) {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === "date")
      body[f.key] = dayjs.isDayjs(v) ? (v as Dayjs).format("YYYY-MM-DD") : null;
    else if (f.type === "boolean") body[f.key] = Boolean(v);
    else if (typeof v === "string") body[f.key] = v.trim() === "" ? null : v.trim();
    else body[f.key] = v ?? null;
  }
  return body;
}
