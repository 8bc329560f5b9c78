import { Alert, Card, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { request } from "../../api/client.ts";

/** The columns of a patent the enterprise page shows (GET /api/patents?enterpriseId=). */
interface PatentItem {
  id: number;
  applicationNo: string;
  title: string;
  patentType: string;
  legalStatus: string;
  filedOn: string;
  grantedOn: string | null;
}

interface PatentPage {
  items: PatentItem[];
  total: number;
}

const PAGE_SIZE = 10;
const STATUS_COLOR: Record<string, string> = {
  有效: "success",
  授权: "success",
  在审: "processing",
  驳回: "error",
};

/** 专利: the patents linked to one enterprise of the registry, newest application first. */
export function EnterprisePatentsCard({ enterpriseId }: { enterpriseId: number }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<PatentPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    request<PatentPage>("/api/patents", {
      query: { enterpriseId, page, pageSize: PAGE_SIZE, sort: "-filedOn" },
    })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : "加载失败"));
    return () => {
      live = false;
    };
  }, [enterpriseId, page]);

  return (
    <Card title="专利" extra={data && `共 ${data.total.toLocaleString("zh-CN")} 件`}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<PatentItem>
        size="small"
        rowKey="id"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        locale={{ emptyText: "暂无关联专利（导入专利清单时按申请人名称或信用代码关联）" }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        columns={[
          { title: "申请号", dataIndex: "applicationNo", width: 150 },
          { title: "专利名称", dataIndex: "title" },
          { title: "专利类型", dataIndex: "patentType", width: 90 },
          {
            title: "法律状态",
            dataIndex: "legalStatus",
            width: 90,
            render: (s: string) => <Tag color={STATUS_COLOR[s] ?? "default"}>{s}</Tag>,
          },
          { title: "申请日", dataIndex: "filedOn", width: 110 },
          {
            title: "授权公告日",
            dataIndex: "grantedOn",
            width: 110,
            render: (d: string | null) => d ?? "—",
          },
        ]}
      />
    </Card>
  );
}
