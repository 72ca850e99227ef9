import type { SignedInAdmin } from "../accounts/sessions";
import { database } from "../db/client";
import { listTemplates, placeholderValues, templateOf } from "../db/templates";
import type { Env } from "../env";
import { DomainError } from "./errors";
import { fillPlaceholders, hasPlaceholders } from "./placeholders";

/**
 * The body an admin's message is sent with: their text or a template of their company, placeholders filled in for
 * this conversation (`fill: false` leaves them, for a text sent to many). A plain text without placeholders reads
 * nothing (the message stays one round trip).
 */
export async function adminMessageBody(
  env: Env,
  admin: SignedInAdmin,
  applicationId: number,
  input: { body?: string; templateId?: number },
  opts: { fill: boolean } = { fill: true },
): Promise<string> {
  const db = database(env.DB);
  let text = input.body ?? "";
  if (input.templateId !== undefined) {
    const template = await templateOf(db, admin.companyId, input.templateId);
    if (!template) throw new DomainError("not_found", "This template does not exist.");
    text = template.body;
  }
  if (!opts.fill || !hasPlaceholders(text)) return text;
  const values = await placeholderValues(db, admin.companyId, applicationId, admin.id);
  if (!values) throw new DomainError("not_found", "This conversation does not exist.");
  return fillPlaceholders(text, values);
}

/**
 * The company's templates as they would read in this conversation, for the composer's preview: picking one shows
 * the text the candidate will get, not its placeholders. (Sending still fills the template itself.)
 */
export async function templatesFilledFor(env: Env, admin: SignedInAdmin, applicationId: number) {
  const db = database(env.DB);
  const templates = await listTemplates(db, admin.companyId);
  // The conversation's names are read only when a template needs them (most pages have none or plain ones).
  if (!templates.some((template) => hasPlaceholders(template.body))) return templates;
  const values = await placeholderValues(db, admin.companyId, applicationId, admin.id);
  return templates.map((template) => ({ ...template, body: values ? fillPlaceholders(template.body, values) : template.body }));
}
