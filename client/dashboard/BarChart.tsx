import { type ReactNode, useId } from "react";
import { useMediaQuery } from "../ui/use-media-query.ts";

export interface ChartBar {
  key: string;
  label: string;
  /** 0..1 of the axis. */
  value: number;
  lower?: number;
  upper?: number;
  /** What the bar says, in words, e.g. "6 (54.5%)". */
  text: string;
}

const WIDTH = 640;
const LABEL = 190;
const VALUE = 150;
const ROW = 30;

/**
 * On a phone the 640-wide drawing shrank to about half, and its 14px words to 7px: there each label
 * goes above its bar, in a drawing about as wide as the screen, so the words stay their size.
 */
const NARROW = "(max-width: 40rem)";
const COMPACT_WIDTH = 360;
const COMPACT_VALUE = 90;
const COMPACT_ROW = 48;
const COMPACT_LABEL_ROOM = 20;

/**
 * A horizontal bar chart as accessible SVG: the SVG is one image whose title and description say
 * everything it shows (role="img" with aria-labelledby), and a table with the same figures sits
 * beside it for anyone who wants to read or copy them. Intervals are drawn as whiskers.
 */
export function BarChart({
  title,
  description,
  bars,
}: {
  title: string;
  description: string;
  bars: ChartBar[];
}) {
  const id = useId();
  const compact = useMediaQuery(NARROW);
  return compact ? (
    <CompactBars id={id} title={title} description={description} bars={bars} />
  ) : (
    <WideBars id={id} title={title} description={description} bars={bars} />
  );
}

interface DrawProps {
  id: string;
  title: string;
  description: string;
  bars: ChartBar[];
}

/** The one image both layouts draw into, named by its title and description. */
function ChartFrame({
  id,
  title,
  description,
  width,
  height,
  compact = false,
  children,
}: Omit<DrawProps, "bars"> & { width: number; height: number; compact?: boolean; children: ReactNode }) {
  return (
    <svg
      className={compact ? "chart chart--compact" : "chart"}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

function Whisker({ bar, x, y }: { bar: ChartBar; x: (v: number) => number; y: number }) {
  if (bar.lower === undefined || bar.upper === undefined) return null;
  return (
    <g className="chart__whisker">
      <line x1={x(bar.lower)} x2={x(bar.upper)} y1={y} y2={y} />
      <line x1={x(bar.lower)} x2={x(bar.lower)} y1={y - 7} y2={y + 7} />
      <line x1={x(bar.upper)} x2={x(bar.upper)} y1={y - 7} y2={y + 7} />
    </g>
  );
}

function WideBars({ id, title, description, bars }: DrawProps) {
  const plot = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 8;
  const x = (v: number) => LABEL + Math.max(0, Math.min(1, v)) * plot;
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height}>
      <line x1={LABEL} x2={LABEL} y1={0} y2={height} className="chart__axis" />
      {bars.map((bar, i) => {
        const y = 4 + i * ROW;
        return (
          <g key={bar.key}>
            <text
              x={LABEL - 8}
              y={y + ROW / 2}
              className="chart__label"
              textAnchor="end"
              dominantBaseline="middle"
            >
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
            </text>
            <rect x={LABEL} y={y + 5} width={x(bar.value) - LABEL} height={ROW - 10} className="chart__bar" />
            <Whisker bar={bar} x={x} y={y + ROW / 2} />
            <text x={LABEL + plot + 8} y={y + ROW / 2} className="chart__value" dominantBaseline="middle">
              {bar.text}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** Each label on its own line above its bar; the bar and its value share the line below. */
function CompactBars({ id, title, description, bars }: DrawProps) {
  const plot = COMPACT_WIDTH - COMPACT_VALUE;
  const height = bars.length * COMPACT_ROW + 4;
  const x = (v: number) => Math.max(0, Math.min(1, v)) * plot;
  return (
    <ChartFrame id={id} title={title} description={description} width={COMPACT_WIDTH} height={height} compact>
      {bars.map((bar, i) => {
        const y = i * COMPACT_ROW;
        const barY = y + COMPACT_LABEL_ROOM;
        const barHeight = COMPACT_ROW - COMPACT_LABEL_ROOM - 8;
        return (
          <g key={bar.key}>
            <text x={0} y={y + 14} className="chart__label">
              {bar.label.length > 44 ? `${bar.label.slice(0, 43)}…` : bar.label}
            </text>
            <line x1={1} x2={1} y1={barY - 2} y2={barY + barHeight + 2} className="chart__axis" />
            <rect x={1} y={barY} width={x(bar.value)} height={barHeight} className="chart__bar" />
            <Whisker bar={bar} x={(v) => 1 + x(v)} y={barY + barHeight / 2} />
            <text x={plot + 8} y={barY + barHeight / 2} className="chart__value" dominantBaseline="middle">
              {bar.text}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
