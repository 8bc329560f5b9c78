/**
 * The demo county: 夹江县 (乐山市, 四川省) — the county whose 上半年 summary is in
 * shared/seeds/001 — with its real towns, a few villages each, the usual government
 * units, and a neighbouring county (井研县) so that data scope is visible in a demo.
 */
export const DEMO_PROVINCE = { code: "510000", name: "四川省" };
export const DEMO_CITY = { code: "511100", name: "乐山市" };
export const DEMO_COUNTY = { code: "511126", name: "夹江县" };
export const NEIGHBOUR_COUNTY = { code: "511124", name: "井研县" };

export const DEMO_TOWNS: { code: string; name: string; villages: string[] }[] = [
  { code: "511126001", name: "漹城街道", villages: ["迎春社区", "千佛社区", "东风堰社区"] },
  { code: "511126101", name: "黄土镇", villages: ["金象村", "石堰村", "双桥村"] },
  { code: "511126102", name: "甘江镇", villages: ["南安村", "长虹村"] },
  { code: "511126103", name: "界牌镇", villages: ["石板村", "天福村", "九龙村"] },
  { code: "511126104", name: "中兴镇", villages: ["林山村", "兴隆村"] },
  { code: "511126105", name: "三洞镇", villages: ["三洞村", "罗坝村"] },
  { code: "511126106", name: "吴场镇", villages: ["朝阳村", "吴场村"] },
  { code: "511126107", name: "木城镇", villages: ["木城村", "太平村"] },
  { code: "511126108", name: "华头镇", villages: ["华头村", "光辉村"] },
  { code: "511126109", name: "甘霖镇", villages: ["甘霖村", "川主村"] },
  { code: "511126110", name: "新场镇", villages: ["新场村", "双溪村"] },
  { code: "511126111", name: "青州镇", villages: ["青州村", "兰坝村"] },
  { code: "511126112", name: "马村镇", villages: ["马村村", "石门村"] },
  { code: "511126113", name: "迎江镇", villages: ["迎江村", "瓦窑村"] },
];

export const NEIGHBOUR_TOWNS = [
  { code: "511124100", name: "研城街道" },
  { code: "511124101", name: "马踏镇" },
];

export const DEMO_UNITS: {
  name: string;
  shortName: string;
  kind: string;
  contact?: string;
  phone?: string;
}[] = [
  {
    name: "夹江县科学技术和知识产权局",
    shortName: "县科知局",
    kind: "科技局",
    contact: "王敏",
    phone: "0833-5651234",
  },
  { name: "中共夹江县委宣传部", shortName: "县委宣传部", kind: "政府部门" },
  { name: "夹江县教育局", shortName: "县教育局", kind: "政府部门" },
  { name: "夹江县科学技术协会", shortName: "县科协", kind: "群团组织" },
  { name: "夹江县财政局", shortName: "县财政局", kind: "政府部门" },
  { name: "夹江县农业农村局", shortName: "县农业农村局", kind: "政府部门" },
  { name: "夹江县卫生健康局", shortName: "县卫健局", kind: "政府部门" },
  { name: "夹江县经济和信息化局", shortName: "县经信局", kind: "政府部门" },
  { name: "夹江县市场监督管理局", shortName: "县市场监管局", kind: "政府部门" },
  { name: "夹江县发展和改革局", shortName: "县发改局", kind: "政府部门" },
  { name: "夹江县应急管理局", shortName: "县应急局", kind: "政府部门" },
  { name: "夹江经济开发区管理委员会", shortName: "经开区管委会", kind: "园区管委会" },
];
