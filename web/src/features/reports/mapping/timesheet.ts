// The timesheet: hours each person logged per day, stacked per day.
import type { Table, Timesheet } from "../types";
import { chartOptions, dayLabel, dayNumber, hours, type BarSpec } from "./chart";
import { personColor } from "./colors";

/** Every day of the report's range, in order. */
export function rangeDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = dayNumber(from); day <= dayNumber(to); day += 1) days.push(dayLabel(day));
  return days;
}

function personName(user: Timesheet["users"][number]): string {
  return user.name ?? "Former account";
}

export function timesheetChart(report: Timesheet): BarSpec {
  const days = rangeDays(report.from, report.to);
  return {
    type: "bar",
    data: {
      labels: days,
      datasets: report.users.map((user, index) => {
        const logged = new Map(user.days.map((day) => [day.date, day.minutes]));
        return {
          label: personName(user),
          data: days.map((day) => hours(logged.get(day) ?? 0)),
          backgroundColor: personColor(index),
        };
      }),
    },
    options: chartOptions("Day", "Hours logged", true),
  };
}

export function timesheetTable(report: Timesheet): Table {
  return {
    columns: ["Person", "Date", "Hours"],
    rows: report.users.flatMap((user) =>
      user.days.map((day) => [personName(user), day.date, hours(day.minutes)]),
    ),
  };
}

export function timesheetSummary(report: Timesheet): string {
  return `${hours(report.total_minutes)} h logged from ${report.from} to ${report.to}.`;
}
