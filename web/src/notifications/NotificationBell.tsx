import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, List, Popover, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { request } from "../api/client.ts";

interface Notice {
  id: number;
  kind: string;
  text: string;
  taskId: number | null;
  readAt: string | null;
  createdAt: string;
}

const POLL_MS = 120_000;

/** Header bell: unread count of my and my unit's notices; click one to open the tasks page. */
export function NotificationBell() {
  const navigate = useNavigate();
  const [items, setItems] = useState<Notice[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await request<{ items: Notice[]; unread: number }>("/api/notifications", {
        query: { limit: 20 },
      });
      setItems(r.items);
      setUnread(r.unread);
    } catch {
      // The bell stays quiet when offline; the next poll tries again.
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const read = async (n: Notice) => {
    if (!n.readAt)
      await request(`/api/notifications/${n.id}/read`, { method: "POST" }).catch(() => {});
    setOpen(false);
    void load();
    if (n.taskId) navigate("/tasks");
  };
  const readAll = async () => {
    await request("/api/notifications/read-all", { method: "POST" }).catch(() => {});
    void load();
  };

  const content = (
    <div style={{ width: 360 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflow: "auto" }}
          renderItem={(n) => (
            <List.Item style={{ cursor: "pointer" }} onClick={() => void read(n)}>
              <div>
                <Typography.Text strong={!n.readAt} type={n.readAt ? "secondary" : undefined}>
                  {n.text}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(n.createdAt).format("MM-DD HH:mm")}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div style={{ display: "flex", justifyContent: "space-between" }}>
          <span>通知</span>
          {unread > 0 && (
            <Typography.Link style={{ fontWeight: "normal" }} onClick={() => void readAll()}>
              全部标为已读
            </Typography.Link>
          )}
        </div>
      }
      content={content}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" aria-label={`通知（${unread}条未读）`} icon={<BellOutlined />} />
      </Badge>
    </Popover>
  );
}
