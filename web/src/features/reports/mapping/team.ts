// Team: what each member resolved in the range, side by side (nothing ranked or scored).
import type { Table, Team } from "../types";
import { chartOptions, hours, type BarSpec } from "./chart";
import { SERIES } from "./colors";

function memberName(member: Team["members"][number]): string {
  const name = member.name ?? "Former account";
  return member.former_member ? `${name} (former member)` : name;
}

export function teamChart(report: Team): BarSpec {
  const members = report.members;
  return {
    type: "bar",
    data: {
      labels: members.map(memberName),
      datasets: [
        { label: "Issues resolved", data: members.map((m) => m.issues_resolved), backgroundColor: SERIES.issues },
        { label: "Points completed", data: members.map((m) => m.points_completed), backgroundColor: SERIES.points },
      ],
    },
    options: chartOptions("Member", "Issues / points"),
  };
}

export function teamTable(report: Team): Table {
  return {
    columns: [
      "Member",
      "Role",
      "Issues resolved",
      "Points completed",
      "Hours logged",
      "Median cycle time (days)",
      "Comments written",
      "In progress now",
    ],
    rows: report.members.map((member) => [
      memberName(member),
      member.role ?? "—",
      member.issues_resolved,
      member.points_completed,
      hours(member.minutes_logged),
      member.median_cycle_time_days ?? "—",
      member.comments_written,
      member.issues_in_progress,
    ]),
  };
}
