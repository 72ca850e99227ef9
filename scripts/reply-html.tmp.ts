import { readFileSync } from "node:fs";
import { htmlToText } from "../src/email/reply/index";
import { convertHtml } from "../src/email/reply/html-to-text";
for (const f of process.argv.slice(2)) { console.log("=====", f); console.log(process.env.M ? convertHtml(readFileSync(f, "utf8"), true) : htmlToText(readFileSync(f, "utf8"))); }
