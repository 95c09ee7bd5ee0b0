package io.contingo.health.probe;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up which monitors point at denied addresses, as Spring Boot says which properties are wrong. */
class DeniedTargetsFailureAnalyzer extends AbstractFailureAnalyzer<DeniedTargetsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DeniedTargetsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Point these monitors at other addresses, or change contingo.probe.deny-list if the address is meant to be watched.",
                cause);
    }
}
