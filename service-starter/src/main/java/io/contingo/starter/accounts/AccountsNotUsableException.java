package io.contingo.starter.accounts;

/** The configured accounts cannot be used (none, and the demo not asked for; or a password not stored hashed). */
final class AccountsNotUsableException extends IllegalStateException {

    private final String description;
    private final String action;

    AccountsNotUsableException(String description, String action) {
        super(description + " " + action);
        this.description = description;
        this.action = action;
    }

    String description() {
        return description;
    }

    String action() {
        return action;
    }
}
