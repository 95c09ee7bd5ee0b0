package io.contingo.starter.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

/** What a provider's roles claim grants: only Contingo's three roles, however the provider spells them. */
class RolesFromClaimTests {

    @Test
    void aListGivesTheContingoRolesItNamesAndNothingElse() {
        assertThat(names(List.of("AGENT", "offline_access", "MANAGER"))).containsExactlyInAnyOrder("ROLE_AGENT", "ROLE_MANAGER");
    }

    @Test
    void anyCaseAndAnRolePrefixAreTheSameRole() {
        assertThat(names(List.of("admin", "ROLE_Agent"))).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_AGENT");
    }

    @Test
    void oneStringOfNamesApartBySpacesOrCommas() {
        assertThat(names("agent, manager admin")).containsExactlyInAnyOrder("ROLE_AGENT", "ROLE_MANAGER", "ROLE_ADMIN");
    }

    @Test
    void noClaimOrOnlyOtherRolesGiveNone() {
        assertThat(names(null)).isEmpty();
        assertThat(names(List.of("ROLE_ADMINISTRATOR", "superuser"))).isEmpty();
    }

    private static List<String> names(Object claim) {
        return RolesFromClaim.roles(claim).stream().map(GrantedAuthority::getAuthority).toList();
    }
}
