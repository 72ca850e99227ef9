import { Hono } from "hono";
import { committed } from "../../commit";
import { z } from "zod";
import { addCandidate } from "../../../conversations/applications";
import { DomainError } from "../../../conversations/errors";
import type { AppContext } from "../../types";
import { email, id, personName } from "../../validation";
import { AddCandidateForm, type AddCandidateValues } from "../components/add-candidate-form";
import { FormAlert } from "../components/field";
import { check, formFields } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

const addSchema = z.object({ offerId: id, name: personName, email });

/** Manually added candidates: the inbox holds the form; mistakes and duplicates are explained on this page. */
export const addCandidatePages = new Hono<AppContext>()
  .get("/candidates/new", async (c) => {
    const ctx = await adminContext(c);
    return render(c, await addPage(ctx, { offerId: Number(c.req.query("offerId")) || undefined }));
  })
  .post("/candidates", async (c) => {
    const ctx = await adminContext(c);
    const { t } = ctx;
    const fields = await formFields(c);
    const values = { offerId: Number(fields.offerId) || undefined, name: fields.name, email: fields.email };
    const checked = check(addSchema, fields);
    if (!checked.ok) {
      const errors = {
        offerId: checked.invalid.has("offerId") ? t.errors.choose : undefined,
        name: checked.invalid.has("name") ? t.errors.name : undefined,
        email: checked.invalid.has("email") ? t.errors.email : undefined,
      };
      return render(c, await addPage(ctx, values, { errors }), 400);
    }
    const { offerId, ...candidate } = checked.data;
    try {
      const applicationId = await committed(c, addCandidate(c.env, ctx.admin, offerId, candidate));
      return seeOther(c, `/admin/applications/${applicationId}`);
    } catch (error) {
      if (error instanceof DomainError && error.code === "already_applied") {
        return render(c, await addPage(ctx, values, { existingId: Number(error.details.applicationId) }), 409);
      }
      if (error instanceof DomainError && error.code === "not_found") {
        return render(c, await addPage(ctx, values, { errors: { offerId: t.errors.choose } }), 400);
      }
      throw error;
    }
  });

async function addPage(ctx: AdminPageContext, values: AddCandidateValues, outcome: { errors?: { offerId?: string; name?: string; email?: string }; existingId?: number } = {}) {
  const { t } = ctx;
  const offers = await ctx.scope.offers();
  return ctx.frame(
    t.addCandidate.title,
    "inbox",
    <section class="card form-page">
      <a class="back-link" href="/admin">
        ← {t.conversation.back}
      </a>
      <h1>{t.addCandidate.title}</h1>
      <p class="muted">{t.addCandidate.intro}</p>
      {outcome.existingId !== undefined && (
        <FormAlert tone="info">
          <p>{t.addCandidate.duplicate}</p>
          <a href={`/admin/applications/${outcome.existingId}`}>{t.addCandidate.openExisting} →</a>
        </FormAlert>
      )}
      <AddCandidateForm t={t} offers={offers} values={values} errors={outcome.errors} />
    </section>,
  );
}
