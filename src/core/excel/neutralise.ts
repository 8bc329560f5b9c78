/**
 * OWASP CSV-injection guidance: a text cell that starts with = + - @ TAB or CR could be
 * evaluated as a formula when the file is opened or re-saved, so it is written as text
 * with a leading apostrophe. Applied to strings only: numbers stay numbers.
 */
const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

export function neutraliseFormula(v: string): string {
  return v.length > 0 && TRIGGERS.has(v.charAt(0)) ? `'${v}` : v;
}

/** Inverse for re-importing our own exports: "'=x" → "=x"; other text is unchanged. */
export function restoreNeutralised(v: string): string {
  return v.length > 1 && v.charAt(0) === "'" && TRIGGERS.has(v.charAt(1)) ? v.slice(1) : v;
}
