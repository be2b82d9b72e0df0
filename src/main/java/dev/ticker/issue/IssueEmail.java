package dev.ticker.issue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.ticker.TickerConfig;
import dev.ticker.content.Caller;
import dev.ticker.content.Image;
import dev.ticker.content.Link;
import dev.ticker.content.Markdown;
import dev.ticker.content.PublishableEntity;
import dev.ticker.event.Event;
import dev.ticker.job.JobPosting;
import dev.ticker.news.NewsItem;
import dev.ticker.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * An issue as a newsletter e-mail: a complete HTML document that mail clients render (tables,
 * inline CSS, 600 px) and its plain-text alternative, from the Qute templates in
 * {@code templates/IssueEmail/}. Qute escapes every value in the HTML; only the rendered,
 * sanitised Markdown is inserted as HTML. Readers without a token get what they see of the issue
 * through the API: published content only. See docs/outputs.md.
 */
@ApplicationScoped
public class IssueEmail {

    private static final Locale GERMAN = Locale.GERMAN;
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", GERMAN);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d.M.", GERMAN);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d.M.yyyy", GERMAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", GERMAN);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s");
    /** A mailing tool's merge tag or an address: no scheme other than http(s) and mailto. */
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)(https?://|mailto:)[^\\s\"<>]+|[^:\\s\"<>][^:\"<>]*");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance html(Mail mail);

        static native TemplateInstance text(Mail mail);
    }

    private final IssueService issues;
    private final Caller caller;
    private final TickerConfig.Email config;

    IssueEmail(IssueService issues, Caller caller, TickerConfig config) {
        this.issues = issues;
        this.caller = caller;
        this.config = config.email();
    }

    /** The HTML e-mail of an issue. */
    @Transactional
    public String html(String numberIdOrSlug, String unsubscribe) {
        return Templates.html(mail(numberIdOrSlug, unsubscribe)).render();
    }

    /** The plain-text alternative: the same content in the same order, wrapped at 72 columns. */
    @Transactional
    public String text(String numberIdOrSlug, String unsubscribe) {
        return Templates.text(mail(numberIdOrSlug, unsubscribe)).render();
    }

    private Mail mail(String numberIdOrSlug, String unsubscribe) {
        String unsubscribeLink = unsubscribe == null ? config.unsubscribeUrl() : checked(unsubscribe);
        Issue issue = issues.findVisible(numberIdOrSlug);
        Predicate<PublishableEntity> shown = caller.seesUnpublished() ? item -> true : PublishableEntity::isPublic;
        List<Section> sections = new ArrayList<>();
        for (IssueSection section : issue.sections) {
            List<Item> items = section.news.stream().filter(shown).map(IssueEmail::item).toList();
            if (!items.isEmpty()) {
                sections.add(new Section(section.heading, PlainText.wrap(section.heading.toUpperCase(GERMAN), PlainText.WIDTH), items));
            }
        }
        Editorial editorial = issue.editorial;
        EditorialView editorialView = editorial == null ? null : new EditorialView(editorial.salutation(), issue.editorialBodyHtml,
                PlainText.wrap(Markdown.toText(editorial.body()), PlainText.WIDTH),
                editorial.signoff() == null ? List.of() : List.of(editorial.signoff().split("\n")));
        HeroImage hero = issue.heroImage;
        HeroView heroView = hero == null ? null : new HeroView(hero.url(), hero.alt(),
                hero.caption() == null ? List.of() : List.of(hero.caption().split("\n")), hero.credit(),
                PlainText.wrap(String.join("\n", nonNull("[Bild: " + hero.alt() + "]", hero.caption(), hero.credit())), PlainText.WIDTH));
        String dateLine = (issue.place == null ? "" : issue.place + ", den ") + LONG_DATE.format(issue.issueDate);
        List<Entry> calendar = issue.events.stream().filter(shown).map(IssueEmail::entry).toList();
        List<Job> jobs = issue.jobs.stream().filter(shown).map(IssueEmail::job).toList();
        String shortName = config.association().split("[ -]", 2)[0];
        Footer footer = new Footer(unsubscribeLink, config.association(), config.board(), config.address(), config.website(),
                PlainText.wrap(String.join("\n", config.association(), config.board(), config.address(), "<" + config.website() + ">"),
                        PlainText.WIDTH));
        String calendarHeading = shortName + " IT-Kalender";
        String jobsHeading = shortName + "-Stellenmarkt";
        return new Mail(preheader(editorial, issue), issue.title, PlainText.wrap(issue.title, PlainText.WIDTH), issue.number,
                dateLine, editorialView, heroView, sections, calendar, jobs, calendarHeading, calendarHeading.toUpperCase(GERMAN),
                jobsHeading, jobsHeading.toUpperCase(GERMAN), footer);
    }

    /** The editorial's first sentence: what inboxes show after the subject. */
    private static String preheader(Editorial editorial, Issue issue) {
        String text = editorial == null ? null : Markdown.toText(editorial.body());
        if (text == null || text.isBlank()) {
            return issue.title;
        }
        String first = SENTENCE_END.split(text.strip(), 2)[0].replace('\n', ' ');
        return first.length() > 200 ? first.substring(0, 199) + "…" : first;
    }

    private static String checked(String unsubscribe) {
        if (unsubscribe.length() > 500 || !UNSUBSCRIBE.matcher(unsubscribe).matches()) {
            throw ProblemException.badRequest("'unsubscribe' must be a mailing tool's merge tag (such as *|UNSUB|* or "
                    + "{{ UnsubscribeURL }}) or an http(s) or mailto address, at most 500 characters.");
        }
        return unsubscribe;
    }

    private static Item item(NewsItem n) {
        String body = n.body != null ? Markdown.toText(n.body) : n.teaser;
        Image image = n.image;
        List<String> textLines = new ArrayList<>();
        if (image != null) {
            textLines.add("[Bild: " + image.alt() + "]" + (image.credit() == null ? "" : " " + image.credit()));
        }
        for (Link link : n.links) {
            textLines.add(link.label() + " <" + link.url() + ">");
        }
        return new Item(n.title, n.bodyHtml, n.teaser, PlainText.wrap(n.title, PlainText.WIDTH), PlainText.wrap(body, PlainText.WIDTH), image,
                List.copyOf(n.links), PlainText.wrap(String.join("\n", textLines), PlainText.WIDTH));
    }

    private static Entry entry(Event e) {
        String when = dates(e.startDate, e.endDate);
        if (e.startTime != null) {
            when += ", " + TIME.format(e.startTime) + (e.endTime == null ? "" : "–" + TIME.format(e.endTime)) + " Uhr";
        }
        List<String> where = new ArrayList<>();
        if (e.location != null) {
            where.addAll(nonNull(e.location.venue(), e.location.city()));
        }
        String format = switch (e.format) {
            case IN_PERSON -> "vor Ort";
            case ONLINE -> "online";
            case HYBRID -> "vor Ort und online";
        };
        String place = where.isEmpty() ? format : String.join(", ", where) + " (" + format + ")";
        String details = String.join(" · ", nonNull(place, e.organizerName));
        return new Entry(when, e.title, place, e.organizerName, e.url,
                PlainText.wrap(when + ": " + e.title + "\n" + details + (e.url == null ? "" : "\n<" + e.url + ">"), PlainText.WIDTH));
    }

    private static Job job(JobPosting j) {
        List<String> where = j.location == null ? List.of() : nonNull(j.location.city());
        String details = String.join(" · ", nonNull(j.employerName, where.isEmpty() ? null : where.get(0), j.salary,
                j.validThrough == null ? null : "bewerben bis " + DAY_MONTH_YEAR.format(j.validThrough)));
        return new Job(j.title, details, j.applyUrl,
                PlainText.wrap(j.title + "\n" + details + (j.applyUrl == null ? "" : "\n<" + j.applyUrl + ">"), PlainText.WIDTH));
    }

    /** "25.11.2025", "25.–26.11.2025", "30.11.–2.12.2025". */
    private static String dates(LocalDate start, LocalDate end) {
        if (end == null || end.equals(start)) {
            return DAY_MONTH_YEAR.format(start);
        }
        if (start.getYear() == end.getYear() && start.getMonth() == end.getMonth()) {
            return start.getDayOfMonth() + ".–" + DAY_MONTH_YEAR.format(end);
        }
        return (start.getYear() == end.getYear() ? DAY_MONTH.format(start) : DAY_MONTH_YEAR.format(start)) + "–"
                + DAY_MONTH_YEAR.format(end);
    }

    private static List<String> nonNull(String... values) {
        List<String> present = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                present.add(value);
            }
        }
        return present;
    }

    /** What the templates show. */
    record Mail(String preheader, String title, String textTitle, int number, String dateLine, EditorialView editorial,
            HeroView hero, List<Section> sections, List<Entry> calendar, List<Job> jobs, String calendarHeading,
            String calendarTextHeading, String jobsHeading, String jobsTextHeading, Footer footer) {
    }

    record EditorialView(String salutation, String bodyHtml, String text, List<String> signoff) {
    }

    /** The picture at the top; its caption keeps its line breaks. */
    record HeroView(String url, String alt, List<String> caption, String credit, String text) {
    }

    record Section(String heading, String textHeading, List<Item> items) {
    }

    /** A news item: {@code html} is the rendered, sanitised body; without one the teaser is shown (escaped by Qute). */
    record Item(String title, String html, String teaser, String textTitle, String text, Image image, List<Link> links,
            String textExtras) {
    }

    record Entry(String when, String title, String place, String organizer, String url, String text) {
    }

    record Job(String title, String details, String url, String text) {
    }

    record Footer(String unsubscribe, String association, String board, String address, String website, String text) {
    }
}
