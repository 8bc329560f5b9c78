/** Demo enterprises (from the enterprise demo registry) that run platforms and win awards. */
export const MINGZHU = "四川明珠陶瓷有限公司";
export const XINWANXING = "新万兴碳纤维复合材料有限公司";
export const HUIFENG = "夹江汇丰纸业有限公司";
export const QIANFO = "四川仟佛科技有限公司";
export const TIANNONG = "夹江县天农农资有限公司";
