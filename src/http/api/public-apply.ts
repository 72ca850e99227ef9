import { Hono } from "hono";
import { committed } from "../commit";
import { z } from "zod";
import { applyToOffer } from "../../conversations/applications";
import { MAX_BODY_LENGTH } from "../../conversations/errors";
import type { AppContext } from "../types";
import { email, freeText, idParam, personName, valid } from "../validation";

export const applySchema = z.object({
  name: personName,
  email,
  message: freeText(MAX_BODY_LENGTH, `A cover letter may have at most ${MAX_BODY_LENGTH} characters.`).optional(),
});

/** Anyone may apply to an offer; the cover letter becomes the first message. */
export const publicApplyApi = new Hono<AppContext>().post("/:id/applications", valid("param", idParam), valid("json", applySchema), async (c) => {
  const applicationId = await committed(c, applyToOffer(c.env, c.req.valid("param").id, c.req.valid("json")));
  return c.json({ applicationId }, 201);
});
