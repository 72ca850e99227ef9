import type { PageText } from "../../../i18n/pages";

/**
 * Files for a form: a plain file button (it works without JavaScript and for those who cannot drag, WCAG 2.5.7)
 * inside a drop zone the client script enhances (`data-drop-zone`: dropping puts the files into this input).
 */
export function FileField({ t, id, label, error }: { t: PageText; id: string; label: string; error?: string | null }) {
  return (
    <div class={error ? "field file-field field--invalid" : "field file-field"} data-drop-zone data-drop-label={t.files.dropHere}>
      <label for={id}>{label}</label>
      <input id={id} type="file" name="files" multiple aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? "true" : undefined} />
      <p class="field__hint" id={`${id}-hint`}>
        {t.files.hint}
      </p>
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
