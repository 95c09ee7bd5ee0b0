package io.contingo.starter.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one provider a service signs in with, under the registration id {@value #ID}: its endpoints are read from the
 * issuer's discovery document on the first sign-in, not at start, so that a service starts (and its local accounts
 * work) while the provider is not reachable yet. A failed read is tried again on the next sign-in.
 */
final class ProviderRegistration implements ClientRegistrationRepository {

    /** Every service's redirect URI ends in {@code /login/oauth2/code/contingo}. */
    static final String ID = "contingo";

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

    private final ProviderSignInSettings settings;
    private volatile ClientRegistration registration;

    ProviderRegistration(ProviderSignInSettings settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration found = registration;
        if (found == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                found = registration;
            }
        }
        return found;
    }

    private ClientRegistration discover() {
        try {
            return ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                    .registrationId(ID)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope(settings.scopes())
                    .clientName(settings.providerName())
                    .build();
        } catch (RuntimeException e) {
            log.warn("The identity provider at contingo.security.oidc.issuer-uri={} could not be read ({}): sign-in with it is"
                    + " not possible until it answers; the local accounts still work", settings.issuerUri(), e.getMessage());
            throw e;
        }
    }
}
