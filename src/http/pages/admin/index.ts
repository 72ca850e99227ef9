import { Hono } from "hono";
import { requireAdminPage } from "../../middleware/session";
import type { AppContext } from "../../types";
import { candidatePages } from "./candidates";
import { conversationPages } from "./conversation";
import { inboxPages } from "./inbox";

/** Everything under /admin; anonymous visitors are sent to /login and brought back afterwards. */
export const adminPages = new Hono<AppContext>()
  .use(requireAdminPage)
  .route("/", inboxPages)
  .route("/", candidatePages)
  .route("/", conversationPages);
