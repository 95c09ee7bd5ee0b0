package io.contingo.starter.accounts;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says on start-up, without a stack trace, which accounts setting is missing or wrong and what to set. */
class AccountsFailureAnalyzer extends AbstractFailureAnalyzer<AccountsNotUsableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AccountsNotUsableException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
