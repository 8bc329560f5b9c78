import { Card, Col, Descriptions, Empty, Row, Typography } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import { roleLabels } from "../api/types.ts";
import { useMe } from "../auth/AuthContext.tsx";
import { moduleItems } from "../layout/nav.tsx";
import { PageHeader } from "../layout/PageHeader.tsx";

function greeting(): string {
  const h = dayjs().hour();
  if (h < 11) return "上午好";
  if (h < 13) return "中午好";
  if (h < 18) return "下午好";
  return "晚上好";
}

export default function DashboardPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="工作台" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card style={{ height: "100%" }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {greeting()}，{me.displayName}
            </Typography.Title>
            <Typography.Text type="secondary">
              今天是 {dayjs().format("YYYY年M月D日 dddd")}。
            </Typography.Text>
            <Descriptions column={3} size="small" style={{ marginTop: 16 }}>
              <Descriptions.Item label="所属区域">{me.homeRegion.name}</Descriptions.Item>
              <Descriptions.Item label="当前查看">{me.activeRegion.name}</Descriptions.Item>
              <Descriptions.Item label="角色">{roleLabels[me.role]}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="待办事项" style={{ height: "100%" }}>
            <Empty description="暂无待办事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          </Card>
        </Col>
        <Col span={24}>
          <Card title="业务模块">
            <Row gutter={[16, 16]}>
              {moduleItems.map((m) => (
                <Col xs={12} md={8} xl={6} key={m.path}>
                  <Link to={m.path}>
                    <Card size="small" hoverable>
                      <Card.Meta
                        avatar={<span style={{ fontSize: 24, color: "#1456c8" }}>{m.icon}</span>}
                        title={m.label}
                        description="建设中"
                      />
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col span={24}>
          <Card title="主要指标">
            <Empty description="指标看板建设中：将展示高新技术企业、专利、项目与目标任务完成情况" />
          </Card>
        </Col>
      </Row>
    </>
  );
}
