import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class ConversationRoom extends DurableObject<Env> {}
