/**
 * Enterprise names as they are matched between lists: the same company is written with
 * full-width or half-width characters, stray spaces, （） or (), and 有限责任公司 or 有限公司.
 * The result is only a matching key; the registry keeps the name as entered.
 */
export function normaliseEnterpriseName(raw: string): string {
  return (
    raw
      // Full-width ASCII (！ to ～) to half-width, ideographic space to nothing below.
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[\s\u3000\u00A0]/g, "")
      .replace(/[【〔［]/g, "(")
      .replace(/[】〕］]/g, ")")
      .replace(/有限责任公司/g, "有限公司")
      .toUpperCase()
  );
}
