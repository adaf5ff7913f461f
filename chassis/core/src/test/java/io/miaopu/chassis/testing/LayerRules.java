package io.miaopu.chassis.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The one layering rule of every service, checked by its ArchitectureTest: rest → service →
 * repository → domain, never back. {@code rest/} is a thin adapter; nothing below it imports it.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** The service's own production classes (tests excluded). */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
    }

    /** The rules for {@code basePackage} (e.g. {@code io.miaopu.registry}). */
    public static List<ArchRule> of(String basePackage) {
        String rest = basePackage + ".rest..";
        String service = basePackage + ".service..";
        String mapping = basePackage + ".mapping..";
        String repository = basePackage + ".repository..";
        String domain = basePackage + ".domain..";
        return List.of(
                noClasses().that().resideOutsideOfPackage(rest).should().dependOnClassesThat().resideInAPackage(rest)
                        .because("rest/ is the adapter at the top: nothing else in the service may import it"),
                noClasses().that().resideInAnyPackage(repository, domain).should().dependOnClassesThat()
                        .resideInAnyPackage(service, mapping)
                        .because("repositories and the domain sit below the services and their mappings"),
                noClasses().that().resideInAPackage(domain).should().dependOnClassesThat().resideInAPackage(repository)
                        .because("the domain sits below the repositories"));
    }

    /** Fails with every violation listed when a rule is broken. */
    public static void check(String basePackage) {
        JavaClasses classes = classesOf(basePackage);
        for (ArchRule rule : of(basePackage)) {
            rule.check(classes);
        }
    }
}
