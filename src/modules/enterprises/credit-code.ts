/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol charset (no I O S V Z);
 * the 18th is a check character over the first 17.
 */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Upper-cases and strips spaces and full-width forms, as codes are typed and pasted. */
export function normaliseCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, "")
    .toUpperCase();
}

/** The check character for the first 17 characters, or null if one is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Why a (normalised) code is wrong, in Chinese; null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `应为18位，当前为${code.length}位`;
  const bad = [...code].find((c) => !CREDIT_CODE_CHARSET.includes(c));
  if (bad !== undefined) return `含有不允许的字符“${bad}”（不使用 I、O、S、V、Z）`;
  if (creditCodeCheckChar(code.slice(0, 17)) !== code.charAt(17)) return "校验位不正确";
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Completes 17 characters with their check character (demo data, tests). */
export function withCheckChar(first17: string): string {
  const c = creditCodeCheckChar(first17);
  if (c === null) throw new Error(`Not a credit code body: ${first17}`);
  return first17 + c;
}
