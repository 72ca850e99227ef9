import { Hono } from "hono";
import { committed } from "../commit";
import { z } from "zod";
import { candidateAccess } from "../../conversations/candidate-access";
import { requestErasure } from "../../conversations/erasure-requests";
import { exportForCandidate } from "../../conversations/export";
import { postMessage } from "../../conversations/post-message";
import { markReadByCandidate } from "../../conversations/read";
import { database } from "../../db/client";
import { candidateView, listMessageViews } from "../../db/message-views";
import { jsonError } from "../errors";
import type { AppContext } from "../types";
import { messageParts, partsOf } from "../uploads";
import { messageText, valid } from "../validation";
import { exportResponse } from "./personal-data";

const tokenParam = z.object({ token: z.string().max(100) });
const candidateSend = z.object({ body: messageText.default("") });
const notFound = "This conversation link is not valid any more. Use the link in the latest email you received.";

/** The candidate's side, authorised by the signed link from their email (no account). */
export const candidateApi = new Hono<AppContext>()
  .get("/:token/messages", valid("param", tokenParam), valid("query", z.object({ after: z.coerce.number().int().min(0).optional() })), async (c) => {
    const access = await candidateAccess(c.env, c.req.valid("param").token);
    if (!access) return jsonError(c, 404, "not_found", notFound);
    const messages = await listMessageViews(database(c.env.DB), access.applicationId, { after: c.req.valid("query").after, forAdmin: false });
    return c.json({ messages });
  })
  .post("/:token/messages", valid("param", tokenParam), messageParts(candidateSend), async (c) => {
    const access = await candidateAccess(c.env, c.req.valid("param").token);
    if (!access) return jsonError(c, 404, "not_found", notFound);
    const { fields, files } = partsOf(c, candidateSend);
    const posted = await committed(c, postMessage(c.env, { applicationId: access.applicationId, author: { kind: "candidate" }, channel: "web", body: fields.body, files }));
    return c.json({ message: candidateView(posted) }, 201);
  })
  .post("/:token/read", valid("param", tokenParam), async (c) => {
    const access = await candidateAccess(c.env, c.req.valid("param").token);
    if (!access) return jsonError(c, 404, "not_found", notFound);
    await committed(c, markReadByCandidate(c.env, access.applicationId, access.candidate.name));
    return c.body(null, 204);
  })
  .get("/:token/export", valid("param", tokenParam), async (c) => {
    const access = await candidateAccess(c.env, c.req.valid("param").token);
    if (!access) return jsonError(c, 404, "not_found", notFound);
    return exportResponse(await exportForCandidate(c.env, access));
  })
  .post("/:token/erasure-request", valid("param", tokenParam), async (c) => {
    const access = await candidateAccess(c.env, c.req.valid("param").token);
    if (!access) return jsonError(c, 404, "not_found", notFound);
    await committed(c, requestErasure(c.env, access));
    return c.json({ status: "requested" }, 202);
  });
