import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from "echarts/charts";
import {
  DatasetComponent,
  type DatasetComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TitleComponent,
  type TitleComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

// Only what the charts in this app draw; each addition here grows every chart page's chunk.
use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  CanvasRenderer,
]);

export type EChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DatasetComponentOption
>;

export interface EChartProps {
  option: EChartOption;
  /** CSS height of the chart; the width follows the container. */
  height?: number | string;
  style?: CSSProperties;
  /** Accessible description of what the chart shows. */
  ariaLabel?: string;
  /** Called with the clicked item's series and data index (e.g. to open its records). */
  onItemClick?: (seriesIndex: number, dataIndex: number) => void;
}

/**
 * One ECharts instance in a div: created on mount, given each new option (replacing the
 * old one, so removed series disappear), resized whenever its container changes size, and
 * disposed on unmount.
 */
export function EChart({ option, height = 320, style, ariaLabel, onItemClick }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (e) => {
      if (typeof e.seriesIndex === "number") click.current?.(e.seriesIndex, e.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div ref={host} role="img" aria-label={ariaLabel} style={{ width: "100%", height, ...style }} />
  );
}
