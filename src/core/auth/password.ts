import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.ts";

// scrypt from node:crypto (no native addon): N=2^15, r=8, p=1 ≈ 32 MiB and ~50 ms per hash.
// The cost is stored in each hash, so lowering it (tests) never breaks existing hashes.
const N = 1 << Number(process.env.KEGUAN_SCRYPT_LOG2N ?? 15);
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Format: scrypt$N$r$p$salt(b64)$hash(b64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function checkPasswordStrength(password: string): void {
  if (password.length < 8) throw new AppError("PASSWORD_WEAK", { reason: "至少 8 位" });
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password));
  if (classes.length < 3) {
    throw new AppError("PASSWORD_WEAK", {
      reason: "须包含大写字母、小写字母、数字、符号中的至少三类",
    });
  }
}

/** A readable one-time password: no 0/O/1/l, guaranteed to pass checkPasswordStrength. */
export function generatePassword(): string {
  const pick = (chars: string, n: number) =>
    Array.from(randomBytes(n), (b) => chars[b % chars.length]).join("");
  return `${pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 3)}${pick("abcdefghijkmnpqrstuvwxyz", 4)}${pick("23456789", 3)}@${pick("23456789", 1)}`;
}
