import type { ThemeConfig } from "antd";

/** A restrained government blue; dark side menu like most provincial admin systems. */
export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: "#1456c8",
    colorInfo: "#1456c8",
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif',
  },
  components: {
    Layout: { siderBg: "#001529", headerHeight: 64, bodyBg: "#f0f2f5" },
    Menu: {
      darkItemBg: "#001529",
      darkSubMenuItemBg: "#000c17",
      darkGroupTitleColor: "rgba(255,255,255,0.45)",
    },
    Table: { headerBg: "#f5f7fa" },
  },
};
