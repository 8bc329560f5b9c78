import { request } from "../api/client.ts";
import type { EntityRecord, Page } from "../api/types.ts";
import { type RemoteOption, RemoteSelect } from "../entity/RemoteSelect.tsx";

async function searchUnits(keyword: string): Promise<RemoteOption[]> {
  const page = await request<Page<EntityRecord>>("/api/units", {
    query: { page: 1, pageSize: 20, q: keyword },
  });
  return page.items.map((u) => ({ value: u.id, label: String(u.name ?? u.id) }));
}

interface UnitSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  initialOption?: RemoteOption | null;
  placeholder?: string;
  id?: string;
}

export function UnitSelect(props: UnitSelectProps) {
  return <RemoteSelect placeholder="输入单位名称搜索" {...props} fetchOptions={searchUnits} />;
}
