/**
 * The natural keys an import has met, with the row each was first seen on, to report
 * duplicates inside one file ("与第 N 行重复"). String keys live in a Map; keys the parser
 * can state as exact integers (an application number's digits) live in two typed arrays
 * (open addressing), about 24 bytes a key instead of ~160: a million-row list then
 * remembers its keys in ~25 MB rather than ~160 MB.
 */
export class KeySet {
  private readonly strings = new Map<string, number>();
  private keys = new Float64Array(1 << 16);
  private rows = new Int32Array(1 << 16);
  private used = 0;

  /** The row `key` was first seen on, or undefined (and `row` is remembered for it). */
  firstRow(key: string | number, row: number): number | undefined {
    if (typeof key === "string") {
      const first = this.strings.get(key);
      if (first === undefined) this.strings.set(key, row);
      return first;
    }
    if (!Number.isSafeInteger(key) || key < 0 || key >= Number.MAX_SAFE_INTEGER)
      throw new Error(`key ${key} is not a safe integer`);
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    // Stored as key + 1 so that 0 marks an empty slot.
    const slot = this.find(this.keys, key + 1);
    if (this.keys[slot] !== 0) return this.rows[slot];
    this.keys[slot] = key + 1;
    this.rows[slot] = row;
    this.used += 1;
    return undefined;
  }

  private find(keys: Float64Array, stored: number): number {
    const mask = keys.length - 1;
    // Multiplicative hash of the low and high halves; linear probing.
    let i =
      (Math.imul((stored % 4294967296) | 0, 0x9e3779b1) ^ Math.floor(stored / 4294967296)) & mask;
    while (keys[i] !== 0 && keys[i] !== stored) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] ?? 0;
      if (k === 0) continue;
      const slot = this.find(this.keys, k);
      this.keys[slot] = k;
      this.rows[slot] = oldRows[i] ?? 0;
    }
  }
}
