// Story points of a list of issues.

export function sumPoints(issues: readonly { points: number | null }[]): number {
  return issues.reduce((sum, issue) => sum + (issue.points ?? 0), 0);
}

export function pointsLabel(points: number): string {
  return points === 1 ? "1 point" : `${points} points`;
}
