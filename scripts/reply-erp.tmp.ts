import { readdirSync, readFileSync } from "node:fs";
import { extractReply } from "../src/email/reply/index";
import { labelString } from "../src/email/reply/labels";
import { normalize } from "../src/email/reply/extract";
const dir = "test/fixtures/emails/email-reply-parser/test/fixtures";
for (const f of readdirSync(dir).sort()) {
  const t = readFileSync(`${dir}/${f}`, "utf8");
  const r = extractReply(t);
  console.log(`=== ${f} trimmed=${r.trimmed} labels=${labelString(normalize(t)).slice(0,80)}\n${r.reply.split("\n").slice(0,12).join("\n")}`);
}
