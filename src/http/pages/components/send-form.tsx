import { MAX_BODY_LENGTH } from "../../../conversations/errors";
import type { Teammate } from "../../../conversations/mentions";
import type { PageText } from "../../../i18n/pages";
import { controlAria } from "./field";
import { FileField } from "./file-field";

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
  /** A file field (both sides' messages; not notes). */
  files?: { t: PageText; error?: string | null };
  /** The company's templates to start a message from (admins). */
  templates?: { t: PageText["templatesPicker"]; items: { id: number; name: string; body: string }[] };
  /** Sending later (admins): a time in the company's zone, or tomorrow morning; every web send is held for undo. */
  later?: { t: PageText["later"]; timeZone: string; tomorrow: string; value?: string; error?: string | null };
  /** Why a message may not reach the candidate (their address bounced), said where it is written. */
  warning?: string | null;
}

/** How long the web composer holds a message (sent as a scheduled one) so that it can be taken back. */
export const UNDO_HOLD_MS = 5_000;

/** A plain POST form (works without JavaScript); the client takes it over through `data-send-form`. */
export function SendForm({ action, label, placeholder, submit, hint, draft, error, note, files, templates, later, warning }: SendFormProps) {
  const id = "composer-body";
  return (
    <form
      class="composer"
      method="post"
      action={action}
      enctype={files ? "multipart/form-data" : undefined}
      data-send-form
      data-note-url={note?.url}
      data-team={note ? JSON.stringify(note.team) : undefined}
      data-undo-ms={later ? String(UNDO_HOLD_MS) : undefined}
      // The client times its held sends by the server's clock, not its own (which may be off by minutes).
      data-server-now={later ? String(Date.now()) : undefined}
    >
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
      <textarea id={id} name="body" rows={4} maxlength={MAX_BODY_LENGTH} required={!files && !templates} placeholder={placeholder} {...controlAria(id, error)}>
        {draft ?? ""}
      </textarea>
      {templates && templates.items.length > 0 && (
        <div class="composer__template">
          <label for="composer-template">{templates.t.label}</label>
          <select id="composer-template" name="templateId" data-templates={JSON.stringify(templates.items.map(({ id, body }) => ({ id, body })))}>
            <option value="">{templates.t.none}</option>
            {templates.items.map((tpl) => (
              <option value={String(tpl.id)}>{tpl.name}</option>
            ))}
          </select>
        </div>
      )}
      {files && <FileField t={files.t} id="composer-files" label={files.t.files.label} error={files.error} />}
      {warning && (
        <p class="composer__warning" data-composer-warning>
          {warning}
        </p>
      )}
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
      {/* After the footer: the form's first submit button stays "Send", the one Enter in a field presses. */}
      {later && (
        <details class="composer__later" open={later.value ? true : undefined}>
          <summary>{later.t.summary}</summary>
          <button type="submit" class="button composer__tomorrow" name="later" value="tomorrow">
            {later.tomorrow}
          </button>
          <p class="composer__or">{later.t.orAt}</p>
          <label for="composer-send-at">{later.t.when}</label>{" "}
          <input
            id="composer-send-at"
            type="datetime-local"
            name="sendAt"
            value={later.value ?? ""}
            {...controlAria("composer-send-at", later.error, later.t.hint(later.timeZone))}
          />
          <button type="submit" class="button" name="later" value="at">
            {later.t.schedule}
          </button>
          <p class="field__hint" id="composer-send-at-hint">
            {later.t.hint(later.timeZone)}
          </p>
          {later.error && (
            <p class="field__error" id="composer-send-at-error" role="alert">
              {later.error}
            </p>
          )}
        </details>
      )}
    </form>
  );
}
