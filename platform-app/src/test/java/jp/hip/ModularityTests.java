package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
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
}
