// Languages beyond the fixture sets: each client's attribution line, header block and mobile footer as the
// sender's client writes it in its language, above the quoted invitation. The reply alone must be kept.
import { describe, expect, it } from "vitest";
import { extractReply } from "../../src/email/reply";

const QUOTE = "> Dobrý den,\n>\n> můžete přijít na pohovor v úterý v 10:00?\n>\n> Jana Nováková";
const HEADER_BLOCK_HISTORY = "Dobrý den,\n\nmůžete přijít na pohovor v úterý v 10:00?\n\nJana Nováková";

/** The reply, then `between` (an attribution or a header block), then the quoted history. */
const reply = (text: string, between: string, history = QUOTE) => `${text}\n\n${between}\n${history}\n`;

const ATTRIBUTIONS: [string, string][] = [
  ["French, Gmail", "Le mar. 1 déc. 2026 à 10:00, Jana Nováková <jana@acme.example> a écrit :"],
  ["Spanish, Gmail", "El mar, 1 dic 2026 a las 10:00, Jana Nováková (<jana@acme.example>) escribió:"],
  ["Italian, Gmail", "Il giorno mar 1 dic 2026 alle ore 10:00 Jana Nováková <jana@acme.example> ha scritto:"],
  ["Portuguese, Gmail", "Em ter., 1 de dez. de 2026 às 10:00, Jana Nováková <jana@acme.example> escreveu:"],
  ["Dutch, Gmail", "Op di 1 dec 2026 om 10:00 schreef Jana Nováková <jana@acme.example>:"],
  ["Swedish, Gmail", "Den tis 1 dec. 2026 kl 10:00 skrev Jana Nováková <jana@acme.example>:"],
  ["Norwegian, Gmail", "tir. 1. des. 2026 kl. 10:00 skrev Jana Nováková <jana@acme.example>:"],
  ["Finnish, Gmail", "ti 1.12.2026 klo 10.00 Jana Nováková (jana@acme.example) kirjoitti:"],
  ["Romanian, Gmail", "În mar., 1 dec. 2026 la 10:00, Jana Nováková <jana@acme.example> a scris:"],
  ["Turkish, Gmail", "Jana Nováková <jana@acme.example>, 1 Ara 2026 Sal, 10:00 tarihinde şunu yazdı:"],
  ["Greek, Gmail", "Στις Τρί 1 Δεκ 2026 στις 10:00 π.μ., ο/η Jana Nováková <jana@acme.example> έγραψε:"],
  ["Japanese, Gmail", "2026年12月1日(火) 10:00 Jana Nováková <jana@acme.example>:"],
  ["Japanese, Apple Mail", "2026/12/01 10:00、Jana Nováková <jana@acme.example>のメール:"],
  ["Chinese (simplified), Gmail", "Jana Nováková <jana@acme.example> 于2026年12月1日周二 10:00写道："],
  ["Chinese (traditional), Gmail", "Jana Nováková <jana@acme.example> 於 2026年12月1日 週二 上午10:00寫道："],
  ["Korean, Gmail", "2026년 12월 1일 (화) 오전 10:00, Jana Nováková <jana@acme.example>님이 작성:"],
  ["Arabic, Gmail", "في الثلاثاء، 1 ديسمبر 2026 في 10:00 ص، كتب Jana Nováková <jana@acme.example>:"],
  ["Hebrew, Gmail", "\u202bבתאריך יום ג׳, 1 בדצמ׳ 2026 ב-10:00 מאת \u202aJana Nováková\u202c\u200f <\u202ajana@acme.example\u202c\u200f>:\u202c"],
  ["Vietnamese, Gmail", "Vào Th 3, 1 thg 12, 2026 vào lúc 10:00 Jana Nováková <jana@acme.example> đã viết:"],
  ["Indonesian, Gmail", "Pada tanggal Sel, 1 Des 2026 pukul 10.00 Jana Nováková <jana@acme.example> menulis:"],
  ["Croatian, Gmail", "uto, 1. pro 2026. u 10:00 Jana Nováková <jana@acme.example> napisao je:"],
  ["Slovenian, Gmail", "V tor., 1. dec. 2026 ob 10:00 je oseba Jana Nováková <jana@acme.example> napisala:"],
  ["Bulgarian, Gmail", "На вт, 1.12.2026 г. в 10:00 Jana Nováková <jana@acme.example> написа:"],
  ["Lithuanian, Gmail", "2026-12-01, an, 10:00 Jana Nováková <jana@acme.example> rašė:"],
  ["Estonian, Gmail", "T, 1. detsember 2026 10:00 Jana Nováková <jana@acme.example> kirjutas:"],
  ["Latvian, Gmail", "otrd., 2026. g. 1. dec., plkst. 10:00 — lietotājs Jana Nováková (<jana@acme.example>) rakstīja:"],
  ["Thai, Gmail", "เมื่อ อ. 1 ธ.ค. 2026 เวลา 10:00 Jana Nováková <jana@acme.example> เขียนว่า:"],
  ["an unknown language, with an address", "Ngày 1/12/2026 10:00 Jana Nováková <jana@acme.example> sa-ysulat:"],
];

const HEADER_BLOCKS: [string, string][] = [
  ["Romanian, Outlook", "De la: Jana Nováková <jana@acme.example>\nTrimis: marți, 1 decembrie 2026 10:00\nCătre: Ion Popescu <ion@example.ro>\nSubiect: Pohovor"],
  ["Turkish, Outlook", "Kimden: Jana Nováková <jana@acme.example>\nGönderildi: 1 Aralık 2026 Salı 10:00\nKime: Ayşe Yılmaz <ayse@example.com.tr>\nKonu: Pohovor"],
  ["Greek, Outlook", "Από: Jana Nováková <jana@acme.example>\nΣτάλθηκε: Τρίτη, 1 Δεκεμβρίου 2026 10:00 π.μ.\nΠρος: Νίκος <nikos@example.gr>\nΘέμα: Pohovor"],
  ["Japanese, Outlook", "差出人: Jana Nováková <jana@acme.example>\n送信日時: 2026年12月1日 10:00\n宛先: 山田 太郎 <taro@example.jp>\n件名: Pohovor"],
  ["Korean, Outlook", "보낸 사람: Jana Nováková <jana@acme.example>\n보낸 날짜: 2026년 12월 1일 화요일 오전 10:00\n받는 사람: 김민준 <minjun@example.kr>\n제목: Pohovor"],
  [
    "Finnish, Outlook",
    "Lähettäjä: Jana Nováková <jana@acme.example>\nLähetetty: tiistai 1. joulukuuta 2026 10.00\nVastaanottaja: Matti Virtanen <matti@example.fi>\nAihe: Pohovor",
  ],
  ["Bulgarian, Outlook", "От: Jana Nováková <jana@acme.example>\nИзпратено: 1 декември 2026 г. 10:00\nДо: Иван Петров <ivan@example.bg>\nОтносно: Pohovor"],
  ["Vietnamese, Outlook", "Từ: Jana Nováková <jana@acme.example>\nĐã gửi: Thứ Ba, 1 tháng 12, 2026 10:00\nĐến: Nguyễn Văn An <an@example.vn>\nChủ đề: Pohovor"],
  ["Hebrew, Outlook", "מאת: Jana Nováková <jana@acme.example>\nנשלח: יום שלישי 1 דצמבר 2026 10:00\nאל: דנה כהן <dana@example.co.il>\nנושא: Pohovor"],
];

const FOOTERS: [string, string][] = [
  ["Finnish", "Lähetetty iPhonesta"],
  ["Romanian", "Trimis de pe iPhone-ul meu"],
  ["Turkish", "iPhone'umdan gönderildi"],
  ["Greek", "Στάλθηκε από το iPhone μου"],
  ["Japanese", "iPhoneから送信"],
  ["Chinese (simplified)", "发自我的iPhone"],
  ["Korean", "나의 iPhone에서 보냄"],
  ["Vietnamese", "Được gửi từ iPhone của tôi"],
  ["Indonesian", "Dikirim dari iPhone saya"],
  ["Croatian", "Poslano s mog iPhonea"],
  ["Bulgarian", "Изпратено от моя iPhone"],
  ["Hebrew", "נשלח מה-iPhone שלי"],
];

describe("replies in more languages", () => {
  it.each(ATTRIBUTIONS)("%s: the attribution and the quote below it go", (_, attribution) => {
    expect(extractReply(reply("Dobrý den,\n\nv úterý v 10:00 přijdu.\n\nAyşe", attribution)).reply).toBe("Dobrý den,\n\nv úterý v 10:00 přijdu.\n\nAyşe");
  });

  it.each(HEADER_BLOCKS)("%s: the header block and the history below it go", (_, block) => {
    expect(extractReply(reply("Děkuji, v úterý v 10:00 přijdu.", block, HEADER_BLOCK_HISTORY)).reply).toBe("Děkuji, v úterý v 10:00 přijdu.");
  });

  it.each(FOOTERS)("%s: the mobile footer goes", (_, footer) => {
    expect(extractReply(`Ano, úterý platí.\n\n${footer}\n\n${ATTRIBUTIONS[0]![1]}\n${QUOTE}\n`).reply).toBe("Ano, úterý platí.");
  });

  it("an attribution of an unknown language wrapped over two lines still goes", () => {
    const text = "Přijdu.\n\nNgày 1/12/2026 10:00 Jana Nováková <\njana@acme.example> sa-ysulat:\n" + QUOTE;
    expect(extractReply(text).reply).toBe("Přijdu.");
  });

  it("a line of prose right above a wrapped attribution of an unknown language stays", () => {
    const text = "Přijdu v úterý 1. 12. v 10:00.\nNgày 1/12/2026 10:00 Jana Nováková <\njana@acme.example> sa-ysulat:\n" + QUOTE;
    expect(extractReply(text).reply).toBe("Přijdu v úterý 1. 12. v 10:00.");
  });

  it("prose that ends with a colon above the candidate's own inline answers stays", () => {
    const text = "> Kdy můžete přijít?\nV úterý 1. 12. 2026 v 10:00:\n> A kde?\nV Praze.";
    expect(extractReply(text).reply).toContain("V úterý 1. 12. 2026 v 10:00:");
  });

  it("an unknown-language line that only mentions an address, with the text going on below the quote, stays", () => {
    const text = "Můj nový e-mail je jan@example.cz:\n> starý: jan@old.example\nOstatní platí.";
    expect(extractReply(text).reply).toContain("Můj nový e-mail je jan@example.cz:");
  });

  // What the rules above must not take for history (each was cut by a first draft of them).
  const PROSE: [string, string, string][] = [
    [
      "an address in brackets in the reply above a known attribution",
      "Prosím pište mi nově na adresu (jana.nova@seznam.cz)\nDěkuji, Jana\n\nOn Tue, Dec 3, 2026 at 10:00 Martina <m@x.cz> wrote:\n> Dobrý den",
      "Prosím pište mi nově na adresu (jana.nova@seznam.cz)\nDěkuji, Jana",
    ],
    [
      "a reference's address a blank line above the attribution",
      "Mohu nastoupit 1. 2. Kontakt na referenci: Petr Novák (petr@acme.cz)\n\nDne 3. 12. 2026 v 10:00 Martina Veselá <m@x.cz> napsal(a):\n> Dobrý den",
      "Mohu nastoupit 1. 2. Kontakt na referenci: Petr Novák (petr@acme.cz)",
    ],
    [
      "a date and a time ending in a colon above a top-posted quote",
      "Dobrý den,\nmohu přijít v úterý 3.12. ve 14:00, jak jste navrhla:\n\n> Můžete přijít na pohovor v úterý ve 14:00?",
      "Dobrý den,\nmohu přijít v úterý 3.12. ve 14:00, jak jste navrhla:",
    ],
    [
      "a bottom-posted question after a line with a date",
      "Termín 3.12.2026 v 10:00 mi vyhovuje, jen dotaz:\n> Vezměte si s sebou doklady.\nJaké doklady?",
      "Termín 3.12.2026 v 10:00 mi vyhovuje, jen dotaz:",
    ],
    [
      "a wage and a decimal ending in a colon",
      "Dobrý den,\nnabízená mzda 1500 Kč, tj. 12.50 za hodinu, je pro mě v pořádku, k tomu ale:\n> Nástup možný ihned.",
      "je pro mě v pořádku, k tomu ale:",
    ],
    [
      "a Czech itinerary (Od / Kam / Datum)",
      "Dobrý den, posílám údaje k cestě:\nOd: Praha\nKam: Brno\nDatum: 3. 12. 2026\nCena jízdenky byla 250 Kč, prosím o proplacení.\nJana",
      "Cena jízdenky byla 250 Kč",
    ],
    ["a sentence about Outlook on iOS", "Dobrý den,\npříloha se v Outlook pro iOS nezobrazí.\nMůžete ji poslat znovu jako PDF?\nJana", "Můžete ji poslat znovu jako PDF?"],
    ["an English sentence about Outlook for iOS", "Outlook for iOS hides the attachment.\nCould you resend the contract?\nJana", "Outlook for iOS hides the attachment."],
    ["a Turkish sentence that something was sent", "Merhaba,\nCV'm dün insan kaynaklarından gönderildi.\nBilgilerinize sunarım.\nAyşe", "Bilgilerinize sunarım."],
    ["a Japanese sentence wrapped after から送信", "田中様\n履歴書は昨日自宅のパソコンから送信\nしました。ご確認ください。\n山田", "しました。ご確認ください。"],
    ["a Japanese line ending in のメール without a colon", "了解です。12月3日10:00のメール\n確認しました。", "了解です。12月3日10:00のメール"],
  ];

  it.each(PROSE)("%s stays", (_, text, kept) => {
    expect(extractReply(text).reply).toContain(kept);
  });
});
