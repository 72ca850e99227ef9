import { MAX_BODY_LENGTH } from "../../../conversations/errors";
import { controlAria } from "./field";

interface SendFormProps {
  action: string;
  label: string;
  placeholder: string;
  submit: string;
  hint?: string;
  /** The text to keep after a failed send. */
  draft?: string;
  error?: string | null;
}

/** A plain POST form (works without JavaScript); the client takes it over through `data-send-form`. */
export function SendForm({ action, label, placeholder, submit, hint, draft, error }: SendFormProps) {
  const id = "composer-body";
  return (
    <form class="composer" method="post" action={action} data-send-form>
      <label class="composer__label" for={id}>
        {label}
      </label>
      <textarea id={id} name="body" rows={4} maxlength={MAX_BODY_LENGTH} required placeholder={placeholder} {...controlAria(id, error)}>
        {draft ?? ""}
      </textarea>
      {/* Also the client's slot for its own send errors (data-send-error). */}
      <p class="field__error" id={`${id}-error`} role="alert" data-send-error hidden={!error}>
        {error ?? ""}
      </p>
      <div class="composer__footer">
        {hint && <p class="composer__hint">{hint}</p>}
        <button type="submit" class="button button--primary">
          {submit}
        </button>
      </div>
    </form>
  );
}
