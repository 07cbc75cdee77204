package jp.hip.api.fhir;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import jp.hip.phr.PhrFhir;

/**
 * HAPI's instance validator against FHIR R4 core, built once, off the request path: a background thread
 * builds and warms it when the application is ready (ref-phr.md §3.4: about 10 s). Code systems the core
 * packages do not know (特定健診 OID, JP Core categories) are warnings, not errors, as with the JP recipe's
 * {@code -tx n/a}.
 */
@Component
public class FhirValidation {

    private static final Logger log = LoggerFactory.getLogger(FhirValidation.class);

    private final CompletableFuture<FhirValidator> validator = new CompletableFuture<>();

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread thread = new Thread(this::build, "fhir-validator-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private synchronized void build() {
        if (validator.isDone()) {
            return;
        }
        try {
            long started = System.nanoTime();
            FhirContext context = PhrFhir.fhirContext();
            UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(context);
            unknownCodeSystems.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
            ValidationSupportChain chain = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(context),
                    new CommonCodeSystemsTerminologyService(context),
                    new InMemoryTerminologyServerValidationSupport(context),
                    new SnapshotGeneratingValidationSupport(context),
                    unknownCodeSystems);
            FhirValidator built = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
            built.validateWithResult(new Observation()); // warm-up
            validator.complete(built);
            log.info("FHIR validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            validator.completeExceptionally(e);
            throw e;
        }
    }

    /** Errors (and fatals) the R4 core validator finds; empty means valid. Waits for the warm-up if needed. */
    public List<String> errors(IBaseResource resource) {
        if (!validator.isDone()) {
            build();
        }
        return validator.join().validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::describe)
                .toList();
    }

    private static String describe(SingleValidationMessage m) {
        return m.getLocationString() + ": " + m.getMessage();
    }
}
