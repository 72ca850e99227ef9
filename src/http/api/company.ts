import { Hono } from "hono";
import { z } from "zod";
import { database } from "../../db/client";
import { companyScope } from "../../db/company-scope";
import { updateCompanySettings } from "../../db/company-settings";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { companySettingsFields, valid } from "../validation";

/** The signed-in admin's company and its settings (CONTRACT.md "Company settings"). */
export const companyApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/", async (c) => c.json(await companyView(c.env, currentAdmin(c).companyId)))
  .patch("/", valid("json", z.object(companySettingsFields).partial()), async (c) => {
    await updateCompanySettings(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("json"));
    return c.json(await companyView(c.env, currentAdmin(c).companyId));
  });

async function companyView(env: Env, companyId: number) {
  const company = await companyScope(database(env.DB), companyId).company();
  const { id, name, contactEmail, locale, timeZone, retentionDays } = company;
  return { id, name, contactEmail, locale, timeZone, retentionDays };
}
