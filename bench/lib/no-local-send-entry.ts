// A breakdown build for the inbound bench: the project's Worker unchanged, except that the delivery scheduler's
// `send_email` binding is a no-op that answers with a Message-ID. Every notification is still claimed, rendered,
// composed and recorded; only wrangler's local simulation of the send (which parses each email twice with
// postal-mime, stores it for its explorer and writes it to disk, on the same workerd thread) is left out. On
// Cloudflare that work is the platform's, not the Worker's. Used only to show what the simulation costs.
import { DeliveryScheduler as ProjectScheduler } from "../../src/email/delivery-scheduler";
import type { Env } from "../../src/env";
import worker from "../../src/index";

export { CompanyHub, ConversationRoom } from "../../src/index";

const noSend = { send: async () => ({ messageId: `<${crypto.randomUUID()}@bench.invalid>` }) } as unknown as SendEmail;

export class DeliveryScheduler extends ProjectScheduler {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, { ...env, EMAIL: noSend });
  }
}

export default worker;
