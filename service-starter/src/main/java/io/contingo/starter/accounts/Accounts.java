package io.contingo.starter.accounts;

import java.util.List;
import java.util.Locale;

/**
 * The accounts that may sign in, by name and role: who can be picked as an incident's owner, for instance. The
 * configured ones ({@link AccountSettings}), or the local demo ones when none are configured.
 */
public final class Accounts {

    private final List<AccountSettings.Account> accounts;

    Accounts(List<AccountSettings.Account> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** The names of the accounts that have the role (AGENT, MANAGER, ADMIN), sorted. */
    public List<String> withRole(String role) {
        String wanted = role.toUpperCase(Locale.ROOT);
        return accounts.stream().filter(a -> a.roles().stream().anyMatch(r -> r.toUpperCase(Locale.ROOT).equals(wanted)))
                .map(AccountSettings.Account::name).sorted().toList();
    }

    List<AccountSettings.Account> all() {
        return accounts;
    }
}
