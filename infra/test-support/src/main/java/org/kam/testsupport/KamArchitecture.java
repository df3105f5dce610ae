package org.kam.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house layout rules every service keeps, checked with ArchUnit:
 * <ul>
 * <li>adapters ({@code ..web..}, {@code ..messaging..}, {@code ..persistence..}) are entry points:
 * nothing else depends on them;</li>
 * <li>capability packages ({@code org.kam.<service>.<capability>}) have no dependency cycles;</li>
 * <li>plain classes, those Spring does not manage or configure, do not use Spring: the domain
 * rules stay testable and readable without a framework.</li>
 * </ul>
 */
public final class KamArchitecture {

    private KamArchitecture() {
    }

    /** The production classes of {@code servicePackage}, as the house rules see them, for a service's own rules. */
    public static JavaClasses classes(String servicePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
    }

    public static void verify(String servicePackage) {
        JavaClasses classes = classes(servicePackage);

        String[] adapters = { servicePackage + "..web..", servicePackage + "..messaging..",
                servicePackage + "..persistence.." };
        noClasses().that().resideOutsideOfPackages(adapters)
                .should().dependOnClassesThat().resideInAnyPackage(adapters)
                .because("adapters call the application, never the other way round")
                .check(classes);

        slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles().check(classes);

        noClasses().that(areNotSpringManaged()).and().resideOutsideOfPackages(adapters)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("domain code has no Spring in it")
                .allowEmptyShould(true)
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> areNotSpringManaged() {
        return DescribedPredicate.describe("are not Spring-managed", javaClass -> {
            JavaClass outer = javaClass;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            return outer.getAnnotations().stream()
                    .noneMatch(a -> a.getRawType().getPackageName().startsWith("org.springframework"));
        });
    }
}
