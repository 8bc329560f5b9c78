import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";

/**
 * The menu and the placeholder routes come from this one list, so a business line is added
 * in one place. `description` says what the module will hold; the placeholder shows it.
 */
export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  description?: string;
  adminOnly?: boolean;
}

export interface NavGroup {
  key: string;
  label: string;
  icon?: ReactNode;
  /** A submenu (collapsible) rather than a flat titled group. */
  submenu?: boolean;
  adminOnly?: boolean;
  items: NavItem[];
}

export const dashboardItem: NavItem = {
  path: "/",
  label: "工作台",
  icon: <DashboardOutlined />,
  description: "本级及下级主要指标、目标任务进度、督办事项提醒和待办工作的汇总视图。",
};

export const navGroups: NavGroup[] = [
  {
    key: "ledgers",
    label: "业务台账",
    items: [
      {
        path: "/enterprises",
        label: "企业与高企培育",
        icon: <ShopOutlined />,
        description:
          "企业名录（统一社会信用代码校验）、国家高新技术企业认定与重新认定、高企培育库、科技型中小企业入库及企业年度研发投入等数据。",
      },
      {
        path: "/projects",
        label: "科技项目与资金",
        icon: <FundProjectionScreenOutlined />,
        description:
          "国家、省、市、县各级科技计划项目的申报、立项、实施、中期检查、验收与结题全过程，以及项目经费、专利资助等资金拨付台账。",
      },
      {
        path: "/ip",
        label: "知识产权",
        icon: <FileProtectOutlined />,
        description:
          "专利申请、授权与有效量统计（按类型、按区域），知识产权执法检查、纠纷调处、质押融资及试点示范工作。",
      },
      {
        path: "/ip-assets",
        label: "质押融资与试点示范",
        icon: <SafetyCertificateOutlined />,
        description:
          "知识产权质押融资登记（关联贷款贴息拨付），知识产权示范/优势企业、贯标企业及知识产权强县等荣誉与试点示范。",
      },
      {
        path: "/fieldwork",
        label: "科技特派员与科普",
        icon: <SolutionOutlined />,
        description:
          "科技特派员选派、服务乡镇与服务记录，科普宣传、培训、下乡及科技活动周、全国科普日等活动的开展情况与成效。",
      },
      {
        path: "/platforms",
        label: "创新平台",
        icon: <ClusterOutlined />,
        description:
          "工程技术研究中心、孵化器、众创空间、星创天地、农业科技园区、科普教育基地等创新平台及其年度考核，县校、院地、产学研合作协议。",
      },
      {
        path: "/achievements",
        label: "成果与奖励",
        icon: <TrophyOutlined />,
        description:
          "科技成果登记与评价、标准制定、科技奖励（含专利奖）推荐与获奖，以及各类荣誉与考核。",
      },
      {
        path: "/earthquake",
        label: "防震减灾",
        icon: <AlertOutlined />,
        description:
          "抗震设防审批、宏观观测点月报（含零报告）、地震预警终端、应急避难场所及应急演练台账。",
      },
      {
        path: "/contracts",
        label: "技术合同",
        icon: <FileTextOutlined />,
        description: "技术开发、转让、许可、咨询、服务合同的登记情况与技术交易额统计。",
      },
    ],
  },
  {
    key: "management",
    label: "目标与督办",
    items: [
      {
        path: "/targets",
        label: "目标任务",
        icon: <TrophyOutlined />,
        description: "市上下达及自定的年度目标任务指标，实时完成情况、完成率、年底预计及进度预警。",
      },
      {
        path: "/tasks",
        label: "督查督办",
        icon: <ScheduleOutlined />,
        description:
          "重点工作交办、签收、进度反馈、临近提醒、到期催办、办结销号及延期申请，按工作日计算办理时限。",
      },
      {
        path: "/reports",
        label: "工作总结",
        icon: <FileSearchOutlined />,
        description:
          "依据台账数据生成半年及年度工作总结和工作打算，在线编辑后导出符合公文格式的 Word 文档及统计报表。",
      },
    ],
  },
  {
    key: "system",
    label: "系统管理",
    icon: <SettingOutlined />,
    submenu: true,
    adminOnly: true,
    items: [
      { path: "/system/units", label: "单位管理", icon: <BankOutlined />, adminOnly: true },
      { path: "/system/users", label: "用户管理", icon: <TeamOutlined />, adminOnly: true },
      { path: "/system/audit", label: "审计日志", icon: <AuditOutlined />, adminOnly: true },
      {
        path: "/system/qualification-kinds",
        label: "资质类型",
        icon: <SafetyCertificateOutlined />,
        adminOnly: true,
      },
      {
        path: "/system/activity-dictionaries",
        label: "科普活动字典",
        icon: <ScheduleOutlined />,
        adminOnly: true,
      },
      {
        path: "/system/target-indicators",
        label: "目标任务指标",
        icon: <TrophyOutlined />,
        adminOnly: true,
      },
    ],
  },
];

/** Business-line placeholders (every non-system item). */
export const moduleItems: NavItem[] = navGroups.filter((g) => !g.adminOnly).flatMap((g) => g.items);

export function findNavItem(pathname: string): NavItem | undefined {
  if (pathname === "/") return dashboardItem;
  return navGroups
    .flatMap((g) => g.items)
    .find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
}

export function findNavGroup(pathname: string): NavGroup | undefined {
  return navGroups.find((g) => g.items.some((i) => pathname.startsWith(i.path)));
}
