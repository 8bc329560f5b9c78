import { FileExcelOutlined, FileWordOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Space, Statistic, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { PageHeader } from "../../layout/PageHeader.tsx";
import { type Circular, tasksApi } from "./api.ts";
import { LightDot } from "./LightDot.tsx";

type Row = Circular["units"][number]["tasks"][number];

/** 情况通报: every unit's tasks and lights on a date, with XLSX and DOCX downloads. */
export default function CircularPage() {
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [data, setData] = useState<Circular | null>(null);
  const iso = date.format("YYYY-MM-DD");

  useEffect(() => {
    tasksApi.circular(iso).then(setData, (e: Error) => message.error(e.message));
  }, [iso, message]);

  const get = (ext: "xlsx" | "docx") =>
    tasksApi.downloadCircular(iso, ext).catch((e: Error) => message.error(e.message));

  const t = data?.totals;
  return (
    <>
      <PageHeader
        title="情况通报"
        extra={
          <Space>
            <DatePicker value={date} allowClear={false} onChange={(d) => d && setDate(d)} />
            <Button icon={<FileExcelOutlined />} onClick={() => void get("xlsx")}>
              导出 Excel
            </Button>
            <Button type="primary" icon={<FileWordOutlined />} onClick={() => void get("docx")}>
              导出通报（Word）
            </Button>
          </Space>
        }
      />
      {data && t && (
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card>
            <Typography.Title level={4} style={{ textAlign: "center" }}>
              {data.title}
            </Typography.Title>
            <Space size={48} style={{ justifyContent: "center", width: "100%" }}>
              <Statistic title="任务总数" value={t.total} suffix="项" />
              <Statistic title="已办结" value={t.closed} suffix="项" />
              <Statistic title="其中逾期办结" value={t.closedLate} suffix="项" />
              <Statistic
                title="正常推进"
                value={t.inProgress}
                suffix="项"
                styles={{ content: { color: "#52c41a" } }}
              />
              <Statistic
                title="临近时限"
                value={t.dueSoon}
                suffix="项"
                styles={{ content: { color: "#faad14" } }}
              />
              <Statistic
                title="逾期未办结"
                value={t.overdue}
                suffix="项"
                styles={{ content: { color: "#f5222d" } }}
              />
            </Space>
          </Card>
          {data.units.map((u) => (
            <Card
              key={u.unitId}
              size="small"
              title={u.unitName}
              extra={
                <Typography.Text type="secondary">
                  共{u.counts.total}项：已办结{u.counts.closed}、正常{u.counts.inProgress}、临近
                  {u.counts.dueSoon}、逾期
                  {u.counts.overdue}
                </Typography.Text>
              }
            >
              <Table<Row>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={u.tasks}
                columns={[
                  {
                    title: "预警",
                    width: 60,
                    align: "center",
                    render: (_, r) => <LightDot light={r.light} label={r.lightLabel} />,
                  },
                  { title: "任务名称", dataIndex: "title" },
                  { title: "配合单位", width: 200, render: (_, r) => r.coUnits.join("、") || "—" },
                  { title: "完成时限", dataIndex: "dueOn", width: 110 },
                  { title: "状态", dataIndex: "status", width: 90 },
                  {
                    title: "进度",
                    width: 80,
                    render: (_, r) => (r.percent === null ? "—" : `${r.percent}%`),
                  },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
    </>
  );
}
