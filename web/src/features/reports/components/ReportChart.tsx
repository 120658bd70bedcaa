// A report's chart: Chart.js on a canvas, with only the pieces the reports use
// registered (so the rest is left out of the bundle), drawn without animation.
import * as chartjs from "chart.js";
import type { ChartConfiguration, Plugin } from "chart.js";
import { memo, useMemo } from "react";
import { Chart } from "react-chartjs-2";
import type { ChartSpec } from "../mapping/chart";

chartjs.Chart.register(
  chartjs.BarController,
  chartjs.BarElement,
  chartjs.CategoryScale,
  chartjs.Filler,
  chartjs.Legend,
  chartjs.LinearScale,
  chartjs.LineController,
  chartjs.LineElement,
  chartjs.PointElement,
  chartjs.ScatterController,
  chartjs.Tooltip,
);

// Marks the chart's frame once Chart.js has drawn it: what the browser tests and the
// bench wait for.
const markDrawn: Plugin = {
  id: "taskdeckDrawn",
  afterRender(chart) {
    chart.canvas.parentElement?.setAttribute("data-drawn", "true");
  },
};

const PLUGINS = [markDrawn];

interface Props {
  spec: ChartSpec;
  /** What the chart shows, for screen readers (the table has the numbers). */
  label: string;
}

/** Memoised: a new options object would make Chart.js update (and redraw) the chart. */
export const ReportChart = memo(function ReportChart({ spec, label }: Props) {
  const config = spec as ChartConfiguration;
  const options = useMemo(
    () => ({
      ...config.options,
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      normalized: true,
    }),
    [config.options],
  );
  return (
    <div className="report-chart">
      <Chart
        type={config.type}
        data={config.data}
        options={options}
        plugins={PLUGINS}
        role="img"
        aria-label={label}
      />
    </div>
  );
});
