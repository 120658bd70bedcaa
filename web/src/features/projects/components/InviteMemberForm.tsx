import { useId, useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useAddMember } from "../api/useAddMember";
import type { Role } from "../api/useMembers";
import { assignableRoles } from "./roles";

const FIELDS = ["email", "role"] as const;

interface InviteMemberFormProps {
  projectKey: string;
  managerRole: Role | null | undefined;
}

/** Add someone with an account to the project, by email address, with a role. */
export function InviteMemberForm({ projectKey, managerRole }: InviteMemberFormProps) {
  const add = useAddMember(projectKey);
  const roleId = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [added, setAdded] = useState<string | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setAdded(null);
    add.mutate(
      { email, role },
      {
        onSuccess: (member) => {
          setAdded(member.name ?? member.email ?? email);
          setEmail("");
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="invite-form" aria-label="Invite a member" noValidate>
      <TextField
        label="Email"
        type="email"
        name="email"
        required
        autoComplete="off"
        value={email}
        onChange={(event) => {
          setEmail(event.target.value);
        }}
        error={fieldMessage(add.error, "email") ?? fieldMessage(add.error, "user_id")}
      />
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(event) => { setRole(event.target.value as Role); }}>
          {assignableRoles(managerRole).map((entry) => (
            <option key={entry.role} value={entry.role}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={add.isPending}>
        Invite
      </button>
      <ErrorNotice error={add.error} fields={[...FIELDS, "user_id"]} />
      {added === null ? null : <p role="status" className="ok">{added} was added.</p>}
    </form>
  );
}
