package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import jp.hip.phr.Capability;

/** The module boundaries of docs/architecture.md, checked on the compiled code. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(HipApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        modules.verify();
    }

    @Test
    void writesModuleDiagrams() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    /** The guideline registry's capabilities are sub-packages of jp.hip.guidelines, each a named interface (ADR 0111). */
    @Test
    void guidelineCapabilitiesAreNamedInterfaces() {
        assertThat(modules.getModuleByName("guidelines").orElseThrow().getNamedInterfaces().stream()
                .filter(named -> !named.isUnnamed()).map(NamedInterface::getName))
                .containsExactlyInAnyOrder("association", "review", "publicregister", "declarations", "comments", "guideline",
                        "rules", "expiry", "seeding");
    }

    /**
     * Splitting the guideline registry made its entities, repositories and shared internals public (ADR 0111); outside
     * jp.hip.guidelines nothing uses them: pages, API and demo data go through the actors' services and their views.
     */
    @Test
    void outsideTheGuidelinesModuleNothingUsesItsEntitiesRepositoriesOrInternals() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.hip");
        Set<String> internals = Set.of("jp.hip.guidelines.Callers", "jp.hip.guidelines.Texts",
                "jp.hip.guidelines.declarations.DeclarationRecords", "jp.hip.guidelines.declarations.DeclarationRules",
                "jp.hip.guidelines.declarations.DraftPrefill", "jp.hip.guidelines.review.AssociationMail");
        List<String> checked = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (JavaClass type : classes) {
            if (inGuidelines(type.getPackageName())) {
                continue;
            }
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                JavaClass target = dependency.getTargetClass();
                if (!inGuidelines(target.getPackageName())) {
                    return;
                }
                checked.add(target.getName());
                if (internals.contains(target.getName()) || target.isAnnotatedWith(jakarta.persistence.Entity.class)
                        || target.isAssignableTo(org.springframework.data.repository.Repository.class)) {
                    violations.add(dependency.getDescription());
                }
            });
        }
        assertThat(checked).contains("jp.hip.guidelines.association.AssociationDesk", "jp.hip.guidelines.publicregister.PublicEntry");
        assertThat(violations).isEmpty();
    }

    private static boolean inGuidelines(String packageName) {
        return packageName.equals("jp.hip.guidelines") || packageName.startsWith("jp.hip.guidelines.");
    }

    /**
     * Inside the PHR module, each capability (a sub-package of jp.hip.phr) uses only the root package, itself and
     * the capabilities its package-info names in {@link Capability#allowedDependencies()}.
     */
    @Test
    void phrCapabilitiesUseOnlyTheirDeclaredDependencies() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.hip.phr");
        Set<String> capabilities = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        for (JavaClass type : classes) {
            String capability = capabilityOf(type.getPackageName());
            if (capability == null) {
                continue;
            }
            Package pkg = Package.getPackage("jp.hip.phr." + capability);
            Capability declared = pkg == null ? null : pkg.getAnnotation(Capability.class);
            if (declared == null) {
                violations.add("jp.hip.phr." + capability + " has no @Capability in its package-info");
                continue;
            }
            capabilities.add(capability);
            Set<String> allowed = new TreeSet<>(List.of(declared.allowedDependencies()));
            allowed.add(capability);
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String target = capabilityOf(dependency.getTargetClass().getPackageName());
                if (target != null && !allowed.contains(target)) {
                    violations.add(dependency.getDescription());
                }
            });
        }
        assertThat(capabilities).contains("access", "persons", "observations", "medication", "bundles", "checkup", "rights", "aggregates");
        assertThat(violations).isEmpty();
    }

    /**
     * The same inside the identity module (ADR 0112): each capability (a sub-package of jp.hip.identity) uses only the
     * root package, itself and the capabilities its package-info names in {@link jp.hip.identity.Capability}.
     */
    @Test
    void identityCapabilitiesUseOnlyTheirDeclaredDependencies() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.hip.identity");
        Set<String> capabilities = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        for (JavaClass type : classes) {
            String capability = identityCapabilityOf(type.getPackageName());
            if (capability == null) {
                continue;
            }
            jp.hip.identity.Capability declared = identityCapability(capability);
            if (declared == null) {
                violations.add("jp.hip.identity." + capability + " has no @Capability in its package-info");
                continue;
            }
            capabilities.add(capability);
            Set<String> allowed = new TreeSet<>(List.of(declared.allowedDependencies()));
            allowed.add(capability);
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String target = identityCapabilityOf(dependency.getTargetClass().getPackageName());
                if (target != null && !allowed.contains(target)) {
                    violations.add(dependency.getDescription());
                }
            });
        }
        assertThat(capabilities).contains(IDENTITY_CAPABILITIES);
        assertThat(violations).isEmpty();
    }

    private static final String[] IDENTITY_CAPABILITIES =
            {"secondfactor", "throttling", "mail", "invitations", "jobs", "database", "apiclients", "personal"};

    private static jp.hip.identity.Capability identityCapability(String capability) {
        try {
            return Class.forName("jp.hip.identity." + capability + ".package-info").getAnnotation(jp.hip.identity.Capability.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String identityCapabilityOf(String packageName) {
        if (!packageName.startsWith("jp.hip.identity.")) {
            return null;
        }
        String rest = packageName.substring("jp.hip.identity.".length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }

    private static String capabilityOf(String packageName) {
        if (!packageName.startsWith("jp.hip.phr.")) {
            return null;
        }
        String rest = packageName.substring("jp.hip.phr.".length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }

    /**
     * Inside the accounting module, likewise (ADR 0108): each capability (a sub-package of jp.hip.accounting) uses
     * only the root package, itself and the capabilities its package-info names in
     * {@link jp.hip.accounting.Capability#allowedDependencies()}. The declared graph has no cycle.
     */
    @Test
    void accountingCapabilitiesUseOnlyTheirDeclaredDependencies() throws ClassNotFoundException {
        String root = "jp.hip.accounting";
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        java.util.Map<String, Set<String>> declared = new java.util.TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (JavaClass type : classes) {
            String capability = capabilityOf(root, type.getPackageName());
            if (capability == null || declared.containsKey(capability)) {
                continue;
            }
            jp.hip.accounting.Capability annotation = Class.forName(root + "." + capability + ".package-info")
                    .getPackage().getAnnotation(jp.hip.accounting.Capability.class);
            assertThat(annotation).as(root + "." + capability + " has @Capability in its package-info").isNotNull();
            declared.put(capability, new TreeSet<>(List.of(annotation.allowedDependencies())));
        }
        for (JavaClass type : classes) {
            String capability = capabilityOf(root, type.getPackageName());
            if (capability == null) {
                continue;
            }
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String target = capabilityOf(root, dependency.getTargetClass().getPackageName());
                if (target != null && !target.equals(capability) && !declared.get(capability).contains(target)) {
                    violations.add(dependency.getDescription());
                }
            });
        }
        assertThat(declared).containsOnlyKeys("ledger", "indicators", "depreciation", "facilities", "years", "resources",
                "strategy", "imports", "outputs", "analysis");
        assertThat(violations).isEmpty();
        // no cycle: repeatedly remove the capabilities whose declared dependencies are all removed already
        Set<String> left = new TreeSet<>(declared.keySet());
        while (left.removeIf(c -> declared.get(c).stream().noneMatch(left::contains))) {
            // until nothing more can be removed
        }
        assertThat(left).as("capabilities in a dependency cycle").isEmpty();
    }

    private static String capabilityOf(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String rest = packageName.substring(root.length() + 1);
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }

}
