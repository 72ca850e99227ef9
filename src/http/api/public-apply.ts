import { Hono } from "hono";
import { committed } from "../commit";
import { z } from "zod";
import { applyToOffer } from "../../conversations/applications";
import { MAX_BODY_LENGTH } from "../../conversations/errors";
import type { AppContext } from "../types";
import { messageParts, partsOf } from "../uploads";
import { email, freeText, idParam, personName, valid } from "../validation";

export const applySchema = z.object({
  name: personName,
  email,
  message: freeText(MAX_BODY_LENGTH, `A cover letter may have at most ${MAX_BODY_LENGTH} characters.`).optional(),
});

/** Anyone may apply to an offer; the cover letter (and the CV, any files) become the first message. */
export const publicApplyApi = new Hono<AppContext>().post("/:id/applications", valid("param", idParam), messageParts(applySchema), async (c) => {
  const { fields, files } = partsOf(c, applySchema);
  const applicationId = await committed(c, applyToOffer(c.env, c.req.valid("param").id, { ...fields, files }));
  return c.json({ applicationId }, 201);
});
