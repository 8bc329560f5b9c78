import { Tooltip } from "antd";
import { LIGHTS, type Light } from "./api.ts";

/** The deadline light as a coloured dot with its meaning on hover. */
export function LightDot({ light, label }: { light: Light; label?: string }) {
  const l = LIGHTS.find((x) => x.value === light);
  return (
    <Tooltip title={label ?? l?.label}>
      <span
        role="img"
        aria-label={l?.label}
        style={{
          display: "inline-block",
          width: 12,
          height: 12,
          borderRadius: "50%",
          background: l?.color,
          boxShadow: "0 0 0 2px rgba(0,0,0,0.04)",
        }}
      />
    </Tooltip>
  );
}
