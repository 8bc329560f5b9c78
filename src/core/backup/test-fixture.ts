import { Writable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import type { Db } from "../db/schema.ts";

/**
 * Tables a later migration might add, covering the types the six core tables lack: int8
 * beyond 2^53, wide numeric, float, date, arrays, json (kept byte for byte), interval, an
 * identity column, a generated column, a composite key, a trigger and a table with no key.
 */
export async function createExtraTables(db: Db): Promise<void> {
  await sql`
    create table extra_types (
      id bigint generated always as identity primary key,
      amount numeric(30, 10), big int8, ratio float8, tiny float4, day date, tags text[], flag boolean,
      doc json, local_ts timestamp, span interval, note text,
      doubled numeric generated always as (amount * 2) stored
    );
    create table extra_pairs (a int not null, b text not null, n int, primary key (a, b));
    create table extra_nopk (v text, n numeric);
    -- Restore must not run triggers again: this one would add another 1000 to restored rows.
    create function extra_pairs_bump() returns trigger language plpgsql as $$
      begin new.n := new.n + 1000; return new; end $$;
    create trigger extra_pairs_bump before insert or update on extra_pairs
      for each row execute function extra_pairs_bump();
  `.execute(db);
}

/** Every table the comparison covers, with an ORDER BY that makes its rows a fixed list. */
export const COMPARED: [string, string][] = [
  ["regions", "id"],
  ["units", "id"],
  ["users", "id"],
  ["audit_log", "id"],
  ["settings", "key"],
  ["extra_types", "id"],
  ["extra_pairs", "a, b"],
  ["extra_nopk", "v, n"],
];

export async function fill(db: Db): Promise<void> {
  // Region 3's parent (9) has a larger id, so inserting in id order alone would break the FK.
  await sql`
    insert into regions (id, parent_id, code, name, level, path, sort, created_at) values
      (5, null, '330000', '浙江省', 1, '/5/', 0, '2026-01-02 03:04:05.123456+08'),
      (2, 5, '330100', '杭州市', 2, '/5/2/', 1, '2026-01-02 03:04:06+00'),
      (9, 2, '330102', '上城区 🏙️', 3, '/5/2/9/', 2, '1999-12-31 23:59:59.999999-05'),
      (3, 9, '330102001', '清波街道「测试」', 4, '/5/2/9/3/', 3, '2026-06-30 12:00:00+08');
    insert into units (region_id, region_path, name, short_name, kind, contact, phone, active)
    values
      (9, '/5/2/9/', '上城区科学技术局', '科技局', 'bureau', '张三', '0571-1234567', true),
      (3, '/5/2/9/3/', '清波街道办事处 😀', null, 'street', null, null, false),
      (3, '/5/2/9/3/', '待删除单位', null, 'street', null, null, true);
    delete from units where name = '待删除单位';
    insert into users (username, display_name, password_hash, role, region_id, region_path,
      unit_id, locked_until, last_login_at)
    values
      ('admin', '管理员', 'scrypt$abc', 'admin', 5, '/5/', null, null, '2026-03-01 08:30:00.654321+08'),
      ('王五', '王五 👩‍💻', 'scrypt$def', 'editor', 9, '/5/2/9/', 1, '2030-01-01 00:00:00+00', null);
    insert into sessions (id, user_id, csrf_token, active_region_id, expires_at)
    values ('s1', 1, 'csrf', 5, now() + interval '1 day');
    insert into audit_log (at, user_id, username, action, entity, record_id, region_path, before, after, ip)
    values
      ('2026-03-01 08:30:00.123456+08', 1, 'admin', 'create', 'unit', '1', '/5/2/9/', null,
        '{"名称": "上城区科学技术局", "tags": ["科技", "🚀"], "n": 12345678901234567890.12345678901234567890}', '127.0.0.1'),
      ('2026-03-02 00:00:00+00', 1, 'admin', 'update', 'unit', '1', '/5/2/9/',
        '{"名称": "旧名称", "nested": {"a": [1, 2, {"b": null}]}}', 'null', null),
      ('2026-03-03 10:00:00+08', null, null, 'login', 'user', null, null, '"纯字符串"', '[]', '::1'),
      ('2026-03-04 10:00:00+08', 2, '王五', 'update', 'user', '2', '/5/2/9/',
        '{"quote": "say \\"hi\\"\\n\\ttab \\\\ back", "sep": "\u2028"}', '{"x": true, "y": false}', null),
      ('2026-03-05 10:00:00+08', 2, '王五', 'delete', 'unit', '3', '/5/2/9/3/', '{}', null, null);
    insert into settings (key, value, updated_at) values
      ('站点名称', '"科管 ✨"', '2026-01-01 00:00:00+08'),
      ('ratio', '1.50', '2026-01-01 00:00:00+08'),
      ('empty', 'null', '2026-01-01 00:00:00+08'),
      ('list', '[1, "二", {"三": true}]', '2026-01-01 00:00:00+08');
    insert into extra_types (amount, big, ratio, tiny, day, tags, flag, doc, local_ts, span, note)
    values
      (12345678901234567890.0123456789, 9007199254740993, 0.1, 3.4028235e38, '2024-02-29',
        array['a,b', '引号"', null], true, '{"b":1,   "a":2}', '2026-01-01 00:00:00.000001',
        '1 day 02:03:04', '备注 🎉'),
      (null, null, null, null, null, null, null, null, null, null, null),
      (-0.0000000001, -9223372036854775808, -1.5e300, '-0', '1970-01-01', '{}', false, 'null',
        '2000-02-29 23:59:59', '-3 months', '');
    delete from extra_types where id = 2;
    insert into extra_pairs (a, b, n)
    select i % 3, '键' || i, i from generate_series(1, 7) as i;
    insert into extra_nopk (v, n) values ('一', 1), ('二', 2.5), (null, null), ('一', 1);
  `.execute(db);
}

/** Each table's rows as PostgreSQL's own text form (NULL and JSON null stay distinct). */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local time zone 'UTC'`.execute(trx);
    const out: Record<string, string[]> = {};
    for (const [table, order] of COMPARED) {
      const r = await sql<{ r: string }>`
        select t::text as r from ${sql.table(table)} as t order by ${sql.raw(order)}`.execute(trx);
      out[table] = r.rows.map((row) => row.r);
    }
    return out;
  });
}

/** A Writable that keeps what it is given. */
export function memorySink(): { out: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, data: () => Buffer.concat(chunks) };
}

export function backupLines(file: Buffer): string[] {
  return gunzipSync(file).toString("utf8").split("\n").slice(0, -1);
}

export function gzipLines(lines: string[]): Buffer {
  return gzipSync(Buffer.from(`${lines.join("\n")}\n`));
}
