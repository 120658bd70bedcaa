import { useState } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { memberName, type Member, type Role } from "../api/useMembers";
import { useChangeMemberRole } from "../api/useChangeMemberRole";
import { RemoveMemberButton } from "./RemoveMemberButton";
import { assignableRoles, roleLabel } from "./roles";

interface MemberRowProps {
  projectKey: string;
  member: Member;
  /** The viewer's role when they manage members; undefined shows the row read-only. */
  managerRole: Role | null | undefined;
  isMe: boolean;
}

/** One member: name, address and role, with the controls a manager has. */
export function MemberRow({ projectKey, member, managerRole, isMe }: MemberRowProps) {
  const changeRole = useChangeMemberRole(projectKey);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const name = memberName(member);
  const options = assignableRoles(managerRole);
  const canChange = managerRole !== undefined && options.some((entry) => entry.role === member.role);

  return (
    <tr>
      <td>{isMe ? `${name} (you)` : name}</td>
      <td>{member.email ?? ""}</td>
      <td>
        {canChange ? (
          <select
            aria-label={`Role of ${name}`}
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(event) => {
              changeRole.mutate({ userId: member.user_id, role: event.target.value as Role });
            }}
          >
            {options.map((entry) => (
              <option key={entry.role} value={entry.role}>
                {entry.label}
              </option>
            ))}
          </select>
        ) : (
          roleLabel(member.role)
        )}
        <ErrorNotice error={changeRole.error ?? removeError} />
      </td>
      {managerRole === undefined ? null : (
        <td>
          {canChange || isMe ? (
            <RemoveMemberButton
              projectKey={projectKey}
              userId={member.user_id}
              name={name}
              isMe={isMe}
              onError={setRemoveError}
            />
          ) : null}
        </td>
      )}
    </tr>
  );
}
