// Unit tests of the reply extractor's pieces: single-line labels per language/client,
// wrapped attributions, the trimming rules, and the HTML → text converter.
import { describe, expect, it } from "vitest";
import { extractReply, extractReplyFromHtml, htmlToText } from "../../src/email/reply";
import { labelLine, labelString } from "../../src/email/reply/labels";

describe("labelLine", () => {
  const cases: [label: string, line: string][] = [
    // attributions (a)
    ["a", "On Tue, Dec 3, 2026 at 09:41 AM Martina Veselá <jobs@example.cz> wrote:"],
    ["a", "On 28 Jan 2016, at 19:04, Some One wrote:"],
    ["a", "Some One <info@example.org> wrote:"],
    ["a", "---- On Tue, 22 Dec 2015 14:17:36 +0530 Sam Saffron<info@example.org> wrote ----"],
    ["a", "Dne 3. 12. 2026 v 09:41 Martina Veselá napsal(a):"],
    ["a", "Dne 26. 11. 26 v 09:41, Martina Veselá <jobs@example.cz> napsal(a):"],
    ["a", "út 3. 12. 2026 v 09:41 odesílatel Martina Veselá <jobs@example.cz> napsal:"],
    ["a", "ut 3. 12. 2026 o 09:41 Martina Veselá <jobs@example.sk> napísal(a):"],
    ["a", "Dňa 3. 12. 2026 o 9:41 Martina Veselá napísal(a):"],
    ["a", "Am 03.12.2026 um 09:41 schrieb Martina Veselá <jobs@example.de>:"],
    ["a", "Am Di., 3. Dez. 2026 um 09:41 Uhr schrieb Martina <jobs@example.de>:"],
    ["a", "Martina <jobs@example.de> schrieb am Di., 3. Dez. 2026 um 09:41 Uhr:"],
    ["a", 'Le 4 janv. 2016 19:03, "Neil" <info@example.org> a écrit :'],
    ["a", "El jueves, 21 de noviembre de 2013, codinghorror escribió:"],
    ["a", "Il 26 marzo 2016 alle 13.16 Sam <info@example.org> ha scritto:"],
    ["a", "Op 2 feb. 2015 om 05:28 heeft Sky <info@example.org> het volgende geschreven:"],
    ["a", "2016-10-24 15:36 GMT+02:00 Foo bar <info@foo.bar>:"],
    ["a", "понедельник, 6 октября 2014 г. пользователь lidel написал:"],
    ["a", "W dniu wt., 1 gru 2026 o 10:00 Martina Veselá <jobs@example.pl> napisał(a):"],
    ["a", "W dniu 1.12.2026 o 10:00, Martina Veselá pisze:"],
    ["a", "Wiadomość napisana przez Martina <jobs@example.pl> w dniu 01.12.2026, o godz. 10:00:"],
    ["a", "ср, 2 дек. 2026 г. в 10:00, Иван <ivan@example.ru>:"],
    ["a", "02.12.2026 10:00, Иван Петров пишет:"],
    ["a", "2 дек. 2026 г., в 10:00, Иван <ivan@example.ru> написал(а):"],
    ["a", "1 дек. 2026 г., 10:00 +0300, Мартина Весела <x@example.ru>, писал(а):"],
    ["a", "1 gru 2026, 10:00 +0100, Martina Veselá <x@example.pl>, pisał(a):"],
    ["a", "пн, 1 груд. 2026 р. о 09:15 Іван <ivan@example.ua> пише:"],
    ["a", "1 груд. 2026 р. о 09:15 Іван <ivan@example.ua> написав(ла):"],
    ["a", "2026. dec. 2., szerda 10:00 időpontban Martina <jobs@example.hu> ezt írta:"],
    ["a", "Martina <jobs@example.hu> ezt írta (időpont: 2026. dec. 2., Sze, 10:00):"],
    ["a", "2026. 12. 02. 10:00 keltezéssel, Martina Veselá írta:"],
    ["a", "Martina Veselá írta 2026. 12. 01. 10:00-kor:"],
    ["a", "Dne 1. 12. 2026 v 10:00 napsal(a) Martina Veselá <jobs@example.cz>:"],
    ["a", "W dniu 1.12.2026 o 10:00 napisał(a) Martina <jobs@example.pl>:"],
    // headers (h)
    ["h", "Wysłano: wtorek, 1 grudnia 2026 10:00"],
    ["h", "Temat: Rozmowa"],
    ["h", "Отправлено: 2 декабря 2026 г. 10:00"],
    ["h", "Від: Мартина <jobs@example.ua>"],
    ["h", "Надіслано: 1 грудня 2026 р. 9:15"],
    ["h", "Feladó: Martina <jobs@example.hu>"],
    ["h", "Elküldve: 2026. december 2., szerda 10:00"],
    ["h", "Címzett: Nagy Péter"],
    ["h", "Tárgy: Interjú"],
    ["h", "From: Martina Veselá <jobs@example.cz>"],
    ["h", "Sent: Tuesday, December 3, 2026 09:41 AM"],
    ["h", "*Subject:* Frontend developer"],
    ["h", "Od: Martina Veselá <jobs@example.cz>"],
    ["h", "Odesláno: úterý 3. prosince 2026 09:41"],
    ["h", "Komu: Lukáš Procházka"],
    ["h", "Předmět: Frontend vývojář"],
    ["h", "Datum: 3. 12. 2026 09:41:05"],
    ["h", "Odoslané: utorok 3. decembra 2026 9:41"],
    ["h", "Predmet: Frontend vývojár"],
    ["h", "Von: Martina Veselá"],
    ["h", "Gesendet: Dienstag, 3. Dezember 2026 09:41"],
    ["h", "Betreff: Frontend-Entwickler"],
    ["h", "Cc:"],
    // delimiters (d) and separators (w)
    ["d", "-----Original Message-----"],
    ["d", "----- Original Message -----"],
    ["d", "-------- Původní zpráva --------"],
    ["d", "---------- Původní e-mail ----------"],
    ["d", "---------- Oryginalny e-mail ----------"],
    ["d", "---------- Ursprüngliche E-Mail ----------"],
    ["d", "---------- Eredeti e-mail ----------"],
    ["d", "-------- Исходное письмо --------"],
    ["d", "-------- Pôvodná správa --------"],
    ["d", "-----Ursprüngliche Nachricht-----"],
    ["d", "________________________________"],
    ["d", "-----Исходное сообщение-----"],
    ["d", "-----Eredeti üzenet-----"],
    ["d", "-------- Original-Nachricht --------"],
    ["d", "-------- Oryginalna wiadomość --------"],
    ["d", "-----Початкове повідомлення-----"],
    // forward delimiters (f): content, not history
    ["f", "---------- Forwarded message ---------"],
    ["f", "Begin forwarded message:"],
    ["f", "-------- Přeposlaná zpráva --------"],
    ["f", "---------- Preposlaná správa ---------"],
    ["f", "-------- Przekazana wiadomość --------"],
    ["f", "-------- Пересылаемое сообщение --------"],
    ["f", "---------- Переслане повідомлення ---------"],
    ["f", "---------- Továbbított üzenet ---------"],
    ["f", "-------- Weitergeleitete Nachricht --------"],
    ["f", "Anfang der weitergeleiteten Nachricht:"],
    ["f", "Začátek přeposlané zprávy:"],
    ["w", "-----"],
    ["w", "======"],
    // signature delimiter (s)
    ["s", "-- "],
    ["s", "--"],
    // mobile footers (m)
    ["m", "Sent from my iPhone"],
    ["m", "Sent from my Samsung Galaxy smartphone."],
    ["m", "Sent from Yahoo Mail on Android"],
    ["m", "Sent from Mail for Windows"],
    ["m", "Get Outlook for Android"],
    ["m", "Get Outlook for iOS<https://aka.ms/o0ukef>"],
    ["m", "Odesláno z iPhonu"],
    ["m", "Odesláno z mého iPhonu"],
    ["m", "Odesláno ze Seznam.cz"],
    ["m", "Odesláno z mobilu Samsung"],
    ["m", "Stáhnout Outlook pro Android"],
    ["m", "Odoslané z iPhonu"],
    ["m", "Odoslané z môjho iPhonu"],
    ["m", "Von meinem iPhone gesendet"],
    ["m", "Gesendet von Mail für Windows"],
    ["m", "Envoyé de mon iPhone"],
    ["m", "Wysłane z iPhone’a"],
    ["m", "Wysłano z aplikacji Poczta dla Windows"],
    ["m", "Pobierz aplikację Outlook dla systemu Android"],
    ["m", "Отправлено с iPhone"],
    ["m", "Отправлено из мобильной Яндекс Почты"],
    ["m", "Надіслано з iPhone"],
    ["m", "iPhone-ról küldve"],
    ["m", "Az iPhone-omról küldve"],
    ["m", "Gesendet mit der GMX Mail App"],
    ["m", "Gesendet von meinem Android-Smartphone mit WEB.DE Mail"],
    ["m", "Odesláno z aplikace Seznam Email"],
    ["m", "Sent with Proton Mail secure email."],
    ["m", "Sent with Spark"],
    ["m", "Odesláno zabezpečeným e-mailem Proton Mail."],
    ["m", "Proton Mail biztonságos e-maillel küldve."],
    ["m", "Küldés a Windows Levelezés alkalmazásból"],
    ["m", "Get Outlook for iOS"],
    ["m", "Outlook für iOS<https://aka.ms/o0ukef> beziehen"],
    ["m", "Získať Outlook pre iOS"],
    ["m", "Spark-kal küldve"],
    ["m", "-- Отправлено из мобильной Яндекс Почты"],
    ["t", "Martina írta, hogy jövő héten 10:00-kor kezdünk."],
    ["m", "Отправлено с помощью Spark"],
    ["t", "Outlook für iOS beziehen und dann installieren, das dauert etwas."],
    // quotes (q), text (t), empty (e)
    ["q", "> Dobrý den, Lukáši,"],
    ["q", ">> nested"],
    ["q", "> On Tue, Dec 3, 2026 at 09:41 AM Martina <jobs@example.cz> wrote:"],
    ["e", "   "],
    ["t", "S pozdravem, Lukáš"],
    ["t", "Sent from my desk, it is much easier than my mobile phone."],
    ["t", "The notification was sent from my iPhone app to all users."],
    ["t", "On the other hand, we should be careful."],
    ["t", "Od pondělí můžu nastoupit."],
    ["t", "This is not a ---------- delimiter."],
    ["t", "I think John wrote: something."],
    ["t", "Jan pisze: przyjdę jutro."],
    ["t", "On Monday at 10:00 I wrote to HR about the contract:"],
    ["t", "I use Proton Mail because it is secure."],
    ["t", "Иван пишет: приду завтра."],
    ["t", "Wysłane z opóźnieniem, bo byłem w podróży i nie miałem zasięgu."],
    ["t", "Отправлено с задержкой, извините, я был в отпуске и без интернета."],
  ];
  it.each(cases)("%s ← %s", (label, line) => {
    expect(labelLine(line)).toBe(label);
  });
});

describe("labelString (context)", () => {
  it("recognises attributions wrapped over two lines (Gmail at 78 columns)", () => {
    expect(labelString("Díky\n\nOn Tue, Dec 3, 2026 at 09:41 AM Martina <jobs@example.cz>\nwrote:\n\n> Hi")).toBe("teaaeq");
    expect(labelString("Díky\n\nút 3. 12. 2026 v 09:41 odesílatel Martina <\njobs@example.cz> napsal:\n> Hi")).toBe("teaaq");
  });
  it("does not swallow the line above an attribution", () => {
    expect(labelString("Zavolejte mi na 777 123 456\nDne 3. 12. 2026 v 09:41 Martina napsal(a):")).toBe("ta");
  });
  it("takes a dateless 'Name wrote:' only above a quote that opens or ends the message", () => {
    expect(labelString("Ano.\n\nMartina Veselá napsal(a):\n> Přijdete?")).toBe("teaq");
    expect(labelString("Jan Kowalski pisze:\n> Czy?\n\nTak.")).toBe("aqet");
    expect(labelString("Hi,\nAs John wrote:\n> ship it\nI agree.")).toBe("ttqt");
    expect(labelString("I think John wrote: ship it.\n> quote")).toBe("tq");
  });

  it("keeps fenced code as text", () => {
    expect(labelString("Code:\n```\n-- \n> not a quote\n```\nEnd")).toBe("tttttt");
  });
});

describe("extractReply", () => {
  it("keeps the sign-off and cuts a Czech attribution with its quote", () => {
    const text = "Dobrý den,\n\núterý platí.\n\nS pozdravem,\nLukáš\n\nDne 3. 12. 2026 v 09:41 Martina Veselá napsal(a):\n> Dobrý den,\n> pošlete CV.";
    expect(extractReply(text)).toEqual({ reply: "Dobrý den,\n\núterý platí.\n\nS pozdravem,\nLukáš", trimmed: true });
  });

  it("handles CRLF, non-breaking spaces and zero-width marks", () => {
    const text = "Ano,\u00a0platí.\r\n\r\nOdesláno z iPhonu\r\n\r\n> Dne 3. 12. 2026 v 09:41, Martina <j@example.cz> napsal(a):\r\n> Dobrý den\r\n";
    expect(extractReply(text)).toEqual({ reply: "Ano, platí.", trimmed: true });
    expect(extractReply("Dob\u200brý den").reply).toBe("Dobrý den");
  });

  it("cuts an Outlook header block (Czech) and a signature", () => {
    const outlook = "Díky.\n\nOd: Martina\nOdesláno: úterý 3. prosince 2026 9:41\nKomu: Lukáš\nPředmět: Pohovor\n\nDobrý den";
    expect(extractReply(outlook).reply).toBe("Díky.");
    expect(extractReply("Díky.\n\n-- \nLukáš Procházka\n+420 777 123 456").reply).toBe("Díky.");
  });

  it("keeps header-like lines in prose", () => {
    expect(extractReply("Od: pondělí můžu nastoupit.\nDíky").reply).toBe("Od: pondělí můžu nastoupit.\nDíky");
    const availability = "Mám volno:\nOd: 1. 2. 2027\nDo: 14. 2. 2027\nDatum nástupu: 1. 3. 2027";
    expect(extractReply(availability)).toEqual({ reply: availability, trimmed: false });
  });

  it("keeps inline answers and drops only the attribution", () => {
    const text = "On Dec 15, 2024, at 2:00 PM, Jane <jane@example.com> wrote:\n> Option A?\n\nYes.\n\n> Option B?\n\nNo.";
    expect(extractReply(text).reply).toBe("> Option A?\n\nYes.\n\n> Option B?\n\nNo.");
    const below = "Hi,\n\nOn Dec 15, 2024, Jane <jane@example.com> wrote:\n> Option A?\n\nYes.\n\n> Option B?\n\nNo.";
    expect(extractReply(below).reply).toBe("Hi,\n\n> Option A?\n\nYes.\n\n> Option B?\n\nNo.");
  });

  it("keeps a bottom-posted reply", () => {
    expect(extractReply("Dne 3. 12. 2026 v 09:41 Martina napsal(a):\n> Přijdete?\n\nAno, přijdu.").reply).toBe("Ano, přijdu.");
  });

  it("never returns an empty reply for a message with text", () => {
    expect(extractReply("> only a quote").reply).toBe("> only a quote");
    expect(extractReply("-----Original Message-----\nFrom: a\nTo: b\nSubject: c\n\nForwarded text").reply).toBe("Forwarded text");
    expect(extractReply("")).toEqual({ reply: "", trimmed: false });
    expect(extractReply("\n \n").reply).toBe("");
  });

  it("keeps a forwarded message whole, with the note and sign-off above it", () => {
    const fwd =
      "posílám doporučení\n\nLukáš\n-- \n+420 777 123 456\n\n---------- Forwarded message ---------\nFrom: Jana <j@x.cz>\nSubject: Doporučení\nDate: 30. 11.\n\nDoporučuji.\n-- \nJana";
    expect(extractReply(fwd).reply).toBe(fwd.replaceAll("-- \n", "--\n")); // trailing blanks are always trimmed
    expect(extractReply("Viz níže.\n\nOdesláno z iPhonu\n\nZačátek přeposílané zprávy:\n\nOd: Jana\n\nText").reply).toBe(
      "Viz níže.\n\nZačátek přeposílané zprávy:\n\nOd: Jana\n\nText",
    );
  });

  it("shows a forwarded body that is one quote below the forward's header block without '> '", () => {
    const head = "Viz níže.\n\n---------- Forwarded message ----------\nFrom: Jana\nDate: 30. 11.\nSubject: Doporučení\n\n";
    expect(extractReply(`${head}> Doporučuji.\n>\n> Jana`).reply).toBe(`${head}Doporučuji.\n\nJana`);
    // A forwarded reply keeps its own quote.
    expect(extractReply(`${head}Ano.\n\n> Hodí se?`).reply).toBe(`${head}Ano.\n\n> Hodí se?`);
  });

  it("takes a Polish 'Do:' with a long, wrapped recipient list as part of the header block", () => {
    const block =
      "Od: Martina <x@y.pl>\nData: wtorek, 1 grudnia 2026 10:00\nDo: Jan <jan@y.pl>, Anna <anna@y.pl>,\nPiotr <piotr@y.pl>, Ewa <ewa@y.pl>,\nTomasz <t@y.pl>\nTemat: Rozmowa";
    expect(extractReply(`Tak.\n\nJan\n\n${block}\n\nCześć`).reply).toBe("Tak.\n\nJan");
    expect(extractReply("Tak.\n\nOd: pondělí do pátku.\nDo: 17:00.\nDíky").reply).toBe("Tak.\n\nOd: pondělí do pátku.\nDo: 17:00.\nDíky");
  });

  it("cuts Outlook's header block, unless the subject says the email is a forward", () => {
    const outlook = "See below.\n\n________________________________\nFrom: Dana\nSent: Monday\nTo: Lukas\nSubject: Reference\n\nLukas is great.";
    expect(extractReply(outlook).reply).toBe("See below.");
    expect(extractReply(outlook, { forwarded: true }).reply).toBe(outlook);
  });

  it("does not cut at a Markdown rule followed by more text", () => {
    expect(extractReply("Points:\n\n----\n\n1. fast\n2. small").reply).toBe("Points:\n\n----\n\n1. fast\n2. small");
  });

  it("stays fast on pathological input", () => {
    const long = `${"On 1 2 3 wrote via ".repeat(5000)}\n${"> a\n".repeat(5000)}${"x".repeat(100_000)}`;
    const started = Date.now();
    extractReply(long);
    extractReplyFromHtml(`${"<div><hr><blockquote type=cite>".repeat(3000)}text`);
    extractReply(`${"Jan Kowalski pisze:\n> a\n".repeat(20_000)}\n${"> Begin forwarded message:\n".repeat(20_000)}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("htmlToText", () => {
  it("turns blocks, <br> and Gmail's <div><br></div> into lines", () => {
    expect(htmlToText('<div dir="ltr">Dobrý den,<div><br></div><div>úterý platí.</div><div>Lukáš</div></div>')).toBe("Dobrý den,\n\núterý platí.\nLukáš");
    expect(htmlToText("<p>One</p><p>Two<br>Three</p>")).toBe("One\n\nTwo\nThree");
  });

  it("drops head, style and script, keeps link text, decodes entities", () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><script>x()</script><p>A&nbsp;&amp;&nbsp;B &ecaron;&#x161;&#269; <a href="https://x.cz">odkaz</a> &lt;3</p></body></html>';
    expect(htmlToText(html)).toBe("A & B ěšč odkaz <3");
  });

  it("renders lists and quotes", () => {
    expect(htmlToText("<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>")).toBe("- a\n- b\n  1. c");
    expect(htmlToText("<p>Hi</p><blockquote>Q1<br>Q2<blockquote>Q3</blockquote></blockquote>")).toBe("Hi\n\n> Q1\n> Q2\n>\n> > Q3");
  });

  it("is tolerant of broken markup", () => {
    expect(htmlToText("<div>a <b>b</div> c < d <p title='x > y'>e")).toBe("a b\nc < d\n\ne");
    expect(htmlToText("<!-- <p>hidden</p> --><!--[if mso]>x<![endif]-->ok")).toBe("ok");
  });
});

describe("extractReplyFromHtml", () => {
  it("cuts Outlook's divRplyFwdMsg history", () => {
    const html = '<div>Díky, platí.</div><hr><div id="divRplyFwdMsg"><b>Od:</b> Martina<br><b>Odesláno:</b> út<br></div><div>Původní</div>';
    expect(extractReplyFromHtml(html)).toEqual({ reply: "Díky, platí.", trimmed: true });
  });

  it("cuts Gmail's gmail_quote, Yahoo's yahoo_quoted and Apple's blockquote type=cite", () => {
    const gmail =
      '<div>Ano.</div><div class="gmail_quote"><div class="gmail_attr">Dne út 3. 12. 2026 Martina napsal(a):</div><blockquote class="gmail_quote">Přijdete?</blockquote></div>';
    expect(extractReplyFromHtml(gmail).reply).toBe("Ano.");
    const yahoo = '<div>Yes.</div><div id="yahoo_quoted_123" class="yahoo_quoted"><div>On Tuesday, Martina wrote:</div><div>Will you come?</div></div>';
    expect(extractReplyFromHtml(yahoo).reply).toBe("Yes.");
    const apple = '<div>Ok.</div><div><br><blockquote type="cite">Will you come?</blockquote></div>';
    expect(extractReplyFromHtml(apple).reply).toBe("Ok.");
  });

  it("keeps a reply whose <hr> is just a rule", () => {
    expect(extractReplyFromHtml("<p>Part one</p><hr><p>Part two</p>").reply).toBe("Part one\n\nPart two");
  });
});
