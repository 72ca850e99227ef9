import { Hono, type Context } from "hono";
import { committed } from "../../commit";
import { z } from "zod";
import { setApplicationStatus } from "../../../conversations/applications";
import { DomainError } from "../../../conversations/errors";
import { knownPlaceholders } from "../../../conversations/placeholders";
import { mentionedIn } from "../../../conversations/mentions";
import { postMessage } from "../../../conversations/post-message";
import { assignApplication, postNote } from "../../../conversations/team";
import { markReadByAdmin } from "../../../conversations/read";
import { currentAdmin, type AppContext } from "../../types";
import { messageBody, messageText } from "../../validation";
import { adminMessageBody } from "../../../conversations/templates";
import { MAX_SCHEDULE_AHEAD_MS, scheduleMessage, unscheduleMessage } from "../../../conversations/scheduled";
import { tomorrowMorning, wallClockToEpoch } from "../format";
import { notFoundPage } from "../errors";
import { bodyError, check, formFields, idParam, pageFormWithFiles } from "../forms";
import { seeOther } from "../render";
import { adminContext } from "./context";
import { renderConversation } from "./conversation-page";

const sendSchema = z.object({ body: messageBody });
/** With files or a template, the text may be empty. */
const sendWithExtras = z.object({ body: messageText });

/** An admin's conversation with one candidate: read, write, reject, reopen. */
export const conversationPages = new Hono<AppContext>()
  .get("/applications/:id", async (c) => {
    const applicationId = idParam(c.req.param("id"));
    // Seeing the page is reading it (before the header's unread total is counted); scoped inside, so another
    // company's id marks nothing.
    if (applicationId !== null) await committed(c, markReadByAdmin(c.env, currentAdmin(c), applicationId));
    const ctx = await adminContext(c);
    if (applicationId === null) return notFoundPage(c, ctx.t);
    return renderConversation(c, ctx, applicationId);
  })
  .post("/applications/:id/messages", async (c) => {
    const applicationId = idParam(c.req.param("id"));
    const ctx = await adminContext(c);
    if (applicationId === null || !(await ctx.scope.application(applicationId))) return notFoundPage(c, ctx.t);
    const { fields, files, fileError } = await pageFormWithFiles(c, ctx.t);
    const body = fields.body ?? "";
    const mode = fields.kind === "note" ? "note" : "message";
    const templateId = mode === "message" && fields.templateId ? idParam(fields.templateId) : null;
    if (fileError) return renderConversation(c, ctx, applicationId, { draft: body, mode, fileError, status: 413 });
    // Sending later: tomorrow morning, or a time typed on the company's wall clock.
    const laterText = mode === "message" && fields.later !== "tomorrow" ? (fields.sendAt ?? "").trim() : "";
    const sendAt = mode === "message" && fields.later === "tomorrow" ? tomorrowMorning(ctx.t.timeZone) : laterText ? wallClockToEpoch(laterText, ctx.t.timeZone) : null;
    if ((laterText || (mode === "message" && fields.later === "at")) && (sendAt === null || sendAt <= Date.now() || sendAt > Date.now() + MAX_SCHEDULE_AHEAD_MS)) {
      return renderConversation(c, ctx, applicationId, {
        draft: body,
        mode,
        sendAt: laterText,
        sendAtError: ctx.t.later.invalid,
        // A browser cannot be handed files back: say so, rather than let them go missing unnoticed.
        ...(files.length > 0 ? { fileError: ctx.t.files.chooseAgain } : {}),
        status: 400,
      });
    }
    const extras = mode === "message" && (files.length > 0 || (templateId !== null && body.trim() === ""));
    const checked = check(extras ? sendWithExtras : sendSchema, { body });
    if (!checked.ok) return renderConversation(c, ctx, applicationId, { draft: body, mode, ...bodyError(ctx.t, body) });
    try {
      const text = checked.data.body;
      // A template counts when nothing was typed; typed text (with its placeholders) is sent as written.
      const message = () => adminMessageBody(c.env, ctx.admin, applicationId, templateId !== null && text.trim() === "" ? { templateId } : { body: text });
      if (sendAt !== null) {
        const filled = await message();
        await committed(c, scheduleMessage(c.env, ctx.admin, applicationId, { body: filled, files, sendAt }));
        return seeOther(c, `/admin/applications/${applicationId}#scheduled-title`);
      }
      const posted = await committed(
        c,
        mode === "note"
          ? postNote(c.env, ctx.admin, applicationId, { body: text, mentions: mentionedIn(text, await ctx.scope.admins()) })
          : message().then((filled) => postMessage(c.env, { applicationId, author: { kind: "admin", adminId: ctx.admin.id }, channel: "web", body: filled, files })),
      );
      return seeOther(c, `/admin/applications/${applicationId}#message-${posted.id}`);
    } catch (error) {
      if (error instanceof DomainError && (error.code === "empty_message" || error.code === "message_too_long")) {
        return renderConversation(c, ctx, applicationId, { draft: body, mode, ...bodyError(ctx.t, body) });
      }
      if (error instanceof DomainError && error.code === "unknown_placeholder") {
        const words = ctx.t.templates.unknownPlaceholder(String(error.details.placeholder), knownPlaceholders());
        return renderConversation(c, ctx, applicationId, { draft: body, mode, error: words, status: 400 });
      }
      throw error;
    }
  })
  .post("/scheduled/:id/cancel", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    const back = idParam((await formFields(c)).applicationId ?? "");
    if (id === null) return notFoundPage(c, ctx.t);
    try {
      await unscheduleMessage(c.env, ctx.admin, id);
    } catch (error) {
      // Already sent, or not this company's: nothing to cancel; the conversation shows what happened.
      if (!(error instanceof DomainError)) throw error;
      if (error.code === "not_found") return notFoundPage(c, ctx.t);
    }
    return seeOther(c, back === null ? "/admin" : `/admin/applications/${back}`);
  })
  .post("/applications/:id/assignee", async (c) => {
    const applicationId = idParam(c.req.param("id"));
    const ctx = await adminContext(c);
    const { assigneeId = "" } = await formFields(c);
    const assignee = assigneeId === "" ? null : idParam(assigneeId);
    if (applicationId === null || (assigneeId !== "" && assignee === null)) return notFoundPage(c, ctx.t);
    try {
      await committed(c, assignApplication(c.env, ctx.admin, applicationId, assignee));
    } catch (error) {
      if (error instanceof DomainError) return notFoundPage(c, ctx.t);
      throw error;
    }
    return seeOther(c, `/admin/applications/${applicationId}`);
  })
  .post("/applications/:id/reopen", (c) => changeStatus(c, "active"));

async function changeStatus(c: Context<AppContext>, status: "active") {
  const applicationId = idParam(c.req.param("id"));
  const ctx = await adminContext(c);
  if (applicationId === null || !(await ctx.scope.application(applicationId))) return notFoundPage(c, ctx.t);
  await committed(c, setApplicationStatus(c.env, ctx.admin, applicationId, status));
  return seeOther(c, `/admin/applications/${applicationId}`);
}
