import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Avatar, Dropdown, Space, Tag, Typography } from "antd";
import { useNavigate } from "react-router";
import { roleLabels } from "../api/types.ts";
import { useAuth, useMe } from "../auth/AuthContext.tsx";

const roleColors = { admin: "red", editor: "blue", viewer: "gold" } as const;

export function UserMenu() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <Dropdown
      menu={{
        items: [
          { key: "password", icon: <KeyOutlined />, label: "修改密码" },
          { type: "divider" },
          { key: "logout", icon: <LogoutOutlined />, label: "退出登录" },
        ],
        onClick: ({ key }) => {
          if (key === "password") navigate("/change-password");
          if (key === "logout") void logout().then(() => navigate("/login", { replace: true }));
        },
      }}
    >
      <Space style={{ cursor: "pointer" }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: "#1456c8" }} />
        <Typography.Text>{me.displayName}</Typography.Text>
        <Tag color={roleColors[me.role]} style={{ marginInlineEnd: 0 }}>
          {roleLabels[me.role]}
        </Tag>
      </Space>
    </Dropdown>
  );
}
