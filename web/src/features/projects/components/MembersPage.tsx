import { useParams } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useMe } from "../../auth/api/useMe";
import { useMembers } from "../api/useMembers";
import { useProject } from "../api/useProject";
import { InviteMemberForm } from "./InviteMemberForm";
import { MemberRow } from "./MemberRow";
import { managesMembers } from "./roles";

/** Who is in the project; admins and owners also invite, re-role and remove. */
export function MembersPage() {
  const key = useParams().key ?? "";
  const project = useProject(key);
  const members = useMembers(key);
  const me = useMe();
  const role = project.data?.role;
  const manager = managesMembers(role);

  if (members.isError) {
    return <ErrorNotice error={members.error} />;
  }
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="members-title" className="members">
      <h2 id="members-title">Members</h2>
      {manager ? <InviteMemberForm projectKey={key} managerRole={role} /> : null}
      {members.isPending ? (
        <p className="muted" role="status">Loading members…</p>
      ) : (
        <table className="member-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {manager ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((member) => (
              <MemberRow
                key={member.user_id}
                projectKey={key}
                member={member}
                managerRole={manager ? role : undefined}
                isMe={member.user_id === me.data?.id}
              />
            ))}
          </tbody>
        </table>
      )}
      {members.hasNextPage ? (
        <button type="button" onClick={() => void members.fetchNextPage()} disabled={members.isFetchingNextPage}>
          Show more members
        </button>
      ) : null}
    </section>
  );
}
