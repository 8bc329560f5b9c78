import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useMe } from "../auth/AuthContext.tsx";
import { buildRegionTree, withinPath } from "./tree.ts";
import { useRegions } from "./useRegions.ts";

interface RegionSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  /** Deepest level offered (5 = village). */
  maxLevel?: number;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  /**
   * Name to show when the value lies outside the user's subtree (a record of the region
   * above, shown read-only); such a value is listed but cannot be picked.
   */
  valueLabel?: string;
}

/** Region picker limited to the active region's subtree: the only regions the user may use. */
export function RegionSelect({
  value,
  onChange,
  placeholder = "请选择区域",
  maxLevel = 5,
  allowClear = true,
  style,
  id,
  valueLabel,
}: RegionSelectProps) {
  const me = useMe();
  const { regions, loading } = useRegions(maxLevel);
  const treeData = useMemo(() => {
    const within = withinPath(regions, me.activeRegion.path);
    const tree = buildRegionTree(within);
    if (value == null || valueLabel === undefined || within.some((r) => r.id === value))
      return tree;
    return [{ value, title: valueLabel, level: 0, disabled: true }, ...tree];
  }, [regions, me.activeRegion.path, value, valueLabel]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={loading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: "title" }}
      treeDefaultExpandedKeys={[me.activeRegion.id]}
      style={{ width: "100%", ...style }}
      styles={{ popup: { root: { maxHeight: 400, overflow: "auto" } } }}
    />
  );
}
