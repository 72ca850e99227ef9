import { Hono } from "hono";
import { applicationsApi } from "./api/applications";
import { devRoutes } from "./dev";
import { liveRoutes } from "./live";
import { attachmentRoutes } from "./attachments";
import { candidateApi } from "./api/candidate";
import { templatesApi } from "./api/templates";
import { companyApi } from "./api/company";
import { notificationsApi } from "./api/notifications";
import { personalDataApi } from "./api/personal-data";
import { publicApplyApi } from "./api/public-apply";
import { sessionApi, signupApi } from "./api/session";
import { inboundApi } from "./api/inbound";
import { openApiRoutes } from "./api/openapi";
import { teamApi } from "./api/team";
import { tokensApi } from "./api/tokens";
import { webhooksApi } from "./api/webhooks";
import { handleError, jsonError } from "./errors";
import { securityHeaders, sameOriginOnly } from "./middleware/security";
import { rowsReadHeader } from "./middleware/rows-read";
import { loadSession } from "./middleware/session";
import { pages } from "./pages";
import { requestSizeLimit } from "./uploads";
import type { AppContext } from "./types";

/** The app's own routes, for the OpenAPI document (filled in once the app is built). */
let routeTable: { method: string; path: string; handler: object }[] = [];

export const app = new Hono<AppContext>()
  .use(rowsReadHeader)
  .use(securityHeaders)
  .use(sameOriginOnly())
  .use(requestSizeLimit)
  .use(loadSession)
  // API answers are per person and change with every message: never kept by a browser or a proxy.
  .use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .route("/api/session", sessionApi)
  .route("/api/signup", signupApi)
  .route("/api/offers", publicApplyApi)
  .route("/api/c", candidateApi)
  .route("/api/notifications", notificationsApi)
  .route("/api/templates", templatesApi)
  .route("/api/company", companyApi)
  .route("/api/inbound", inboundApi)
  .route("/api/tokens", tokensApi)
  .route("/api/webhooks", webhooksApi)
  // Before applicationsApi, whose requireAdmin guard covers every /api/* path it sees (candidate sockets included).
  .route(
    "/api",
    openApiRoutes(() => routeTable),
  )
  .route("/api", liveRoutes)
  .route("/api", personalDataApi)
  .route("/api", teamApi)
  .route("/api", applicationsApi)
  .route("/dev", devRoutes)
  .route("/", attachmentRoutes)
  .route("/", pages)
  .notFound((c) => jsonError(c, 404, "not_found", "There is nothing at this address."))
  .onError(handleError);

routeTable = app.routes;
