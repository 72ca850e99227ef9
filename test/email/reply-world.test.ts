/// <reference types="vite/client" />
// More languages and clients, end to end (see reply-corpus.ts): Western, Northern and Southern European, Baltic,
// Balkan, Turkish, Greek, CJK, Arabic, Hebrew, Vietnamese, Indonesian; Gmail, Outlook, iPhone Mail, Thunderbird,
// Samsung Email, Yahoo, Windows Mail.
import cases from "../fixtures/emails/world/cases.json";
import { describeCorpus } from "./reply-corpus";

const eml = import.meta.glob<string>("../fixtures/emails/world/*.eml", { query: "?raw", import: "default", eager: true });

describeCorpus("world languages and clients (raw .eml → stored body)", cases, eml, 135);
