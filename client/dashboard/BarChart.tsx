import { useId } from "react";

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
  const plot = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 8;
  const x = (v: number) => LABEL + Math.max(0, Math.min(1, v)) * plot;
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
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
            {bar.lower !== undefined && bar.upper !== undefined && (
              <g className="chart__whisker">
                <line x1={x(bar.lower)} x2={x(bar.upper)} y1={y + ROW / 2} y2={y + ROW / 2} />
                <line x1={x(bar.lower)} x2={x(bar.lower)} y1={y + 8} y2={y + ROW - 8} />
                <line x1={x(bar.upper)} x2={x(bar.upper)} y1={y + 8} y2={y + ROW - 8} />
              </g>
            )}
            <text x={LABEL + plot + 8} y={y + ROW / 2} className="chart__value" dominantBaseline="middle">
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
