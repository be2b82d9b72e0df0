package dev.ticker.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The newsletter Nr. 20 as demo content (loaded in the test profile): complete, faithful, once. */
@QuarkusTest
class DemoContentTest {

    @Inject
    DemoContent demo;

    @Test
    void loadsOnlyOnce() {
        assertFalse(demo.load(), "a second load does nothing");
        given().queryParam("issue", 20).get("/v1/news").then().body("page.total", equalTo(11));
        given().get("/v1/members/lecos").then().statusCode(200);
        given().get("/v1/members/lecos-2").then().statusCode(404);
    }

    @Test
    void issue20MatchesTheNewsletter() {
        given().get("/v1/issues/20").then().statusCode(200)
                .body("title", equalTo("VITAKO-Branchenticker Nr. 20"))
                .body("issueDate", equalTo("2025-11-12"))
                .body("place", equalTo("Berlin"))
                .body("editorial.salutation", equalTo("Liebe Leserinnen und Leser,"))
                .body("editorial.body", containsString("mit mittlerweile 58 großen und kleinen kommunalen IT-Dienstleistern"))
                .body("editorial.signoff", equalTo("Auf weitere 20 Jahre\nIhr VITAKO-Team"))
                .body("heroImage.caption", containsString("Gemeinsam für die digitale Verwaltung: Bundesminister Dr. Karsten Wildberger"))
                .body("heroImage.caption", containsString("v.l.: Matthias Drexelius, Kerstin Pliquett"))
                .body("heroImage.credit", equalTo("Foto: Sera Z. Kurc für VITAKO"))
                .body("sections.heading", contains("Meldungen", "Fast überlesen"))
                .body("sections[0].news", hasSize(10))
                .body("sections[0].news[0].title", equalTo("VITAKO: 🎙️ Podcast-Folge mit Lars Hoppmann jetzt öffentlich"))
                .body("sections[0].news[1].title", equalTo("Dresden: Smart City für Nachhaltigkeit und Teilhabe"))
                .body("sections[0].news[5].title", equalTo("KISA verantwortlich für digitale Schulausstattung"))
                .body("sections[0].news[9].title", equalTo("Hessen: „Schlauer“ und flüssiger Verkehr dank Echtzeitdaten"))
                .body("sections[1].news[0].teaser", containsString("Alexander Pockrandt und Pamela Krosta-Hartl"));
    }

    @Test
    void theNewsItemsAndEventsAreThoseOfTheNewsletterInItsOrder() {
        given().get("/v1/issues/20").then().statusCode(200)
                .body("sections[0].news.title", contains(
                        "VITAKO: 🎙️ Podcast-Folge mit Lars Hoppmann jetzt öffentlich",
                        "Dresden: Smart City für Nachhaltigkeit und Teilhabe",
                        "regio iT engagiert sich per Mitgliedschaft für Open Source",
                        "Lecos eröffnet Ideencampus für Dialog und Kompetenzbündelung",
                        "Lecos: Stiftungsprofessur zur Förderung der digitalen Verwaltung",
                        "KISA verantwortlich für digitale Schulausstattung",
                        "Frankfurt: Bürger:innen beteiligen sich an Stadtgestaltung",
                        "Hagen führt elektronische Wohnsitzanmeldung ein",
                        "Rheinland-Pfalz: Beispiele für KI-Nutzung in der Verwaltung",
                        "Hessen: „Schlauer“ und flüssiger Verkehr dank Echtzeitdaten"))
                .body("sections[1].news.slug", contains("zendis-neue-doppelspitze"))
                .body("events.title", contains(
                        "Thementag Registermodernisierung – Follow Up",
                        "KRITIS-Konferenz protekt",
                        "Info-Webinar: digital barrierefrei mit Gebärdensprach-Avatar",
                        "FIT-Kongress 2025: „Females in IT – Future of IT“",
                        "CyberSicherheitsForum 2025",
                        "KGSt-Festival",
                        "SWK Talk: „Gesunde Fachkräfte, gute Bildung: Personal und Qualität sichern“",
                        "Kongress Digitaler Staat",
                        "KommDIGITALE"));
    }

    @Test
    void picturesWithoutACaptionAreNotDescribedBeyondTheText() {
        // the newsletter does not say what these pictures show: the alt text names the item they belong to
        given().get("/v1/news/vitako-podcast-folge-mit-lars-hoppmann-jetzt-oeffentlich").then().statusCode(200)
                .body("image.alt", equalTo("Bild zur Meldung „VITAKO: 🎙️ Podcast-Folge mit Lars Hoppmann jetzt öffentlich“"))
                .body("image.credit", equalTo("Bild: VITAKO / Sera Z. Kurc"))
                .body("region", nullValue());
        given().get("/v1/news/lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung").then().statusCode(200)
                .body("image.alt", equalTo("Bild zur Meldung „Lecos eröffnet Ideencampus für Dialog und Kompetenzbündelung“"));
        // tags are words of the item itself
        given().get("/v1/news/kisa-verantwortlich-fuer-digitale-schulausstattung").then().statusCode(200)
                .body("tags", contains("Schule", "Digitale Schulausstattung"));
    }

    @Test
    void newsItemsKeepEmphasisCreditsAndMembers() {
        given().get("/v1/news/kisa-verantwortlich-fuer-digitale-schulausstattung").then().statusCode(200)
                .body("image.credit", equalTo("Bild: Artem Podrez / Pexels.com, bearbeitet"))
                .body("bodyHtml", containsString("<strong>KISA beschafft, unterstützt bei der passenden Ausstattung"))
                .body("region.place", equalTo("Markkleeberg"))
                .body("members.slug", contains("kisa"))
                .body("publishedAt", org.hamcrest.Matchers.startsWith("2025-11-12T"));
        given().get("/v1/news/regio-it-engagiert-sich-per-mitgliedschaft-fuer-open-source").then().statusCode(200)
                .body("image.credit", equalTo("Urheberrecht: regio iT"))
                .body("image.alt", containsString("Dieter Ludwigs (Vorsitzender der regio iT-Geschäftsführung)"))
                .body("body", containsString("Mitglied im Verein **Civitas Connect** geworden"));
        given().get("/v1/news/hessen-schlauer-und-fluessiger-verkehr-dank-echtzeitdaten").then()
                .body("image.credit", equalTo("Bild: KI-genriert mit ChatGPT"))
                .body("body", containsString("235.000 Euro"));
        given().queryParam("member", "lecos").queryParam("sort", "publishedAt").get("/v1/news").then()
                .body("items.slug", hasItem("lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung"))
                .body("items.slug", hasItem("lecos-stiftungsprofessur-zur-foerderung-der-digitalen-verwaltung"));
    }

    @Test
    void theCalendarHasEveryEntryWithItsDatesTimesPlaceAndFormat() {
        given().get("/v1/issues/20").then().statusCode(200)
                .body("events", hasSize(9))
                .body("events[0].title", equalTo("Thementag Registermodernisierung – Follow Up"))
                .body("events[0].startDate", equalTo("2025-11-25"))
                .body("events[0].startTime", equalTo("14:00"))
                .body("events[0].endTime", equalTo("17:00"))
                .body("events[0].organizer", equalTo("KDO"))
                .body("events[0].format", equalTo("online")) // not in the text: see docs/demo-content.md
                .body("events[1].endDate", equalTo("2025-11-26"))
                .body("events[1].location.city", equalTo("Leipzig"))
                .body("events[2].format", equalTo("online"))
                .body("events[4].title", equalTo("CyberSicherheitsForum 2025"))
                .body("events[4].format", equalTo("hybrid"))
                .body("events[4].location.city", equalTo("Stuttgart"))
                .body("events[5].startDate", equalTo("2025-12-02")).body("events[5].endDate", equalTo("2025-12-04"))
                .body("events[6].startTime", equalTo("14:00")).body("events[6].endTime", equalTo("15:00"))
                .body("events[6].format", equalTo("online")) // not in the text either
                .body("events[7].title", equalTo("Kongress Digitaler Staat"))
                .body("events[7].startDate", equalTo("2026-03-03")).body("events[7].endDate", equalTo("2026-03-04"))
                .body("events[8].title", equalTo("KommDIGITALE"))
                .body("events[8].startDate", equalTo("2026-03-25")).body("events[8].endDate", equalTo("2026-03-26"));
        given().queryParam("from", "2026-03-04").queryParam("to", "2026-03-04").get("/v1/events").then()
                .body("items.title", hasItem("Kongress Digitaler Staat"));
    }

    @Test
    void theJobMarketIsEmptyAsInTheNewsletter() throws IOException {
        given().get("/v1/issues/20").then().statusCode(200).body("jobs", empty());
        given().get("/v1/jobs/beispiel-it-administratorin-kommunaler-it-dienstleister").then().statusCode(404);
        for (String member : new String[] { "regio-it", "lecos", "kisa" }) {
            given().queryParam("employer", member).get("/v1/jobs").then().statusCode(200).body("page.total", equalTo(0));
        }
        // other tests write job postings into the same database, so the file itself is the proof
        try (InputStream in = DemoContent.class.getResourceAsStream(DemoContent.FILE)) {
            JsonNode file = new ObjectMapper().readTree(in);
            assertEquals(0, file.path("jobs").size(), "the demo content has no job postings");
            assertEquals(0, file.path("issue").path("jobs").size(), "issue 20 lists no job postings");
        }
    }

    @Test
    void membersAreThoseTheNewsletterNamesWithNothingTheTextDoesNotSay() {
        // the text does not say where Lecos has its seat: no city, no state
        given().get("/v1/members/lecos").then().statusCode(200)
                .body("name", equalTo("Lecos GmbH")).body("city", nullValue()).body("state", nullValue())
                .body("description", containsString("Geschäftsführer: Sebastian Rauer"))
                .body("description", not(containsString("Kommunaler IT-Dienstleister")));
        given().get("/v1/members/regio-it").then().statusCode(200).body("description", containsString("Civitas Connect"))
                .body("city", nullValue()).body("state", nullValue());
        given().get("/v1/members/kisa").then().statusCode(200).body("description", containsString("IT-Dienstleister für Sachsen"))
                .body("state", equalTo("DE-SN"));
    }
}
