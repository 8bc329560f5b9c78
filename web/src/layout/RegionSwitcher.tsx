import { EnvironmentOutlined } from "@ant-design/icons";
import { App, Space, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import { authApi } from "../api/auth.ts";
import { useAuth, useMe } from "../auth/AuthContext.tsx";
import { buildRegionTree } from "../regions/tree.ts";
import { useRegions } from "../regions/useRegions.ts";

/** Levels a city/province user may look at: county is the smallest roll-up unit. */
const SWITCH_MAX_LEVEL = 3;

/**
 * The region the user is looking at. Province and city users switch between their own roll-up
 * and any county below it; county users only see their own name.
 */
export function RegionSwitcher() {
  const me = useMe();
  const { setMe } = useAuth();
  const { message } = App.useApp();
  const canSwitch = me.homeRegion.level < 3;
  const { regions, loading } = useRegions(SWITCH_MAX_LEVEL, canSwitch);
  const treeData = useMemo(() => buildRegionTree(regions), [regions]);
  const [switching, setSwitching] = useState(false);

  if (!canSwitch) {
    return (
      <Space size={6}>
        <EnvironmentOutlined />
        <Typography.Text strong>{me.activeRegion.name}</Typography.Text>
      </Space>
    );
  }

  const change = async (regionId: number) => {
    if (regionId === me.activeRegion.id) return;
    setSwitching(true);
    try {
      const next = await authApi.switchRegion(regionId);
      setMe(next);
      message.success(`已切换到：${next.activeRegion.name}`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : "切换失败");
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Space size={6}>
      <EnvironmentOutlined />
      <Typography.Text type="secondary">当前区域</Typography.Text>
      <TreeSelect
        value={me.activeRegion.id}
        treeData={
          treeData.length
            ? treeData
            : [
                {
                  value: me.activeRegion.id,
                  title: me.activeRegion.name,
                  level: me.activeRegion.level,
                },
              ]
        }
        loading={loading || switching}
        onChange={(v: number) => void change(v)}
        showSearch={{ treeNodeFilterProp: "title" }}
        treeDefaultExpandedKeys={[me.homeRegion.id]}
        style={{ width: 200 }}
        styles={{ popup: { root: { minWidth: 260 } } }}
        aria-label="切换区域"
      />
    </Space>
  );
}
