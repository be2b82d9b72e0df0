package dev.ticker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.ticker.idempotency.Idempotent;

/**
 * The rules of the house (docs/architecture.md), so that a later change cannot quietly break
 * them: a package per feature and one per shared concern, dependencies pointing one way, nothing
 * HTTP-specific in the domain, no framework internals.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.ticker");

    private static final String[] FEATURES = { "dev.ticker.member..", "dev.ticker.news..", "dev.ticker.issue..", "dev.ticker.search..",
            "dev.ticker.event..", "dev.ticker.job..", "dev.ticker.webhook..", "dev.ticker.demo.." };

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.ticker.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void dependenciesPointFromFeaturesToTheHttpEdgeToTheDomainToProblemDetails() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("features").definedBy(FEATURES)
                .layer("http edge").definedBy("dev.ticker.web..", "dev.ticker.cache..", "dev.ticker.token..",
                        "dev.ticker.idempotency..", "dev.ticker.limit..")
                .layer("domain").definedBy("dev.ticker.content..", "dev.ticker.list..", "dev.ticker.changes..", "dev.ticker.revision..")
                // the exceptions every layer throws and their one mapper; it uses no other package of ours
                .layer("problem details").definedBy("dev.ticker.problem..")
                .layer("embedded database").definedBy("dev.ticker.embedded..")
                .whereLayer("features").mayNotBeAccessedByAnyLayer()
                .whereLayer("http edge").mayOnlyBeAccessedByLayers("features")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("features", "http edge")
                .whereLayer("problem details").mayOnlyBeAccessedByLayers("features", "http edge", "domain")
                .whereLayer("embedded database").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNothingOfHttp() {
        noClasses().that().resideInAnyPackage("dev.ticker.content..", "dev.ticker.list..", "dev.ticker.changes..", "dev.ticker.revision..")
                .or().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.vertx..", "io.quarkus.vertx..",
                        "org.jboss.resteasy..")
                .because("services and shared domain code return data; HTTP is the edge's business")
                .check(CLASSES);
    }

    @Test
    void resourcesLeavePersistenceToServices() {
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..",
                        "io.quarkus.hibernate..")
                .because("resources are thin: HTTP in and out, the logic and the data in services")
                .check(CLASSES);
    }

    @Test
    void everyPostHonoursIdempotencyKeys() {
        methods().that().areAnnotatedWith(POST.class).should().beAnnotatedWith(Idempotent.class)
                .because("the contract says every POST honours an Idempotency-Key (docs/idempotency.md)")
                .check(CLASSES);
    }

    @Test
    void noFrameworkInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("..impl..", "..internal..")
                .because("internals change without notice; where no public API exists, isolate the use in one class")
                .check(CLASSES);
    }

    @Test
    void tickersSettingsOnlyThroughTickerConfig() {
        noClasses().that().resideOutsideOfPackage("dev.ticker.web..")
                .should().dependOnClassesThat().areAssignableTo(ConfigProperty.class)
                .because("ticker.* settings are read through TickerConfig; web/ reads Quarkus's own HTTP settings")
                .check(CLASSES);
    }
}
