package dev.ticker.job;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticker.member.Member;
import dev.ticker.web.JsonLd;

/**
 * A job posting as a schema.org {@code JobPosting} in JSON-LD, with every property Google's job
 * search requires (title, description, datePosted, hiringOrganization, jobLocation or
 * TELECOMMUTE, validThrough) and those it recommends that the posting can honestly fill. Pay is
 * a {@code baseSalary} only when the salary text states amounts in euros per year, month or
 * hour; a pay scale ("E 11 TVöD") names no amount, so it stays text, in the description. See
 * docs/decisions.md ("JSON-LD").
 */
final class JobPostingJsonLd {

    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** The federal states by their ISO 3166-2 code, as an address names them. */
    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("DE-BW", "Baden-Württemberg"), Map.entry("DE-BY", "Bayern"), Map.entry("DE-BE", "Berlin"),
            Map.entry("DE-BB", "Brandenburg"), Map.entry("DE-HB", "Bremen"), Map.entry("DE-HH", "Hamburg"),
            Map.entry("DE-HE", "Hessen"), Map.entry("DE-MV", "Mecklenburg-Vorpommern"), Map.entry("DE-NI", "Niedersachsen"),
            Map.entry("DE-NW", "Nordrhein-Westfalen"), Map.entry("DE-RP", "Rheinland-Pfalz"), Map.entry("DE-SL", "Saarland"),
            Map.entry("DE-SN", "Sachsen"), Map.entry("DE-ST", "Sachsen-Anhalt"), Map.entry("DE-SH", "Schleswig-Holstein"),
            Map.entry("DE-TH", "Thüringen"));

    private JobPostingJsonLd() {
    }

    /**
     * @param zone the zone of {@code validThrough}: the posting is valid until the end of that day there
     */
    static Map<String, Object> of(JobPosting j, ZoneId zone) {
        Map<String, Object> posting = JsonLd.node("JobPosting");
        posting.put("title", j.title);
        Map<String, Object> salary = j.salary == null ? null : baseSalary(j.salary);
        String description = description(j, salary == null);
        if (description != null) {
            posting.put("description", description);
        }
        if (j.publishedAt != null) {
            posting.put("datePosted", j.publishedAt.toString());
        }
        if (j.validThrough != null) {
            posting.put("validThrough", j.validThrough.atTime(LocalTime.of(23, 59, 59)).atZone(zone).format(WITH_OFFSET));
        }
        posting.put("hiringOrganization", organization(j));
        if (j.location != null) {
            posting.put("jobLocation", place(j.location));
        }
        if (j.remote == RemoteWork.FULL) {
            posting.put("jobLocationType", "TELECOMMUTE");
            Map<String, Object> country = JsonLd.node("Country");
            country.put("name", "DE");
            posting.put("applicantLocationRequirements", country);
        }
        if (j.employmentType != null) {
            posting.put("employmentType", employmentType(j.employmentType));
        }
        if (salary != null) {
            posting.put("baseSalary", salary);
        }
        Map<String, Object> identifier = JsonLd.node("PropertyValue");
        identifier.put("name", j.employerName);
        identifier.put("value", j.id.toString());
        posting.put("identifier", identifier);
        // whether the application page takes applications directly is not known: Google's default
        posting.put("directApply", false);
        if (j.applyUrl != null && j.applyUrl.startsWith("http")) {
            posting.put("url", j.applyUrl);
        }
        return posting;
    }

    /** The description as HTML (sanitised when written); the salary as a paragraph when it is no baseSalary. */
    private static String description(JobPosting j, boolean salaryAsText) {
        StringBuilder html = new StringBuilder(j.descriptionHtml == null ? "" : j.descriptionHtml);
        if (salaryAsText && j.salary != null) {
            html.append(html.length() == 0 ? "" : "\n").append("<p>Vergütung: ").append(escape(j.salary)).append("</p>");
        }
        return html.length() == 0 ? null : html.toString();
    }

    private static Map<String, Object> organization(JobPosting j) {
        Map<String, Object> organization = JsonLd.node("Organization");
        organization.put("name", j.employerName);
        Member member = j.employerMember;
        if (member != null && member.website != null) {
            organization.put("sameAs", member.website);
            organization.put("url", member.website);
        }
        if (member != null && member.logo != null && member.logo.url() != null && !member.logo.url().isEmpty()) {
            organization.put("logo", member.logo.url());
        }
        return organization;
    }

    private static Map<String, Object> place(JobLocation location) {
        Map<String, Object> address = JsonLd.node("PostalAddress");
        if (location.city() != null) {
            address.put("addressLocality", location.city());
        }
        if (location.state() != null) {
            address.put("addressRegion", STATES.getOrDefault(location.state(), location.state()));
        }
        // the country of the state's code; the job market is German, so DE without one
        address.put("addressCountry", location.state() == null ? "DE" : location.state().substring(0, 2));
        Map<String, Object> place = JsonLd.node("Place");
        place.put("address", address);
        return place;
    }

    /** Google's values: FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER. */
    static String employmentType(EmploymentType type) {
        return switch (type) {
            case FULL_TIME -> "FULL_TIME";
            case PART_TIME -> "PART_TIME";
            case CONTRACT -> "CONTRACTOR";
            case TEMPORARY -> "TEMPORARY";
            case INTERNSHIP -> "INTERN";
            case WORKING_STUDENT -> "PART_TIME"; // Werkstudent:innen work part-time beside their studies
            case APPRENTICESHIP -> "OTHER"; // an Ausbildung is none of Google's kinds
        };
    }

    private static final String AMOUNT = "(\\d{1,3}(?:\\.\\d{3})+|\\d+)(?:,(\\d{1,2}))?";
    private static final Pattern SALARY = Pattern.compile("^(?:ab\\s+|bis\\s+)?" + AMOUNT + "(?:\\s*(?:€|EUR|Euro))?"
            + "(?:\\s*(?:-|–|bis)\\s*" + AMOUNT + ")?\\s*(?:€|EUR|Euro)\\s*(?:brutto\\s*)?(?:/\\s*|pro\\s+|im\\s+|je\\s+)?"
            + "(Jahr|jährlich|p\\.\\s?a\\.|Monat|monatlich|Stunde|stündlich)(?:\\s*brutto)?\\.?$", Pattern.CASE_INSENSITIVE);

    /**
     * A baseSalary from a salary text that states amounts: "52.000 – 60.000 € jährlich", "ab 4.100
     * EUR brutto/Monat", "25 € pro Stunde". Anything else (a pay scale, amounts without a period)
     * is null: no amount is made up.
     */
    static Map<String, Object> baseSalary(String text) {
        Matcher m = SALARY.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        String lower = text.strip().toLowerCase(Locale.GERMAN);
        BigDecimal first = amount(m.group(1), m.group(2));
        BigDecimal second = m.group(3) == null ? null : amount(m.group(3), m.group(4));
        Map<String, Object> value = JsonLd.node("QuantitativeValue");
        if (second != null) {
            value.put("minValue", first);
            value.put("maxValue", second);
        } else if (lower.startsWith("ab")) {
            value.put("minValue", first);
        } else if (lower.startsWith("bis")) {
            value.put("maxValue", first);
        } else {
            value.put("value", first);
        }
        String unit = m.group(5).toLowerCase(Locale.GERMAN);
        value.put("unitText", unit.startsWith("jahr") || unit.startsWith("jähr") || unit.startsWith("p") ? "YEAR"
                : unit.startsWith("monat") ? "MONTH" : "HOUR");
        Map<String, Object> salary = JsonLd.node("MonetaryAmount");
        salary.put("currency", "EUR");
        salary.put("value", value);
        return salary;
    }

    private static BigDecimal amount(String whole, String cents) {
        return new BigDecimal(whole.replace(".", "") + (cents == null ? "" : "." + cents));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
