import { useState } from "react";
import { useNavigate } from "react-router";
import { Dialog } from "../../../components/Dialog";
import { useRemoveMember } from "../api/useRemoveMember";

interface RemoveMemberButtonProps {
  projectKey: string;
  userId: string;
  name: string;
  isMe: boolean;
  onError: (error: unknown) => void;
}

/** Remove a member, after saying what it means; leaving the project goes back to the list. */
export function RemoveMemberButton({ projectKey, userId, name, isMe, onError }: RemoveMemberButtonProps) {
  const remove = useRemoveMember(projectKey);
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const close = () => {
    setAsking(false);
  };
  const confirm = () => {
    close();
    onError(null);
    remove.mutate(userId, {
      onSuccess: () => {
        if (isMe) {
          void navigate("/projects");
        }
      },
      onError,
    });
  };
  return (
    <>
      <button
        type="button"
        className="danger"
        aria-label={isMe ? "Leave the project" : `Remove ${name}`}
        disabled={remove.isPending}
        onClick={() => {
          setAsking(true);
        }}
      >
        {isMe ? "Leave" : "Remove"}
      </button>
      <Dialog open={asking} onClose={close} title={isMe ? `Leave ${projectKey}?` : `Remove ${name}?`}>
        <p>
          {isMe
            ? "You will no longer see this project unless someone invites you again."
            : `${name} will no longer see ${projectKey}. Their issues, comments and worklogs stay.`}
        </p>
        <div className="actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="primary danger" onClick={confirm}>
            {isMe ? "Leave project" : "Remove"}
          </button>
        </div>
      </Dialog>
    </>
  );
}
