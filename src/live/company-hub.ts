import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class CompanyHub extends DurableObject<Env> {}
