import { Form, Select } from "antd";
import { useEffect, useState } from "react";
import { request } from "../api/client.ts";
import type { RemoteSource } from "../api/types.ts";
import type { RemoteOption } from "./RemoteSelect.tsx";

interface RemoteFieldSelectProps {
  source: RemoteSource;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Label of the saved value, shown before (or without) the options loading. */
  initialOption?: RemoteOption | null;
  placeholder?: string;
  id?: string;
}

/** An option the endpoint may mark as not pickable (e.g. a payment linked elsewhere). */
type FieldOption = RemoteOption & { disabled?: boolean };

/**
 * A select whose options a module endpoint lists for the value of another form field
 * (e.g. an enterprise's 贷款贴息 payments). Without that value there is nothing to pick.
 * The record's saved value is its own: shown with its saved label and always pickable,
 * even where the endpoint marks it as taken (by this very record).
 */
export function RemoteFieldSelect({
  source,
  value,
  onChange,
  initialOption,
  placeholder,
  id,
}: RemoteFieldSelectProps) {
  const form = Form.useFormInstance();
  const parentValue: unknown = Form.useWatch(source.dependsOn ?? [], form);
  const ready =
    !source.dependsOn || (parentValue !== undefined && parentValue !== null && parentValue !== "");
  const [options, setOptions] = useState<FieldOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!ready) {
      setOptions([]);
      return;
    }
    let live = true;
    setLoading(true);
    setFailed(false);
    const query = source.dependsOn ? { [source.dependsOn]: String(parentValue) } : {};
    request<{ items: FieldOption[] }>(source.url, { query })
      .then((res) => {
        if (live) setOptions(res.items);
      })
      .catch(() => {
        if (live) {
          setOptions([]);
          setFailed(true);
        }
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [ready, parentValue, source.url, source.dependsOn]);

  const saved = initialOption ?? null;
  const merged: FieldOption[] =
    saved === null
      ? options
      : options.some((o) => o.value === saved.value)
        ? options.map((o) => (o.value === saved.value ? saved : o))
        : value === saved.value
          ? [saved, ...options]
          : options;

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={merged}
      // Labels are long (date, amount, voucher, project, what it is linked to): wrap, not clip.
      optionRender={(o) => <span style={{ whiteSpace: "normal" }}>{o.label}</span>}
      loading={loading}
      disabled={!ready && value == null}
      placeholder={ready ? placeholder : `请先选择${source.dependsOnLabel ?? "上一项"}`}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      notFoundContent={loading ? "正在加载…" : failed ? "加载失败，请重试" : "没有可选的记录"}
      style={{ width: "100%" }}
    />
  );
}
