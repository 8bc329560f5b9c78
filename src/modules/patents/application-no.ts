/**
 * 专利申请号 (CNIPA). Since 2003: 12 digits `YYYY T NNNNNNN` + "." + check; 1985–2003:
 * 8 digits `YY T NNNNN` + "." + check. The check is Σ(digit × weight) mod 11 (10 → X), with
 * weights 2..9,2..5 for the new form and 2..9 for the old one. T is the type digit.
 */

export type PatentType = "发明" | "实用新型" | "外观设计";

export const PATENT_TYPES: readonly PatentType[] = ["发明", "实用新型", "外观设计"];

const NEW_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
const OLD_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9];

/** Type digit → type; 8 and 9 are PCT applications entering the national phase. */
const TYPE_DIGITS: Record<string, { type: PatentType; pct: boolean }> = {
  "1": { type: "发明", pct: false },
  "2": { type: "实用新型", pct: false },
  "3": { type: "外观设计", pct: false },
  "8": { type: "发明", pct: true },
  "9": { type: "实用新型", pct: true },
};

export interface ApplicationNo {
  /** Normal form: "201710601862.3", "95115608.X". */
  normal: string;
  type: PatentType;
  pct: boolean;
  /** Filing year encoded in the number. */
  year: number;
}

export type ParsedApplicationNo =
  | { ok: true; value: ApplicationNo }
  | { ok: false; message: string };

/** Check character for the body digits (12 or 8 of them). */
export function checkChar(body: string): string {
  const weights = body.length === 12 ? NEW_WEIGHTS : OLD_WEIGHTS;
  if (body.length !== weights.length || !/^\d+$/.test(body)) {
    throw new Error(`Not an application number body: ${body}`);
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(i) - 48) * (weights[i] ?? 0);
  const c = sum % 11;
  return c === 10 ? "X" : String(c);
}

/** Completes a body with its check character (demo data, tests). */
export function withCheck(body: string): string {
  return `${body}.${checkChar(body)}`;
}

/** Already plain: ASCII digits, dots and X (most list cells, and every stored number). */
const PLAIN = /^[0-9.X]+$/;

/** As pasted from lists: full-width forms, spaces, ZL/CN prefixes, "·" or no dot. */
function clean(raw: string): string {
  if (PLAIN.test(raw)) return raw;
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0]/g, "")
    .toUpperCase()
    .replace(/^(ZL|CN)/, "")
    .replace(/[·。]/g, ".");
}

/** Parses and checks an application number; the message says in Chinese what is wrong. */
export function parseApplicationNo(raw: string): ParsedApplicationNo {
  const s = clean(raw);
  if (s === "") return { ok: false, message: "申请号不能为空" };
  const m = /^(\d+)\.?([0-9X]?)$/.exec(s);
  if (!m) return { ok: false, message: `“${raw.trim()}”含有数字、小数点和校验位X以外的字符` };
  let body = m[1] ?? "";
  let check = m[2] ?? "";
  // Without a dot the last digit is the check: 13 or 9 digits in all.
  if (check === "" && (body.length === 13 || body.length === 9) && !s.includes(".")) {
    check = body.slice(-1);
    body = body.slice(0, -1);
  }
  if (body.length !== 12 && body.length !== 8) {
    return {
      ok: false,
      message: `应为12位数字加校验位（2003年起）或8位数字加校验位（2003年前），当前为${body.length}位`,
    };
  }
  if (check === "") return { ok: false, message: "缺少校验位（小数点后的一位数字或X）" };
  const isNew = body.length === 12;
  const year = isNew ? Number(body.slice(0, 4)) : 1900 + Number(body.slice(0, 2));
  if (isNew ? year < 2003 || year > 2099 : year < 1985 || year > 2004) {
    return { ok: false, message: `申请年份“${year}”不正确` };
  }
  const digit = body.charAt(isNew ? 4 : 2);
  const kind = TYPE_DIGITS[digit];
  if (!kind) {
    return {
      ok: false,
      message: `第${isNew ? 5 : 3}位专利类型码“${digit}”不正确（应为1发明、2实用新型、3外观设计、8或9 PCT）`,
    };
  }
  const expected = checkChar(body);
  if (check !== expected) return { ok: false, message: `校验位应为“${expected}”，不是“${check}”` };
  return { ok: true, value: { normal: `${body}.${check}`, type: kind.type, pct: kind.pct, year } };
}

/**
 * A list keyword as it is searched: a whole valid number in its normal form (ZL prefix, no
 * dot, full-width digits all find 202625140409.3); part of a number cleaned the same way; any
 * other text as typed.
 */
export function numberSearchText(raw: string): string {
  const p = parseApplicationNo(raw);
  if (p.ok) return p.value.normal;
  const s = clean(raw);
  return /^\d[\d.X]*$/.test(s) ? s : raw;
}

/** Normal form, or null when the number is not valid. */
export function normaliseApplicationNo(raw: string): string | null {
  const p = parseApplicationNo(raw);
  return p.ok ? p.value.normal : null;
}
