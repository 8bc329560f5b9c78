import { Tag } from "antd";
import { type ListView, listViewLabel } from "./listViews.ts";

/** Says which records the list is narrowed to (a dashboard figure's); closing shows all. */
export function ListViewTag({ view, onClose }: { view: ListView; onClose: () => void }) {
  return (
    <Tag
      color="blue"
      closable
      className="kg-list-view"
      data-view={view.name}
      onClose={(e) => {
        e.preventDefault();
        onClose();
      }}
      style={{ fontSize: 13, padding: "2px 8px", whiteSpace: "normal" }}
    >
      {listViewLabel(view)}
    </Tag>
  );
}
