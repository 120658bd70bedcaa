// What a report's mapping hands its chart: a Chart.js configuration, with axes titled.
import type { ChartConfiguration } from "chart.js";

export interface Point {
  x: number;
  y: number;
}
export type LineSpec = ChartConfiguration<"line", (number | null)[], string>;
export type BarSpec = ChartConfiguration<"bar", number[], string>;
export type ScatterSpec = ChartConfiguration<"scatter", Point[]>;
export type ChartSpec = LineSpec | BarSpec | ScatterSpec;

const DAY_MS = 86_400_000;

/** Titled axes, y from zero; `stacked` stacks both (areas, stacked bars). */
export function titledAxes(x: string, y: string, stacked = false) {
  return {
    x: { title: { display: true, text: x }, stacked },
    y: { title: { display: true, text: y }, beginAtZero: true, stacked },
  };
}

/** Options every chart shares: a legend on top, and y starting at zero. */
export function chartOptions(x: string, y: string, stacked = false) {
  return {
    plugins: { legend: { position: "top" as const } },
    scales: titledAxes(x, y, stacked),
  };
}

/** An ISO date or time as a day number on a linear axis (days since 1970-01-01, UTC). */
export function dayNumber(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / DAY_MS;
}

/** A day number back as an ISO date, for the ticks of a linear time axis. */
export function dayLabel(day: number | string): string {
  return new Date(Math.floor(Number(day)) * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes as hours, to the hundredth. */
export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** A probability (0 to 1) as a percentage, to a tenth. */
export function percent(probability: number): number {
  return Math.round(probability * 1000) / 10;
}

/** A horizontal line across [from, to] at y, drawn as a two-point scatter line. */
export function level(label: string, y: number, from: number, to: number, color: string) {
  return {
    label,
    data: [{ x: from, y }, { x: to, y }],
    showLine: true,
    pointRadius: 0,
    borderColor: color,
    backgroundColor: color,
    borderDash: [6, 4],
    borderWidth: 1.5,
  };
}

/** A line through the values, in one colour, with small points. */
export function lineSeries(label: string, data: number[], color: string) {
  return { label, data, borderColor: color, backgroundColor: color, pointRadius: 2 };
}
