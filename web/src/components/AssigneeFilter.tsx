import type { ChangeEvent } from "react";
import { memberName, type Member } from "../features/projects/api/useMembers";

/** The values that stand for the signed-in user and for nobody, as the API takes them. */
export const ME = "me";
export const UNASSIGNED = "none";

interface Props {
  /** "" for anyone, "me", "none" for unassigned, or a member's user id. */
  value: string;
  members: readonly Member[];
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  "aria-label"?: string;
}

/** The assignee filter: Anyone / Me / Unassigned / each member. */
export function AssigneeFilter({ value, members, onChange, "aria-label": ariaLabel }: Props) {
  return (
    <select aria-label={ariaLabel} value={value} onChange={onChange}>
      <option value="">Anyone</option>
      <option value={ME}>Me</option>
      <option value={UNASSIGNED}>Unassigned</option>
      {members.map((member) => (
        <option key={member.user_id} value={member.user_id}>
          {memberName(member)}
        </option>
      ))}
    </select>
  );
}
