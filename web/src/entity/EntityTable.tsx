import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  FileExcelOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Table,
  Typography,
} from "antd";
import type { ColumnsType, SorterResult } from "antd/es/table/interface";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { EntityApi } from "../api/entities.ts";
import type { EntityMeta, EntityRecord } from "../api/types.ts";
import { EntityForm } from "./EntityForm.tsx";
import { FilterForm } from "./FilterForm.tsx";
import { renderCell } from "./fields.tsx";
import { ImportButton } from "./ImportButton.tsx";
import { ListViewTag } from "./ListViewTag.tsx";
import { listViewQuery, withoutView } from "./listViews.ts";
import { filtersFromUrl } from "./urlFilters.ts";
import { useEntityMeta } from "./useEntityMeta.ts";
import { useServerList } from "./useServerList.ts";

export interface EntityTableProps<T extends EntityRecord> {
  /** Metadata name, e.g. "unit" (GET /api/meta/entities/:name). */
  entity: string;
  api: EntityApi<T>;
  /** Show 新建/导入/编辑/删除; reading and exporting are always offered. */
  canWrite: boolean;
  keywordPlaceholder?: string;
  /** Extra row actions placed before 编辑/删除. */
  rowActions?: (record: T, reload: () => void) => ReactNode;
  /** Rows the user may read but not change (e.g. another region's record shown here). */
  readOnlyRow?: (record: T) => boolean;
  /** Extra toolbar buttons placed after 新建. */
  toolbar?: ReactNode;
  /** Called after a successful save, e.g. to show what the server generated. */
  onSaved?: (saved: T, created: boolean) => void;
  /** Replaces the default 导入 button, e.g. a background import with progress for big lists. */
  importButton?: (reload: () => void) => ReactNode;
}

function sortParam(
  sorter: SorterResult<EntityRecord> | SorterResult<EntityRecord>[],
): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order || typeof s.field !== "string") return undefined;
  return s.order === "descend" ? `-${s.field}` : s.field;
}

/** Loads the metadata, then renders the list. */
export function EntityTable<T extends EntityRecord>(props: EntityTableProps<T>) {
  const { meta, error } = useEntityMeta(props.entity);
  if (error) return <Result status="error" title="无法加载页面配置" subTitle={error} />;
  if (!meta)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  return <EntityList<T> {...props} meta={meta} />;
}

function EntityList<T extends EntityRecord>({
  meta,
  api,
  canWrite,
  readOnlyRow,
  keywordPlaceholder,
  rowActions,
  toolbar,
  onSaved,
  importButton,
}: EntityTableProps<T> & { meta: EntityMeta }) {
  const { message } = App.useApp();
  // A link may open the list already filtered (e.g. a dashboard figure's records).
  const [params] = useSearchParams();
  const [fromUrl] = useState(() => filtersFromUrl(meta.fields, params, meta.name));
  const [view, setView] = useState(fromUrl.view);
  const list = useServerList<T>(api.list, {
    sort: meta.defaultSort,
    q: fromUrl.q,
    filters: fromUrl.filters,
  });
  const { state, setState } = list;
  const [editing, setEditing] = useState<T | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const { reload } = list;
  const remove = useCallback(
    async (record: T) => {
      try {
        await api.remove(record.id, record.version);
        message.success("已删除");
        void reload();
      } catch (err) {
        message.error(err instanceof Error ? err.message : "删除失败");
      }
    },
    [api, message, reload],
  );

  const columns = useMemo<ColumnsType<T>>(() => {
    const sortKey = state.sort?.replace(/^-/, "");
    const sortOrder = state.sort?.startsWith("-") ? "descend" : "ascend";
    const cols: ColumnsType<T> = meta.fields
      .filter((f) => f.list)
      .map((f) => ({
        key: f.key,
        dataIndex: f.key,
        title: f.label,
        width: f.width,
        ellipsis: f.type === "textarea",
        align: ["number", "integer", "money"].includes(f.type) ? "right" : undefined,
        sorter: f.sortable,
        sortOrder: f.sortable && sortKey === f.key ? sortOrder : null,
        render: (_: unknown, record: T) => renderCell(f, record),
      }));
    cols.push({
      key: "_actions",
      title: "操作",
      fixed: "right",
      width: canWrite ? (rowActions ? 200 : 130) : 90,
      render: (_: unknown, record: T) => {
        const writable = canWrite && !readOnlyRow?.(record);
        return (
          <Space size={4} wrap={false}>
            {rowActions?.(record, () => void reload())}
            <Button
              type="link"
              size="small"
              icon={writable ? <EditOutlined /> : <EyeOutlined />}
              onClick={() => {
                setEditing(record);
                setFormOpen(true);
              }}
            >
              {writable ? "编辑" : "查看"}
            </Button>
            {writable && (
              <Popconfirm
                title={`确定删除该${meta.label}吗？`}
                description="删除后不可恢复。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => remove(record)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
    return cols;
  }, [meta, state.sort, canWrite, readOnlyRow, rowActions, remove, reload]);

  const exportFile = async () => {
    setExporting(true);
    try {
      await api.exportFile(state, `${meta.label}.xlsx`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : "导出失败");
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card styles={{ body: { paddingBottom: 0 } }}>
        <FilterForm
          name={`filter_${meta.name}`}
          fields={meta.fields}
          initialValues={fromUrl.formValues}
          keywordPlaceholder={keywordPlaceholder}
          onSearch={(v) =>
            setState((s) => ({
              ...s,
              page: 1,
              q: v.q,
              filters: { ...v.filters, ...listViewQuery(view) },
            }))
          }
        />
      </Card>
      <Card
        title={
          <Space wrap>
            <Typography.Text strong>{meta.label}列表</Typography.Text>
            {view && (
              <ListViewTag
                view={view}
                onClose={() => {
                  setView(undefined);
                  setState((s) => ({ ...s, page: 1, filters: withoutView(s.filters) }));
                }}
              />
            )}
          </Space>
        }
        extra={
          <Space wrap>
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
              >
                新建
              </Button>
            )}
            {toolbar}
            {canWrite &&
              (importButton ? (
                importButton(() => void list.reload())
              ) : (
                <ImportButton
                  entityLabel={meta.label}
                  importFile={api.importFile}
                  onImported={() => void list.reload()}
                />
              ))}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => void exportFile()}
            >
              导出
            </Button>
            {canWrite && (
              <Button
                icon={<FileExcelOutlined />}
                onClick={() =>
                  api.template(`${meta.label}导入模板.xlsx`).catch((err: unknown) => {
                    message.error(err instanceof Error ? err.message : "下载失败");
                  })
                }
              >
                下载模板
              </Button>
            )}
          </Space>
        }
      >
        {list.error && (
          <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} />
        )}
        <Table<T>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: "max-content" }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: list.total,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showQuickJumper: true,
            showTotal: (t) => `共 ${t} 条`,
          }}
          onChange={(pagination, _filters, sorter) => {
            setState((s) => ({
              ...s,
              page: pagination.pageSize !== s.pageSize ? 1 : (pagination.current ?? 1),
              pageSize: pagination.pageSize ?? s.pageSize,
              sort: sortParam(sorter as SorterResult<EntityRecord>) ?? meta.defaultSort,
            }));
          }}
        />
      </Card>
      <EntityForm<T>
        meta={meta}
        api={api}
        open={formOpen}
        record={editing}
        readOnly={!canWrite || (editing !== null && (readOnlyRow?.(editing) ?? false))}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          void list.reload();
          onSaved?.(saved, editing === null);
        }}
      />
    </Space>
  );
}
