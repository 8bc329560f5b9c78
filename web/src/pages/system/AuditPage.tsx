import { ReloadOutlined, SearchOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useMemo } from "react";
import { request } from "../../api/client.ts";
import type { ListQuery } from "../../api/entities.ts";
import { listParams } from "../../api/entities.ts";
import type { AuditEntry, EntityRecord, Page } from "../../api/types.ts";
import { AuditDiff } from "../../audit/AuditDiff.tsx";
import { actionColors, auditActionLabels, auditEntityLabels, labelOf } from "../../audit/labels.ts";
import { type RemoteOption, RemoteSelect } from "../../entity/RemoteSelect.tsx";
import { useServerList } from "../../entity/useServerList.ts";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { useRegions } from "../../regions/useRegions.ts";

const fetchAudit = (q: ListQuery) =>
  request<Page<AuditEntry>>("/api/audit", { query: listParams(q) });

async function searchUsers(keyword: string): Promise<RemoteOption[]> {
  const page = await request<Page<EntityRecord>>("/api/users", {
    query: { page: 1, pageSize: 20, q: keyword },
  });
  return page.items.map((u) => ({
    value: u.id,
    label: `${String(u.displayName ?? "")}（${String(u.username ?? "")}）`,
  }));
}

interface FilterValues {
  entity?: string;
  action?: string;
  userId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const toOptions = (m: Record<string, string>) =>
  Object.entries(m).map(([value, label]) => ({ value, label }));

export default function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const list = useServerList<AuditEntry>(fetchAudit);
  const { state, setState } = list;
  const { regions } = useRegions(4);
  const regionNames = useMemo(() => new Map(regions.map((r) => [r.id, r.name])), [regions]);
  // Paths are "/1/3/17/": the last id is the region the record belongs to.
  const regionOf = (path: string | null) => {
    if (!path) return "—";
    const last = Number(path.split("/").filter(Boolean).at(-1));
    return regionNames.get(last) ?? path;
  };

  const search = () => {
    const v = form.getFieldsValue();
    setState((s) => ({
      ...s,
      page: 1,
      q: v.q?.trim() || undefined,
      filters: {
        entity: v.entity,
        action: v.action,
        userId: v.userId,
        from: v.range?.[0]?.format("YYYY-MM-DD"),
        to: v.range?.[1]?.format("YYYY-MM-DD"),
      },
    }));
  };

  return (
    <>
      <PageHeader />
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card styles={{ body: { paddingBottom: 0 } }}>
          <Form form={form} name="filter_audit" onFinish={search} labelCol={{ flex: "72px" }}>
            <Row gutter={24}>
              <Col xs={24} md={12} xl={6}>
                <Form.Item name="entity" label="对象">
                  <Select allowClear placeholder="全部" options={toOptions(auditEntityLabels)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Form.Item name="action" label="操作">
                  <Select allowClear placeholder="全部" options={toOptions(auditActionLabels)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Form.Item name="userId" label="操作人">
                  <RemoteSelect fetchOptions={searchUsers} placeholder="输入用户名或姓名" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Form.Item name="range" label="日期">
                  <DatePicker.RangePicker style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <Form.Item name="q" label="关键字">
                  <Input allowClear placeholder="记录编号、内容" />
                </Form.Item>
              </Col>
              <Col flex="auto" style={{ textAlign: "right" }}>
                <Space>
                  <Button
                    icon={<ReloadOutlined />}
                    onClick={() => {
                      form.resetFields();
                      search();
                    }}
                  >
                    重置
                  </Button>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    查询
                  </Button>
                </Space>
              </Col>
            </Row>
          </Form>
        </Card>
        <Card title="操作记录">
          {list.error && (
            <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} />
          )}
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            dataSource={list.items}
            loading={list.loading}
            expandable={{
              expandedRowRender: (r) => (
                <AuditDiff entity={r.entity} before={r.before} after={r.after} />
              ),
              rowExpandable: (r) => r.before != null || r.after != null,
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.total,
              showSizeChanger: true,
              showQuickJumper: true,
              showTotal: (t) => `共 ${t} 条`,
            }}
            onChange={(p) =>
              setState((s) => ({
                ...s,
                page: p.pageSize !== s.pageSize ? 1 : (p.current ?? 1),
                pageSize: p.pageSize ?? s.pageSize,
              }))
            }
            columns={[
              {
                title: "时间",
                dataIndex: "at",
                width: 180,
                render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm:ss"),
              },
              {
                title: "操作人",
                dataIndex: "username",
                width: 140,
                render: (v: string | null) => v ?? "—",
              },
              {
                title: "操作",
                dataIndex: "action",
                width: 110,
                render: (v: string) => (
                  <Tag color={actionColors[v]}>{labelOf(auditActionLabels, v)}</Tag>
                ),
              },
              {
                title: "对象",
                dataIndex: "entity",
                width: 120,
                render: (v: string) => labelOf(auditEntityLabels, v),
              },
              {
                title: "记录编号",
                dataIndex: "recordId",
                width: 110,
                render: (v: string | null) => v ?? "—",
              },
              {
                title: "所属区域",
                dataIndex: "regionPath",
                render: (v: string | null) => regionOf(v),
              },
              {
                title: "IP 地址",
                dataIndex: "ip",
                width: 150,
                render: (v: string | null) => v ?? "—",
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
