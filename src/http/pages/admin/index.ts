import { Hono } from "hono";
import { requireAdminPage } from "../../middleware/session";
import type { AppContext } from "../../types";
import { bulkPages } from "./bulk";
import { addCandidatePages } from "./candidates";
import { conversationPages } from "./conversation";
import { erasePages } from "./erase";
import { erasureRequestPages } from "./erasure-requests";
import { inboxPages } from "./inbox";
import { inboundPages } from "./inbound";
import { rejectPages } from "./reject";
import { searchPages } from "./search";
import { adminOfferPages } from "./offers";
import { integrationsPages } from "./integrations";
import { settingsPages } from "./settings";
import { teamPages } from "./team";
import { templatePages } from "./templates";
import { notFoundPage } from "../errors";
import { adminContext } from "./context";

/** Everything under /admin; anonymous visitors are sent to /login and brought back afterwards. */
export const adminPages = new Hono<AppContext>()
  .use(requireAdminPage)
  .route("/", inboxPages)
  .route("/", addCandidatePages)
  .route("/", conversationPages)
  .route("/", searchPages)
  .route("/", rejectPages)
  .route("/", bulkPages)
  .route("/", inboundPages)
  .route("/", erasePages)
  .route("/", erasureRequestPages)
  .route("/", adminOfferPages)
  .route("/", settingsPages)
  .route("/", integrationsPages)
  .route("/", teamPages)
  .route("/", templatePages)
  // A mistyped admin address gets the page, not the API's JSON 404 (registered last: only what nothing else took).
  .get("*", async (c) => notFoundPage(c, (await adminContext(c)).t));
