package jp.hip.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import jp.hip.api.SmartApps;

/**
 * Demo SMART app (ADR 0033, README): a public client {@value #CLIENT_ID} with redirect {@value #REDIRECT_URI}
 * and every patient scope, so that 山田 太郎 can authorise it and an external FHIR client can use his patient-level
 * token. Idempotent: registered when missing.
 */
@Component
@Profile("demo")
@Order(31)
class SmartAppDemoData implements ApplicationRunner {

    static final String CLIENT_ID = "demo-phr-app";
    static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

    private static final Logger log = LoggerFactory.getLogger(SmartAppDemoData.class);

    private final SmartApps apps;

    SmartAppDemoData(SmartApps apps) {
        this.apps = apps;
    }

    @Override
    public void run(ApplicationArguments args) {
        // start-up work, like every demo loader, in the explicit scope "system" (ADR 0090)
        jp.hip.identity.CurrentTenant.runAsSystem(() -> {
            if (apps.app(CLIENT_ID).isEmpty()) {
                apps.register(CLIENT_ID, "すこやか記録 (デモ PHR アプリ)", List.of(REDIRECT_URI), SmartApps.SCOPES);
                log.info("Demo SMART app registered: {} (redirect {})", CLIENT_ID, REDIRECT_URI);
            }
            return null;
        });
    }
}
