import { Select } from "antd";
import { useEffect, useRef, useState } from "react";

export interface RemoteOption {
  value: number;
  label: string;
}

interface RemoteSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Server-side search: never loads the whole table, only the first page of matches. */
  fetchOptions: (keyword: string) => Promise<RemoteOption[]>;
  /** Label of the current value, so an edit form shows a name before any search. */
  initialOption?: RemoteOption | null;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

export function RemoteSelect({
  value,
  onChange,
  fetchOptions,
  initialOption,
  placeholder = "输入关键字搜索",
  allowClear = true,
  style,
  id,
}: RemoteSelectProps) {
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const search = (keyword: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      fetchOptions(keyword)
        .then((opts) => {
          if (mine === seq.current) setOptions(opts);
        })
        .catch(() => {
          if (mine === seq.current) setOptions([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, 250);
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  const merged =
    initialOption && !options.some((o) => o.value === initialOption.value)
      ? [initialOption, ...options]
      : options;

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={merged}
      loading={loading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => {
        if (open && options.length === 0) search("");
      }}
      notFoundContent={loading ? "正在搜索…" : "无匹配结果"}
      style={{ width: "100%", ...style }}
    />
  );
}
