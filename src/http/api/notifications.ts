import { Hono } from "hono";
import { committed } from "../commit";
import { z } from "zod";
import { markNotificationsRead } from "../../conversations/read";
import { database } from "../../db/client";
import { companyScope } from "../../db/company-scope";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { idParam, valid } from "../validation";
import { notificationView } from "./views";

export const notificationsApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/", valid("query", z.object({ before: z.coerce.number().int().positive().optional() })), async (c) => {
    const admin = currentAdmin(c);
    const { rows, unread } = await companyScope(database(c.env.DB), admin.companyId).notifications(admin.id, c.req.valid("query").before);
    return c.json({ notifications: rows.map(notificationView), unread });
  })
  .post("/read", async (c) => {
    return c.json({ unread: await committed(c, markNotificationsRead(c.env, currentAdmin(c))) });
  })
  .post("/:id/read", valid("param", idParam), async (c) => {
    const unread = await committed(c, markNotificationsRead(c.env, currentAdmin(c), c.req.valid("param").id));
    if (unread === null) return jsonError(c, 404, "not_found", "This notification does not exist.");
    return c.json({ unread });
  });
