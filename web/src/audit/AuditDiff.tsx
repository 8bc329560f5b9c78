import "./audit.css";
import { Space, Switch, Table, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { fetchMeta } from "../api/entities.ts";

interface DiffRow {
  key: string;
  label: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function asObject(v: unknown): Record<string, unknown> | null {
  if (typeof v === "string") {
    try {
      return asObject(JSON.parse(v));
    } catch {
      return { 值: v };
    }
  }
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function show(v: unknown) {
  if (v === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (v === null || v === "") return <Typography.Text type="secondary">（空）</Typography.Text>;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "object")
    return <code style={{ whiteSpace: "pre-wrap" }}>{JSON.stringify(v, null, 1)}</code>;
  return String(v);
}

/** Field labels of the entity when the server has metadata for it; raw keys otherwise. */
function useFieldLabels(entity: string): Record<string, string> {
  const [labels, setLabels] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    fetchMeta(entity)
      .then((m) => {
        if (live) setLabels(Object.fromEntries(m.fields.map((f) => [f.key, f.label])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [entity]);
  return labels;
}

const common: Record<string, string> = {
  id: "编号",
  version: "版本",
  createdAt: "创建时间",
  updatedAt: "修改时间",
  regionPath: "区域路径",
  reset: "管理员重置",
};

/** Field-by-field before/after of one audit entry; changed fields highlighted. */
export function AuditDiff({
  entity,
  before,
  after,
}: {
  entity: string;
  before: unknown;
  after: unknown;
}) {
  const labels = useFieldLabels(entity);
  const b = asObject(before);
  const a = asObject(after);
  const isUpdate = b !== null && a !== null;
  const [onlyChanged, setOnlyChanged] = useState(isUpdate);

  const rows = useMemo<DiffRow[]>(() => {
    const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
    return keys.map((k) => {
      const bv = b ? b[k] : undefined;
      const av = a ? a[k] : undefined;
      return {
        key: k,
        label: labels[k] ?? common[k] ?? k,
        before: bv,
        after: av,
        changed: JSON.stringify(bv) !== JSON.stringify(av),
      };
    });
  }, [a, b, labels]);

  if (!b && !a) return <Typography.Text type="secondary">该记录没有数据变更内容。</Typography.Text>;
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {isUpdate && (
        <Space>
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
          <Typography.Text>
            仅显示变更字段（{rows.filter((r) => r.changed).length} 项）
          </Typography.Text>
        </Space>
      )}
      <Table<DiffRow>
        size="small"
        bordered
        pagination={false}
        dataSource={shown}
        rowKey="key"
        columns={[
          { title: "字段", dataIndex: "label", width: 180 },
          ...(b
            ? [
                {
                  title: a ? "修改前" : "删除前内容",
                  key: "before",
                  render: (_: unknown, r: DiffRow) => (
                    <span className={isUpdate && r.changed ? "kg-diff-old" : undefined}>
                      {show(r.before)}
                    </span>
                  ),
                },
              ]
            : []),
          ...(a
            ? [
                {
                  title: b ? "修改后" : "内容",
                  key: "after",
                  render: (_: unknown, r: DiffRow) => (
                    <span className={isUpdate && r.changed ? "kg-diff-new" : undefined}>
                      {show(r.after)}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
