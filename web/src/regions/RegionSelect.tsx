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
}: RegionSelectProps) {
  const me = useMe();
  const { regions, loading } = useRegions(maxLevel);
  const treeData = useMemo(
    () => buildRegionTree(withinPath(regions, me.activeRegion.path)),
    [regions, me.activeRegion.path],
  );
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
