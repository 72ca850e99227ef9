import { MAX_BODY_LENGTH } from "../../../conversations/errors";
import type { Teammate } from "../../../conversations/mentions";
import type { PageText } from "../../../i18n/pages";
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
  /** Admins only: the switch between a message to the candidate and a note for the team (with @mentions). */
  note?: { t: PageText["notes"]; mode: "message" | "note"; team: Teammate[]; url: string };
}

/** A plain POST form (works without JavaScript); the client takes it over through `data-send-form`. */
export function SendForm({ action, label, placeholder, submit, hint, draft, error, note }: SendFormProps) {
  const id = "composer-body";
  return (
    <form class="composer" method="post" action={action} data-send-form data-note-url={note?.url} data-team={note ? JSON.stringify(note.team) : undefined}>
      {note ? (
        <fieldset class="composer__mode">
          <legend class="visually-hidden">{label}</legend>
          <label>
            <input type="radio" name="kind" value="message" checked={note.mode === "message"} /> {note.t.message}
          </label>
          <label>
            <input type="radio" name="kind" value="note" checked={note.mode === "note"} /> {note.t.note}
          </label>
          <span class="composer__note-hint" aria-live="polite">
            {note.t.onlyTeam}
          </span>
        </fieldset>
      ) : null}
      <label class={note ? "visually-hidden" : "composer__label"} for={id}>
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
        {hint && <p class="composer__hint composer__hint--message">{hint}</p>}
        {note && <p class="composer__hint composer__hint--note">{note.t.mentionHint}</p>}
        <button type="submit" class="button button--primary">
          {submit}
        </button>
      </div>
    </form>
  );
}
