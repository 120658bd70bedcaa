import { useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useConfirmSignUp } from "../api/useConfirmSignUp";

interface ConfirmSignUpProps {
  email: string;
  onConfirmed: () => void;
}

/** The code emailed to a new account, where the deployment asks for one. */
export function ConfirmSignUp({ email, onConfirmed }: ConfirmSignUpProps) {
  const confirm = useConfirmSignUp();
  const [code, setCode] = useState("");
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    confirm.mutate({ email, code }, { onSuccess: onConfirmed });
  };
  return (
    <form onSubmit={submit} className="stack" noValidate>
      <p>We sent a code to {email}. Enter it to finish creating your account.</p>
      <TextField
        label="Confirmation code"
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
        }}
        error={fieldMessage(confirm.error, "code")}
      />
      <ErrorNotice error={confirm.error} fields={["code"]} />
      <button type="submit" className="primary" disabled={confirm.isPending}>
        Confirm
      </button>
    </form>
  );
}
